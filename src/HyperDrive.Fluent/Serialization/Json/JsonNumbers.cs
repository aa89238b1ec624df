using System.Globalization;
using System.Text.Json;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>Writes and reads numbers so that a real stays a real: <c>1.0</c> is written as <c>1.0</c>, not <c>1</c>,
/// and a JSON number with a fraction or exponent reads back as a <see cref="double"/>, one without as a
/// <see cref="long"/>.</summary>
internal static class JsonNumbers
{
    /// <summary>The shortest round-trippable text of <paramref name="value"/>, with <c>.0</c> added to whole
    /// numbers.</summary>
    public static string FormatReal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, "JSON has no representation for NaN or infinity.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".Ee") >= 0 ? text : text + ".0";
    }

    /// <summary>Writes a real as a JSON number that reads back as a real. Whole numbers go through a
    /// <see cref="decimal"/> with one decimal place (<c>1.0m</c>), which the writer prints as <c>1.0</c>; this keeps
    /// the writer's own indentation, which raw values would bypass.</summary>
    public static void WriteReal(Utf8JsonWriter writer, double value)
    {
        var text = FormatReal(value);
        if (text.EndsWith(".0", StringComparison.Ordinal)
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var whole))
        {
            writer.WriteNumberValue(whole);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    /// <summary>Writes a named real as a JSON number that reads back as a real.</summary>
    public static void WriteReal(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteReal(writer, value);
    }

    /// <summary>Whether a JSON number was written as a real (with a fraction or an exponent).</summary>
    public static bool IsReal(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny(".Ee") >= 0;

    /// <summary>Reads a JSON number as <see cref="long"/> (no fraction or exponent, in range) or
    /// <see cref="double"/>.</summary>
    public static object ReadNumber(JsonElement number) =>
        !IsReal(number) && number.TryGetInt64(out var integer) ? (object)integer : number.GetDouble();

    /// <summary>The text of a literal input value as REST sends it (a string; reals keep a fraction so they read back
    /// as reals).</summary>
    public static string FormatLiteral(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => FormatReal(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Reads a REST literal string back to the model's value: <c>true</c>/<c>false</c> as booleans, integers
    /// as <see cref="long"/>, reals (with a fraction or exponent) as <see cref="double"/>, anything else as the
    /// string.</summary>
    public static object ParseLiteral(string text)
    {
        if (text is "true")
        {
            return true;
        }

        if (text is "false")
        {
            return false;
        }

        if (text.Length > 0
            && (char.IsAsciiDigit(text[0]) || (text[0] == '-' && text.Length > 1 && char.IsAsciiDigit(text[1]))))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                && string.Equals(integer.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal))
            {
                return integer;
            }

            if (text.AsSpan().IndexOfAny(".Ee") >= 0
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                && double.IsFinite(real)
                && string.Equals(FormatReal(real), text, StringComparison.Ordinal))
            {
                return real;
            }
        }

        return text;
    }
}
