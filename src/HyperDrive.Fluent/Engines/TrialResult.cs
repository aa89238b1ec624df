namespace HyperDrive.Fluent.Engines;

/// <summary>What one trial did: its parameters, metric histories, status and timing.</summary>
public sealed record TrialResult
{
    /// <summary>Gets the trial's id (Azure: <c>{sweep}_{n}</c>; locally the same shape).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the trial's 0-based number in proposal order.</summary>
    public required int Number { get; init; }

    /// <summary>Gets the sampled parameters by search-space key: <see cref="long"/>, <see cref="double"/>,
    /// <see cref="string"/>, <see cref="bool"/>, or nested dictionaries for object choices.</summary>
    public required IReadOnlyDictionary<string, object> Parameters { get; init; }

    /// <summary>Gets the trial's status.</summary>
    public required TrialStatus Status { get; init; }

    /// <summary>Gets every reported value by metric name, in report order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricValue>> Metrics { get; init; } =
        new Dictionary<string, IReadOnlyList<MetricValue>>(StringComparer.Ordinal);

    /// <summary>Gets when the trial started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the trial ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets how long the trial ran.</summary>
    public TimeSpan? Duration => StartedAt is { } start && EndedAt is { } end ? end - start : null;

    /// <summary>Gets the process exit code (process trials).</summary>
    public int? ExitCode { get; init; }

    /// <summary>Gets why the trial failed or was stopped (the tail of stderr, the policy's reason, ...).</summary>
    public string? Error { get; init; }

    /// <summary>Gets the trial's output folder (local) or outputs location (Azure).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Gets the values of <paramref name="metric"/>, or an empty list.</summary>
    /// <param name="metric">The metric name.</param>
    /// <returns>The values in report order.</returns>
    public IReadOnlyList<MetricValue> GetMetric(string metric) =>
        Metrics.TryGetValue(metric, out var values) ? values : [];

    /// <summary>Gets the trial's best counted value of the objective's metric by its goal (Azure's rule; NaN and
    /// infinity never count, see <see cref="TrialLedger"/>), if it reported any.</summary>
    /// <param name="objective">The objective.</param>
    /// <returns>The best value, or <see langword="null"/>.</returns>
    public double? BestValue(Objective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return TrialLedger.BestOf(GetMetric(objective.PrimaryMetric), objective);
    }
}
