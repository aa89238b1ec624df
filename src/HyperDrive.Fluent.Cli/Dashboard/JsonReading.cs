using System.Text.Json;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>Reads the search-space hints of a job body or journal (the journal's values themselves are read by the
/// local engine's <c>JournalReplay</c>).</summary>
internal static class JsonReading
{
    /// <summary>The distribution's name of a search-space entry: <c>"loguniform"</c> (the journal) or
    /// <c>["loguniform", [min, max]]</c> (<c>sweep.json</c>); empty when it is neither.</summary>
    public static string DistributionName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? string.Empty,
        JsonValueKind.Array when e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.String =>
            e[0].GetString() ?? string.Empty,
        JsonValueKind.Object when e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String =>
            type.GetString() ?? string.Empty,
        _ => string.Empty,
    };
}
