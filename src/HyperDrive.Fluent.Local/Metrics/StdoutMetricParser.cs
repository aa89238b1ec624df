using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Local.Metrics;

/// <summary>
/// Reads metric values from a trial's output lines as real scripts print them, filtered to the declared metric names
/// (only lines containing one of them are scanned; every match is one report; a leading RFC 3339 token is the
/// timestamp): Katib's default <c>name=value</c> (with any text after the value), <c>name: value</c>, JSON lines
/// (<c>{"r2": 0.35, "step": 3}</c>, where <c>"name": value</c> is the same colon form), and the NumPy 2 repr of a
/// scalar (<c>r2=np.float64(0.351)</c>). The user's <see cref="MetricPattern"/>s are applied as well (group 1 is the
/// value); a metric with its own pattern is read only by that pattern, so one printed line never counts twice. A value
/// that is not a number is never dropped silently: it is reported in the <c>ignored</c> list with the reason;
/// <c>nan</c> and <c>inf</c> are reported (the history shows them) and noted, and never count as a best.
/// </summary>
internal sealed partial class StdoutMetricParser
{
    private const int MaxLineShown = 120;

    private readonly string[] _names;
    private readonly (string Metric, Regex Pattern)[] _patterns;
    private readonly string[] _plain; // declared names without a user pattern: the ones the built-in line formats read

    public StdoutMetricParser(IEnumerable<string> metricNames, IEnumerable<MetricPattern> patterns)
    {
        _names = metricNames.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray();
        _patterns = patterns.Select(p => (p.MetricName, new Regex(p.Pattern, RegexOptions.CultureInvariant))).ToArray();
        _plain = _names.Where(n => !_patterns.Any(p => p.Metric == n)).ToArray();
    }

    /// <summary>Gets the metric names the line formats are filtered to.</summary>
    public IReadOnlyList<string> MetricNames => _names;

    /// <summary>Parses one output line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="ignored">Receives a message for each report of a declared metric whose value was ignored or is not
    /// finite.</param>
    /// <returns>The metric reports in the line, with the line's timestamp when it starts with one.</returns>
    public IReadOnlyList<(string Name, double Value, DateTimeOffset? Timestamp)> Parse(
        string line, ICollection<string>? ignored = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        List<(string, double, DateTimeOffset?)>? found = null;
        DateTimeOffset? timestamp = null;
        var timestampRead = false;
        if (_plain.Length > 0 && _plain.Any(n => line.Contains(n, StringComparison.Ordinal)))
        {
            foreach (Match match in NamedValuePattern().Matches(line))
            {
                var name = match.Groups["name"].Value;
                var isColon = match.Groups["sep"].Value == ":";
                if (Array.IndexOf(_plain, name) < 0 || (match.Groups["quote"].Success && !isColon))
                {
                    continue;
                }

                var raw = match.Groups["value"].Value;
                if (!TryReadValue(raw, out var value))
                {
                    // "name: text" is ordinary prose ("r2: see below"); only "name=text" is clearly a report gone
                    // wrong.
                    if (!isColon)
                    {
                        ignored?.Add(
                            $"ignored '{Shorten(line)}': the value of {name} ('{Shorten(raw)}') is not a number.");
                    }

                    continue;
                }

                if (!double.IsFinite(value))
                {
                    ignored?.Add(
                        $"'{Shorten(line)}': {name} is {Show(value)}; it is recorded but never counts as a best or " +
                        "in a policy decision.");
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

    /// <summary>
    /// Lists the names in a line that look like metric reports (<c>name=number</c>, <c>name: number</c>) but are not
    /// declared, so a trial that never reports its primary metric can be told what it did print.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <returns>The undeclared names followed by a number, with the text that reported them.</returns>
    public IEnumerable<(string Name, string Text)> UndeclaredReports(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.IndexOf('=', StringComparison.Ordinal) < 0 && line.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            yield break;
        }

        foreach (Match match in NamedValuePattern().Matches(line))
        {
            var name = match.Groups["name"].Value;
            if (Array.IndexOf(_names, name) < 0 && TryReadValue(match.Groups["value"].Value, out _))
            {
                yield return (name, Shorten(match.Value.Trim()));
            }
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

    /// <summary>Reads a printed value: a number, <c>nan</c>/<c>inf</c>, or a NumPy scalar repr such as
    /// <c>np.float64(0.35)</c>.</summary>
    private static bool TryReadValue(string raw, out double value)
    {
        var wrapped = NumpyScalarPattern().Match(raw);
        var text = wrapped.Success ? wrapped.Groups[1].Value : raw.TrimEnd(',', ';', '}', ']', ')');
        if (TryParseValue(text, out value))
        {
            return true;
        }

        // Katib's rule: the number at the start of the value counts, whatever follows it ("0.35abc", "0.35/1.0").
        var leading = LeadingNumberPattern().Match(text);
        return leading.Success && TryParseValue(leading.Value, out value);
    }

    private static bool TryParseSpecial(string text, out double value)
    {
        value = text.ToUpperInvariant() switch
        {
            "NAN" or "+NAN" or "-NAN" => double.NaN,
            "INF" or "+INF" or "INFINITY" or "+INFINITY" => double.PositiveInfinity,
            "-INF" or "-INFINITY" => double.NegativeInfinity,
            _ => 0,
        };
        return value != 0;
    }

    private static string Show(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";

    private static string Shorten(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxLineShown ? trimmed : string.Concat(trimmed.AsSpan(0, MaxLineShown), "...");
    }

    private static DateTimeOffset? LeadingTimestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var token = space < 0 ? line : line[..space];
        if (token.Length < 20 || token[4] != '-' || token[10] is not ('T' or 't'))
        {
            return null;
        }

        return DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var parsed) ? parsed : null;
    }

    // kubeflow/katib pkg/metricscollector/v1beta1/common/const.go DefaultFilter ("([\w|-]+)\s*=\s*...") widened to what
    // scripts print: "name: value", a JSON member ("name": value) and any value token (checked by TryReadValue), so a
    // value that is not a number can be reported instead of silently skipped. The name must not be glued to a word
    // before it.
    [GeneratedRegex(
        @"(?<![\w|-])(?<quote>"")?(?<name>[\w|-]+)(?(quote)"")\s*(?<sep>[=:])\s*(?<value>[^\s,;]*(\([^)\s]*\))?)")]
    private static partial Regex NamedValuePattern();

    // NumPy >= 2 prints scalars as their repr: np.float64(0.351), np.float32(nan), numpy.int64(3).
    [GeneratedRegex(@"^(?:np|numpy)\.(?:float|int|uint)(?:16|32|64|128)?\(([^)]*)\)$")]
    private static partial Regex NumpyScalarPattern();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([Ee][+-]?\d+)?")]
    private static partial Regex LeadingNumberPattern();
}
