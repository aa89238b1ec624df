using HyperDrive.Fluent.Serialization.Yaml;

namespace HyperDrive.Fluent.Local.Metrics;

/// <summary>
/// Says what a trial that never reported its primary metric did print that looks like a metric, and which printed name
/// is nearest to the one expected (metric names are case-sensitive, as on Azure ML).
/// </summary>
internal static class MetricNameHint
{
    /// <summary>The most printed names a trial's hint keeps.</summary>
    public const int MaxNames = 8;

    /// <summary>Describes what the trial printed instead of <paramref name="metric"/>, or returns null when it printed
    /// nothing like a metric.</summary>
    /// <param name="metric">The primary metric the trial did not report.</param>
    /// <param name="printed">The undeclared names it printed with a number, and the text of each (first seen
    /// first).</param>
    /// <returns>A sentence such as "the script printed 'R2=0.34'; metric names are case-sensitive — did you mean
    /// 'r2'?".</returns>
    public static string? Describe(string metric, IReadOnlyList<(string Name, string Text)> printed)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(printed);
        if (printed.Count == 0)
        {
            return null;
        }

        var shown = string.Join(", ", printed.Take(3).Select(p => $"'{p.Text}'"));
        var sameButCase =
            printed.FirstOrDefault(p => string.Equals(p.Name, metric, StringComparison.OrdinalIgnoreCase));
        if (sameButCase.Name is not null)
        {
            return $"the script printed '{sameButCase.Text}'; metric names are case-sensitive; " +
                $"did you mean '{metric}'?";
        }

        var nearest = printed
            .Select(p =>
                (p.Name, Distance: KeySuggestions.Distance(p.Name.ToUpperInvariant(), metric.ToUpperInvariant())))
            .Where(p => p.Distance <= Math.Max(1, metric.Length / 3))
            .OrderBy(p => p.Distance)
            .FirstOrDefault();
        return nearest.Name is null
            ? $"the script printed {shown}; set primary_metric to one of those names, or print '{metric}=<value>'."
            : $"the script printed {shown}; did you mean '{nearest.Name}' (primary_metric is '{metric}')?";
    }
}
