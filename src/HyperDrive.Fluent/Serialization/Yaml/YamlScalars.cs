using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// Resolves YAML scalars to typed values with the YAML 1.2 core schema (plain scalars only; quoted and block
/// scalars are strings), and formats values so that any YAML reader (1.1 or 1.2) reads them back with their type.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>Whether the scalar is a YAML null (empty, <c>~</c> or <c>null</c>, plain).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
        && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The typed value of a scalar: <see langword="null"/>, <see cref="string"/>, <see cref="long"/>,
    /// <see cref="double"/> or <see cref="bool"/>.</summary>
    public static object? Resolve(YamlScalarNode scalar)
    {
        if (IsNull(scalar))
        {
            return null;
        }

        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return text;
        }

        return ResolvePlain(text);
    }

    /// <summary>The typed value of a plain scalar's text.</summary>
    public static object ResolvePlain(string text)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        if (IntPattern().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? (object)l
                : (object)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (HexPattern().IsMatch(text) || OctalPattern().IsMatch(text))
        {
            var value = UnsignedValue(text.AsSpan(2), text[1] == 'x' ? 16 : 8);
            // Beyond long: the nearest real, as a decimal integer that long cannot hold reads (BigInteger's own
            // conversion to double truncates, so 2^64 - 1 would read as 18446744073709549568).
            return value <= long.MaxValue
                ? (object)(long)value
                : (object)double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float,
                    CultureInfo.InvariantCulture);
        }

        if (FloatPattern().IsMatch(text))
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>A YAML 1.2 hex or octal integer, which is unsigned: <c>0xFFFFFFFFFFFFFFFF</c> is 2^64 - 1, not -1 (a
    /// signed 64-bit parse); like a decimal integer beyond <see langword="long"/> it becomes a real (never an
    /// OverflowException).</summary>
    private static System.Numerics.BigInteger UnsignedValue(ReadOnlySpan<char> digits, int radix)
    {
        var value = System.Numerics.BigInteger.Zero;
        foreach (var digit in digits)
        {
            value = (value * radix) + (digit <= '9' ? digit - '0' : (char.ToLowerInvariant(digit) - 'a') + 10);
        }

        return value;
    }

    /// <summary>Whether a string must be quoted so that YAML 1.1 and 1.2 readers both read it back as a
    /// string.</summary>
    public static bool NeedsQuotes(string value) =>
        value.Length == 0
        || value is "~" or "null" or "Null" or "NULL"
        || ResolvePlain(value) is not string
        || Yaml11Special().IsMatch(value)
        || value.Trim().Length != value.Length;

    /// <summary>Formats a real so that it reads back as the same real (always with a '.' so it stays a real).</summary>
    public static string FormatDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, "Only finite numbers can be written to Azure ML YAML.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }

        var e = text.IndexOfAny(['E', 'e']);
        return e < 0 ? text + ".0" : text[..e] + ".0" + text[e..];
    }

    /// <summary>Formats an integer.</summary>
    public static string FormatLong(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Describes a node's kind for error messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode { Value: { Length: > MaxQuoted } v } =>
            string.Create(CultureInfo.InvariantCulture, $"'{v[..(MaxQuoted - 20)]}...' ({v.Length:N0} characters)"),
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported node",
    };

    /// <summary>How much of a value an error message quotes; a longer value is cut (a 1 MB value must not make a 1 MB
    /// message).</summary>
    private const int MaxQuoted = 100;

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    // YAML 1.1 (PyYAML, used by the Azure ML CLI) also reads these as booleans, sexagesimal or underscored numbers.
    [GeneratedRegex(
        @"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|" +
        @"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?0b[01_]+|[-+]?\.[0-9_]+([eE][-+]?[0-9]+)?|=|<<)$")]
    private static partial Regex Yaml11Special();
}
