namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>The Azure faults of issue 15 as injectable <see cref="Fault"/>s: what becomes of the reply to a request the
/// service has processed (lost, empty, cut off, an HTML page, a job without a name, a numeric status, a gateway timeout).</summary>
public static class FaultMatrix
{
    /// <summary>Every fault of the matrix.</summary>
    public static readonly string[] Names =
    [
        "reset-after-processing",
        "reset-after-processing-every-attempt",
        "truncated-json",
        "empty-201",
        "html-201",
        "no-name",
        "numeric-status",
        "recorded-504-after-processing",
        "recorded-502-after-processing",
    ];

    /// <summary>The faults to inject on the job PUT for <paramref name="name"/>.</summary>
    public static IReadOnlyList<Fault> Create(string name, string pathContains = "/jobs/") => name switch
    {
        "reset-after-processing" => [new Fault { Method = "PUT", PathContains = pathContains, Kind = FaultKind.ResetAfterProcessing }],
        "reset-after-processing-every-attempt" => [new Fault { Method = "PUT", PathContains = pathContains, Kind = FaultKind.ResetAfterProcessing, Count = 5 }],
        "recorded-504-after-processing" => [Processed(pathContains, FakeAzureML.Recordings.PutJob504, count: 5)],
        "recorded-502-after-processing" => [Processed(pathContains, FakeAzureML.Recordings.PutJob502, count: 5)],
        "empty-201" => [Reply("PUT", pathContains, "empty-200", status: 201)],
        "html-201" => [Reply("PUT", pathContains, "html-200", status: 201)],
        _ => [Reply("PUT", pathContains, name, status: 201)],
    };

    /// <summary>A reply that replaces the real one after processing.</summary>
    public static Fault Reply(string method, string pathContains, string kind, int status) => kind switch
    {
        "truncated-json" => Replace(method, pathContains, status, """{"id": "/subscriptions/x/jobs/a", "name": "a", "properties": {"jobType": "Swe"""),
        "empty-200" => Replace(method, pathContains, status, string.Empty),
        "html-200" => Replace(method, pathContains, status, "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>", "text/html"),
        "no-name" => Replace(method, pathContains, status, """{"properties": {"jobType": "Sweep", "status": "Running"}}"""),
        "numeric-status" => Replace(method, pathContains, status, """{"id": "/x/jobs/odd", "name": "odd", "properties": {"jobType": "Command", "status": 3}}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown fault"),
    };

    private static Fault Replace(string method, string pathContains, int status, string body, string? contentType = null) =>
        new() { Method = method, PathContains = pathContains, Kind = FaultKind.ReplaceReplyAfterProcessing, Status = status, Body = body, ContentType = contentType };

    /// <summary>The recorded error reply, sent after the service processed the request (a gateway that timed out on a PUT
    /// the service went on to complete).</summary>
    private static Fault Processed(string pathContains, string recording, int count)
    {
        var recorded = Recording.Load(recording);
        return new Fault { Method = "PUT", PathContains = pathContains, Kind = FaultKind.ReplaceReplyAfterProcessing, Status = recorded.Status, Body = recorded.BodyText, Count = count };
    }
}
