namespace HyperDrive.Fluent;

/// <summary>A regular expression that reads a metric from a trial's output lines (its first group is the
/// value).</summary>
/// <param name="MetricName">The metric the pattern reports.</param>
/// <param name="Pattern">The .NET regular expression; group 1 captures the value.</param>
public sealed record MetricPattern(string MetricName, string Pattern);
