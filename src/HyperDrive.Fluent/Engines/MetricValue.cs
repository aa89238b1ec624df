namespace HyperDrive.Fluent.Engines;

/// <summary>One reported value of a metric.</summary>
/// <param name="Name">The metric.</param>
/// <param name="Value">The value.</param>
/// <param name="Step">The step the trial gave, else the 0-based report count.</param>
/// <param name="Timestamp">When it was reported.</param>
public sealed record MetricValue(string Name, double Value, long Step, DateTimeOffset Timestamp);
