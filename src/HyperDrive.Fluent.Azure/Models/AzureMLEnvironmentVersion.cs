namespace HyperDrive.Fluent.Azure.Models;

/// <summary>An environment version in the workspace: a registered one (<c>azureml:name:version</c>) or the anonymous
/// version the Azure engine creates for an inline environment (<c>CliV2AnonymousEnvironment</c>, its version a content
/// hash).</summary>
public class AzureMLEnvironmentVersion
{
    /// <summary>Initializes an environment version; use <see cref="HyperDriveModelFactory.AzureMLEnvironmentVersion"/>
    /// in tests.</summary>
    /// <param name="id">The ARM id.</param>
    internal AzureMLEnvironmentVersion(string id)
    {
        Id = id;
    }

    /// <summary>Gets the ARM id, the value for a job's <c>environmentId</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the environment's name (<c>CliV2AnonymousEnvironment</c> for an inline environment).</summary>
    public string? Name { get; internal init; }

    /// <summary>Gets the version (a content hash for an inline environment).</summary>
    public string? Version { get; internal init; }

    /// <summary>Gets the Docker image.</summary>
    public string? Image { get; internal init; }

    /// <summary>Gets the conda specification as the service holds it (it may re-encode the text it was sent, e.g. as
    /// JSON).</summary>
    public string? CondaFile { get; internal init; }

    /// <summary>Gets whether this is an anonymous (inline) environment version.</summary>
    public bool IsAnonymous { get; internal init; }
}
