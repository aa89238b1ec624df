namespace HyperDrive.Fluent.Trials;

/// <summary>The identity a job runs as (Azure: <c>identity</c>).</summary>
public abstract record JobIdentity
{
    private protected JobIdentity()
    {
    }

    /// <summary>Gets the YAML type name (<c>aml_token</c>, <c>managed</c>, <c>user_identity</c>).</summary>
    public abstract string Name { get; }
}

/// <summary>The workspace's AML token.</summary>
public sealed record AmlTokenIdentity : JobIdentity
{
    /// <inheritdoc />
    public override string Name => "aml_token";
}

/// <summary>A managed identity (system-assigned when no id is given).</summary>
/// <param name="ClientId">The user-assigned identity's client id.</param>
/// <param name="ObjectId">Its object id.</param>
/// <param name="ResourceId">Its ARM resource id.</param>
public sealed record ManagedIdentity(string? ClientId = null, string? ObjectId = null, string? ResourceId = null)
    : JobIdentity
{
    /// <inheritdoc />
    public override string Name => "managed";
}

/// <summary>The identity of the submitting user.</summary>
public sealed record UserIdentity : JobIdentity
{
    /// <inheritdoc />
    public override string Name => "user_identity";
}
