using System.Globalization;
using System.Text.Json;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>Reads the values the local engine writes into its journal (numbers, the strings <c>NaN</c>/<c>Infinity</c>,
/// parameter maps with nested choice objects).</summary>
internal static class JsonReading
{
    public static double Double(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String =>
            double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
            : double.NaN,
        _ => double.NaN,
    };

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

    public static IReadOnlyDictionary<string, object> Object(JsonElement e)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                map[p.Name] = Value(p.Value);
            }
        }

        return map;
    }

    public static object Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var l) && !e.GetRawText().Contains('.', StringComparison.Ordinal)
            && !e.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) => l,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => Object(e),
        JsonValueKind.Null => string.Empty,
        _ => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText(),
    };
}
