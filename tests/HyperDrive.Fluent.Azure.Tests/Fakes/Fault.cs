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

    /// <summary>Process the request (the job is created), then answer <see cref="Fault.Status"/> with <see cref="Fault.Body"/>
    /// (a cut-off JSON, an empty 201, an HTML page, ...) instead of the real reply.</summary>
    ReplaceReplyAfterProcessing,
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

    /// <summary>Gets the Content-Type of <see cref="Body"/> (JSON when null).</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets a recorded reply answered instead (its status, headers and body; the fake's names substituted).</summary>
    public Recording? Recording { get; init; }

    public int Count { get; set; } = 1;

    /// <summary>A fault that answers the next <paramref name="count"/> matching requests with a recorded reply.</summary>
    public static Fault Recorded(string method, string pathContains, string recordingFile, int count = 1)
    {
        var recording = Recording.Load(recordingFile);
        return new Fault { Method = method, PathContains = pathContains, Kind = FaultKind.Status, Status = recording.Status, Recording = recording, Count = count };
    }
}
