using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Serialization.Json;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>Writes and reads parameter values and metric numbers so they round-trip with their types
/// (a real always has a fraction or exponent, an integer never; non-finite reals are strings).</summary>
internal static class JsonValues
{
    public static void WriteValue(Utf8JsonWriter writer, object value)
    {
        if (JsonScalars.TryWrite(writer, value))
        {
            return;
        }

        switch (value)
        {
            case int i:
                writer.WriteNumberValue(i);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case IReadOnlyDictionary<string, object> map:
                WriteObject(writer, map);
                break;
            case IFormattable f:
                writer.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    public static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> map)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in map)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, item);
        }

        writer.WriteEndObject();
    }

    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
            return;
        }

        writer.WriteRawValue(JsonNumbers.FormatReal(value), skipInputValidation: true);
    }

    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteDouble(writer, value);
    }

    public static double ReadDouble(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : element.GetDouble();

    public static object ReadValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        // (object): not widened to double by the ?: rule
        JsonValueKind.Number => JsonNumbers.IsReal(element) ? element.GetDouble() : (object)element.GetInt64(),
        JsonValueKind.Object => ReadObject(element),
        _ => throw new FormatException($"A parameter value cannot be {element.ValueKind}."),
    };

    public static IReadOnlyDictionary<string, object> ReadObject(JsonElement element)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = ReadValue(property.Value);
        }

        return map;
    }
}
