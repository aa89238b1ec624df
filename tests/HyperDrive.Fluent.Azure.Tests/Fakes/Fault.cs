namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>What the fake does instead of (or after) answering a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="Fault.Status"/> (and <see cref="Fault.RetryAfterSeconds"/>) without processing.</summary>
    Status,

    /// <summary>Drop the connection without processing.</summary>
    ResetBeforeProcessing,

    /// <summary>Process the request, then drop the connection (the client never sees the answer).</summary>
    ResetAfterProcessing,

    /// <summary>Invalidate every token issued so far, then answer 401 <c>invalid_token</c>.</summary>
    ExpireToken,
}

/// <summary>A fault injected on the next <see cref="Count"/> requests whose method and path match.</summary>
public sealed class Fault
{
    public required string Method { get; init; }

    public required string PathContains { get; init; }

    public required FaultKind Kind { get; init; }

    public int Status { get; init; } = 503;

    public int? RetryAfterSeconds { get; init; }

    /// <summary>Gets the body answered with a <see cref="FaultKind.Status"/> fault (e.g. a recorded error reply); the fake's own error body when null.</summary>
    public string? Body { get; init; }

    public int Count { get; set; } = 1;
}
