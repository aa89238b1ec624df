namespace HyperDrive.Fluent.Engines;

/// <summary>Something that happened in a run, streamed by <see cref="SweepRun.WatchAsync"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TrialId">The trial, or <see langword="null"/> for run-wide notices.</param>
/// <param name="Timestamp">When.</param>
public sealed record TrialUpdate(TrialUpdateKind Kind, string? TrialId, DateTimeOffset Timestamp)
{
    /// <summary>Gets the pipeline step, for pipeline runs.</summary>
    public string? StepName { get; init; }

    /// <summary>Gets the trial's status after the update.</summary>
    public TrialStatus? Status { get; init; }

    /// <summary>Gets the reported value (<see cref="TrialUpdateKind.Metric"/>).</summary>
    public MetricValue? Metric { get; init; }

    /// <summary>Gets the policy's decision (<see cref="TrialUpdateKind.PolicyEvaluated"/>).</summary>
    public PolicyDecision? Decision { get; init; }

    /// <summary>Gets the output line or notice text (<see cref="TrialUpdateKind.Log"/>,
    /// <see cref="TrialUpdateKind.Notice"/>).</summary>
    public string? Message { get; init; }

    /// <summary>Gets the trial's parameters (<see cref="TrialUpdateKind.Started"/>).</summary>
    public IReadOnlyDictionary<string, object>? Parameters { get; init; }

    /// <summary>Gets whether the update replays a trial that had already finished before the run was resumed (restored
    /// from the run's journal, not new work): a watcher counts it, and need not announce it as new.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Restored { get; init; }
}
