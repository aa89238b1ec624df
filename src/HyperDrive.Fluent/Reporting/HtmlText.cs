using System.Globalization;
using System.Text;

namespace HyperDrive.Fluent.Reporting;

/// <summary>Escaping and number formatting for the report: every piece of user text goes through
/// <see cref="Escape"/>.</summary>
internal static class HtmlText
{
    /// <summary>Escapes text for an HTML (and XML) text node or a double- or single-quoted attribute value.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c is not '\n' and not '\t' => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>Formats a metric or parameter value for people: 4 significant digits, invariant culture.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Formats an SVG coordinate: at most two decimals, invariant culture.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Formats a parameter value of any of the sampler's types.</summary>
    public static string Value(object? value) => value switch
    {
        null => string.Empty,
        double d => Number(d),
        float f => Number(f),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Formats a duration: <c>850 ms</c>, <c>12.3 s</c>, <c>4 min 05 s</c>, <c>2 h 03 min</c>.</summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return "\u2014";
        }

        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        return d.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0} ms"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds:00} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00} min"),
        };
    }
}
