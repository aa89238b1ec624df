using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Tests.Serialization.Json;

/// <summary>
/// REST -> YAML -> REST never loses a field silently (issue 10), on the service's real traffic
/// (<c>TestData/recordings</c>, INDEX.md there): every field set in a recorded request or response body is in the body
/// written back from the YAML, or is named in a notice of the read (<see cref="AzureMLJson.Read(string, out IReadOnlyList{ValidationProblem}, string?, AzureMLJsonOptions?)"/>)
/// or of the YAML writer (<see cref="AzureMLYaml.Write(JobDefinition, out IReadOnlyList{ValidationProblem})"/>).
/// </summary>
public class AzureMLJsonRoundTripTests
{
    private const string Workspace = "/subscriptions/00000000-0000-0000-0000-000000000/resourceGroups/00000/providers/Microsoft.MachineLearningServices/workspaces/00000";

    private static readonly AzureMLJsonOptions Options = new() { WorkspaceId = Workspace, ApiVersion = "2024-01-01-preview" };

    public static TheoryData<string, string> Bodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file!)));
            foreach (var side in new[] { "request", "response" })
            {
                if (document.RootElement.GetProperty(side).TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object)
                {
                    data.Add(file!, side);
                }
            }
        }

        return data;
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Serialization", "Json", "TestData", "recordings");

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Every_recorded_field_survives_REST_to_YAML_to_REST_or_is_named(string file, string side)
    {
        var recorded = Body(file, side);
        var job = AzureMLJson.Read(recorded, out var notices, file, Options);
        var yaml = AzureMLYaml.Write(job, out var omissions);
        var again = AzureMLYaml.Read(yaml, new AzureMLYamlReadOptions { SourcePath = Path.Combine(Folder, "job.yml"), MissingComponentFile = MissingComponentFileBehavior.KeepReference });
        var written = AzureMLJson.Write(again, Options with { IncludeName = true });

        var named = notices.Concat(omissions).Select(n => n.Path).ToList();
        var rewritten = Leaves(written).Select(Normalize).ToHashSet();
        var lost = Leaves(recorded).Where(leaf => !IsDefault(leaf)).Select(Normalize).Where(leaf => !rewritten.Contains(leaf) && !named.Any(p => Covers(p, leaf.Path))).ToList();
        lost.Should().BeEmpty($"every field of the recorded body must come back or be named; lost: {string.Join(", ", lost)}; notices: {string.Join(" | ", named)}");
    }

    /// <summary>REST defaults the writer leaves out: <c>isArchived: false</c> (azure-ai-ml sends it; JobBase's default).</summary>
    private static bool IsDefault((string Path, string Value) leaf) => leaf.Path.EndsWith("isArchived", StringComparison.Ordinal) && leaf.Value == "False";

    /// <summary>Documented equivalences: the goal in any case (the SDK sent <c>maximize</c>, the service echoes
    /// <c>Maximize</c>, the writer sends <c>Maximize</c>); serverless as the <c>.../computes/serverless</c> ARM id older
    /// azure-ai-ml sent (2023-04 recordings) or as the literal <c>serverless</c> it sends now (issue 10, <c>_try_get_compute_arm_id</c>).</summary>
    private static (string Path, string Value) Normalize((string Path, string Value) leaf) => leaf switch
    {
        { Path: var p } when p.EndsWith("objective.goal", StringComparison.Ordinal) => (leaf.Path, leaf.Value.ToLowerInvariant()),
        { Value: var v } when v.EndsWith("/computes/serverless", StringComparison.OrdinalIgnoreCase) => (leaf.Path, "serverless"),
        _ => leaf,
    };

    private static bool Covers(string notice, string leaf) =>
        leaf == notice || leaf.StartsWith(notice + ".", StringComparison.Ordinal) || (notice.EndsWith('*') && leaf.StartsWith(notice.TrimEnd('*'), StringComparison.Ordinal));

    private static string Body(string file, string side)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        return document.RootElement.GetProperty(side).GetProperty("body").GetRawText();
    }

    /// <summary>The set fields of a body: (path, value) for every scalar that is not null, empty containers left out.</summary>
    private static HashSet<(string Path, string Value)> Leaves(string json)
    {
        using var document = JsonDocument.Parse(json);
        var leaves = new HashSet<(string, string)>();
        Walk(document.RootElement, string.Empty, leaves);
        return leaves;
    }

    private static void Walk(JsonElement element, string path, HashSet<(string, string)> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    Walk(member.Value, path.Length == 0 ? member.Name : $"{path}.{member.Name}", leaves);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", leaves);
                }

                break;
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Number:
                leaves.Add((path, element.GetDouble().ToString("R", CultureInfo.InvariantCulture)));
                break;
            default:
                leaves.Add((path, element.ToString()));
                break;
        }
    }
}
