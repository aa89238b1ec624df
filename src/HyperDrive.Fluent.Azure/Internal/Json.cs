using System.Globalization;
using System.Text.Json;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Null-tolerant reads from service JSON (the service sends explicit nulls almost everywhere).</summary>
internal static class Json
{
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? GetString(this JsonElement element, string name) =>
        element.Get(name) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString()
            : value.GetRawText() : null;

    public static long? GetInt64(this JsonElement element, string name) =>
        element.Get(name) is { } value
            ? value.ValueKind == JsonValueKind.Number ? value.GetInt64()
            : value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
            : null
            : null;

    public static Dictionary<string, string> GetStringMap(this JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.Get(name) is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Null)
                {
                    map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }
            }
        }

        return map;
    }

    /// <summary>Converts a JSON value to the model's parameter types: <see cref="long"/>, <see cref="double"/>,
    /// <see cref="string"/>, <see cref="bool"/>, dictionaries and lists.</summary>
    public static object ToParameterValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var integer) ? integer : value.GetDouble(),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object =>
            value.EnumerateObject().ToDictionary(p => p.Name, p => ToParameterValue(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Select(ToParameterValue).ToList(),
        _ => string.Empty,
    };

    public static DateTimeOffset? FromUnixMilliseconds(long? milliseconds) =>
        milliseconds is { } ms && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
