namespace HyperDrive.Fluent.Engines;

/// <summary>The outcome of a run: every trial, the best one, and the policy's decisions.</summary>
public sealed record SweepResult
{
    /// <summary>Gets the run's id (the job name).</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the final status.</summary>
    public required SweepRunStatus Status { get; init; }

    /// <summary>Gets the objective the trials were compared by (<see langword="null"/> for a pipeline without sweep
    /// steps).</summary>
    public Objective? Objective { get; init; }

    /// <summary>Gets every trial, in proposal order.</summary>
    public IReadOnlyList<TrialResult> Trials { get; init; } = [];

    /// <summary>Gets the best trial, or <see langword="null"/> when none reported the primary metric.</summary>
    public TrialResult? BestTrial { get; init; }

    /// <summary>Gets every evaluation of the early termination policy, in order.</summary>
    public IReadOnlyList<PolicyDecision> Decisions { get; init; } = [];

    /// <summary>Gets notices about the run (settings that did not apply, trials that never reported the metric,
    /// ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets where results were written (local engine), if anywhere.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Gets the results of a pipeline's steps by step name (sweep steps with their trials; command steps with
    /// one trial).</summary>
    public IReadOnlyDictionary<string, SweepResult> Steps { get; init; } =
        new Dictionary<string, SweepResult>(StringComparer.Ordinal);

    /// <summary>Gets how long the run was running, from its start to its end without the time between an interruption
    /// and a resume, or <see langword="null"/> when the engine does not say (the report then shows the span of the
    /// trials).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? WallTime { get; init; }

    /// <summary>Gets why the run failed, if it did.</summary>
    public string? Error { get; init; }
}
