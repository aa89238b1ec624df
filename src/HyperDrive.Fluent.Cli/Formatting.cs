using System.Globalization;

namespace HyperDrive.Fluent.Cli;

/// <summary>How the tool writes numbers, parameters and statuses (invariant culture, compact).</summary>
internal static class Formatting
{
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Value(object? value) => value switch
    {
        null => "null",
        double d => Number(d),
        float f => Number(f),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string Parameters(IReadOnlyDictionary<string, object>? parameters) =>
        parameters is null || parameters.Count == 0
            ? "-"
            : string.Join(
                ", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Value(p.Value)}"));

    public static string Status<T>(T status)
        where T : struct, Enum => status.ToString().ToLowerInvariant();
}
