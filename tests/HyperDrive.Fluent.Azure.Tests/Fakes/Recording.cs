using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>
/// One request/response pair recorded by azure-ai-ml against the real Azure ML service (a file of
/// <c>TestData/recordings/</c>, copied verbatim from <c>shared/corpus/recordings/service/</c>; see its INDEX.md). The fake
/// answers with <see cref="Status"/>, the recorded headers and the recorded body, after <see cref="Substitute"/> has put the
/// fake's own host, workspace, names and api-version where the recording has the real (sanitised) ones.
/// </summary>
public sealed partial class Recording
{
    /// <summary>The workspace path every ARM recording uses (the recorder sanitised subscription, group and workspace).</summary>
    public const string RecordedWorkspacePath = "/subscriptions/00000000-0000-0000-0000-000000000/resourceGroups/00000/providers/Microsoft.MachineLearningServices/workspaces/00000";

    public const string RecordedSubscription = "/subscriptions/00000000-0000-0000-0000-000000000/";

    private Recording(string file, JsonObject root)
    {
        File = file;
        var request = root["request"]!.AsObject();
        var response = root["response"]!.AsObject();
        Method = (string)request["method"]!;
        Uri = (string)request["uri"]!;
        RequestBody = request["body"]?.DeepClone();
        Status = (int)response["status"]!;
        Headers = response["headers"]!.AsObject().ToDictionary(h => h.Key, h => (string)h.Value!, StringComparer.OrdinalIgnoreCase);
        Body = response["body"]?.DeepClone();
    }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "recordings");

    /// <summary>Gets the file name.</summary>
    public string File { get; }

    public string Method { get; }

    public string Uri { get; }

    public JsonNode? RequestBody { get; }

    public int Status { get; }

    /// <summary>Gets the recorded response headers (the corpus kept Location, Azure-AsyncOperation, Retry-After, Content-Type, x-ms-*).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the recorded body: a JSON value, a JSON string holding the raw text sent (the cancel's <c>"null"</c>), or
    /// <see langword="null"/> for an empty body.</summary>
    public JsonNode? Body { get; }

    /// <summary>Gets the recorded body as a JSON object (for templates the fake fills in).</summary>
    public JsonObject BodyObject => (JsonObject)Body!.DeepClone();

    public static Recording Load(string file) =>
        new(file, JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Folder, file)))!.AsObject());

    /// <summary>The text the service sent: empty for a null body, the raw string for a string body, else the JSON (pretty-printed,
    /// as the service sends it).</summary>
    public string BodyText => Body switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var raw) => raw,
        _ => Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }),
    };

    /// <summary>Replaces the recording's host, workspace and api-version with the fake's, then each (from, to) pair.</summary>
    public static string Substitute(string text, Uri endpoint, params (string From, string To)[] replace)
    {
        var host = endpoint.AbsoluteUri.TrimEnd('/');
        text = text.Replace("https://management.azure.com", host, StringComparison.Ordinal)
            .Replace(RecordedWorkspacePath, FakeAzureML.WorkspacePath, StringComparison.Ordinal)
            .Replace(RecordedSubscription, $"/subscriptions/{FakeAzureML.SubscriptionId}/", StringComparison.Ordinal);
        text = ApiVersion().Replace(text, "api-version=" + FakeAzureML.ApiVersion);
        foreach (var (from, to) in replace)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex("api-version=[0-9a-z-]+")]
    private static partial Regex ApiVersion();
}
