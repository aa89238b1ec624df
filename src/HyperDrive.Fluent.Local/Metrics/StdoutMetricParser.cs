using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Local.Metrics;

/// <summary>
/// Reads metric values from a trial's output lines: Katib's default <c>name=value</c> format, filtered to the declared
/// metric names (only lines containing one of them are scanned; every match is one report; a leading RFC 3339 token is
/// the timestamp), plus the user's <see cref="MetricPattern"/>s (group 1 is the value; every match is one report).
/// </summary>
internal sealed partial class StdoutMetricParser
{
    private readonly string[] _names;
    private readonly (string Metric, Regex Pattern)[] _patterns;

    public StdoutMetricParser(IEnumerable<string> metricNames, IEnumerable<MetricPattern> patterns)
    {
        _names = metricNames.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray();
        _patterns = patterns.Select(p => (p.MetricName, new Regex(p.Pattern, RegexOptions.CultureInvariant))).ToArray();
    }

    /// <summary>Gets the metric names the Katib format is filtered to.</summary>
    public IReadOnlyList<string> MetricNames => _names;

    /// <summary>Parses one output line.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The metric reports in the line, with the line's timestamp when it starts with one.</returns>
    public IReadOnlyList<(string Name, double Value, DateTimeOffset? Timestamp)> Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        List<(string, double, DateTimeOffset?)>? found = null;
        DateTimeOffset? timestamp = null;
        var timestampRead = false;
        if (_names.Length > 0 && _names.Any(n => line.Contains(n, StringComparison.Ordinal)))
        {
            foreach (Match match in KatibPattern().Matches(line))
            {
                var name = match.Groups[1].Value;
                if (Array.IndexOf(_names, name) < 0 || !TryParseValue(match.Groups[2].Value, out var value))
                {
                    continue;
                }

                if (!timestampRead)
                {
                    timestamp = LeadingTimestamp(line);
                    timestampRead = true;
                }

                (found ??= []).Add((name, value, timestamp));
            }
        }

        foreach (var (metric, pattern) in _patterns)
        {
            foreach (Match match in pattern.Matches(line))
            {
                if (match.Groups.Count > 1 && TryParseValue(match.Groups[1].Value.Trim(), out var value))
                {
                    (found ??= []).Add((metric, value, null));
                }
            }
        }

        return found ?? (IReadOnlyList<(string, double, DateTimeOffset?)>)[];
    }

    internal static bool TryParseValue(string text, out double value)
    {
        if (text.Length == 0 || text is "+" or "-" or "." || text.EndsWith('e') || text.EndsWith('E'))
        {
            value = 0;
            return false;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            || TryParseSpecial(text, out value);
    }

    private static bool TryParseSpecial(string text, out double value)
    {
        value = text.ToUpperInvariant() switch
        {
            "NAN" => double.NaN,
            "INF" or "+INF" or "INFINITY" => double.PositiveInfinity,
            "-INF" or "-INFINITY" => double.NegativeInfinity,
            _ => 0,
        };
        return value != 0;
    }

    private static DateTimeOffset? LeadingTimestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var token = space < 0 ? line : line[..space];
        if (token.Length < 20 || token[4] != '-' || token[10] is not ('T' or 't'))
        {
            return null;
        }

        return DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    // kubeflow/katib pkg/metricscollector/v1beta1/common/const.go: DefaultFilter.
    [GeneratedRegex(@"([\w|-]+)\s*=\s*([+-]?\d*(\.\d+)?([Ee][+-]?\d+)?)")]
    private static partial Regex KatibPattern();
}
