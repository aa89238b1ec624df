using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Local.Metrics;

/// <summary>
/// Reads metric values from a trial's output lines: Katib's default <c>name=value</c> format, filtered to the declared
/// metric names (only lines containing one of them are scanned; every match is one report; a leading RFC 3339 token is
/// the timestamp), plus the user's <see cref="MetricPattern"/>s (group 1 is the value; every match is one report).
/// Also read, for declared names without a user pattern, what scripts really print: NumPy 2's repr
/// (<c>r2=np.float64(0.351)</c>), <c>r2: 0.35</c>, and JSON lines (<c>{"r2": 0.35, "step": 3}</c>, numbers only).
/// </summary>
internal sealed partial class StdoutMetricParser
{
    private readonly string[] _names;
    private readonly (string Metric, Regex Pattern)[] _patterns;
    private readonly string[] _plain; // declared names without a user pattern: also read in the colon, NumPy and JSON forms

    public StdoutMetricParser(IEnumerable<string> metricNames, IEnumerable<MetricPattern> patterns)
    {
        _names = metricNames.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray();
        _patterns = patterns.Select(p => (p.MetricName, new Regex(p.Pattern, RegexOptions.CultureInvariant))).ToArray();
        _plain = _names.Where(n => !_patterns.Any(p => p.Metric == n)).ToArray();
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
        if (_plain.Length > 0 && TryParseJsonLine(line, out var json))
        {
            found = json;
        }
        else if (_names.Length > 0 && _names.Any(n => line.Contains(n, StringComparison.Ordinal)))
        {
            var text = line.Contains("float", StringComparison.Ordinal) || line.Contains("int", StringComparison.Ordinal)
                ? NumpyScalarPattern().Replace(line, "$1")
                : line;
            foreach (Match match in KatibPattern().Matches(text))
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

            foreach (Match match in ColonPattern().Matches(text))
            {
                var name = match.Groups[1].Value;
                if (Array.IndexOf(_plain, name) < 0 || !TryParseValue(match.Groups[2].Value, out var value))
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

    private bool TryParseJsonLine(string line, out List<(string, double, DateTimeOffset?)>? found)
    {
        found = null;
        var trimmed = line.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{' || trimmed[^1] != '}')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed.ToString());
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (Array.IndexOf(_plain, property.Name) >= 0 && property.Value.ValueKind == JsonValueKind.Number)
                {
                    (found ??= []).Add((property.Name, property.Value.GetDouble(), null));
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false; // not JSON after all: read it as text
        }
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

    // `name: value` (a YAML-ish or logging style); the name must be declared and have no user pattern.
    [GeneratedRegex(@"([\w|-]+)\s*:\s*([+-]?\d*(\.\d+)?([Ee][+-]?\d+)?)(?![\w.])")]
    private static partial Regex ColonPattern();

    // NumPy >= 2 prints scalars as np.float64(0.351) (NEP 51); numpy.float32(...) and np.int64(...) alike.
    [GeneratedRegex(@"\b(?:np|numpy)\.(?:float|int|uint)\d*\(\s*([^()\s]*)\s*\)")]
    private static partial Regex NumpyScalarPattern();
}
