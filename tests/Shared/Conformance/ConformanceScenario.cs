using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Tests.Conformance;

/// <summary>How a scripted trial ends.</summary>
public enum TrialEnding
{
    /// <summary>It reports its values and completes.</summary>
    Complete,

    /// <summary>It reports its values and fails (a process exiting with code 1, a delegate that throws).</summary>
    Fail,

    /// <summary>It reports its values and then never ends by itself (a trial timeout or a cancel stops it).</summary>
    Hang,
}

/// <summary>One trial's script: the primary metric's values in order (NaN allowed), other metrics, and how it ends.</summary>
public sealed record TrialScript(double[] Values, TrialEnding Ending, string? OtherMetric = null);

/// <summary>
/// One engine-conformance scenario: a sweep (maximize <c>r2</c>, <c>alpha</c> uniform) whose trials follow scripts, and
/// what every engine must agree on: the sweep's status and error, each trial's status, the best trial, and (where the
/// engine evaluates the policy itself) the policy's decisions.
/// </summary>
public sealed record ConformanceScenario
{
    public required string Name { get; init; }

    public required int MaxTotalTrials { get; init; }

    public required int MaxConcurrentTrials { get; init; }

    public required Func<int, TrialScript> Trial { get; init; }

    public EarlyTerminationPolicy? Policy { get; init; }

    /// <summary>Gets, for a service that applies the policy itself (Azure ML), which trial it stops and after how many
    /// values: what the fake service does in place of the policy (trial number, values kept).</summary>
    public (int Trial, int ValuesKept)? ServicePolicyStop { get; init; }

    public TimeSpan? TrialTimeout { get; init; }

    /// <summary>Gets whether the test cancels the run once the first trial has started.</summary>
    public bool CancelAfterStart { get; init; }

    public required SweepRunStatus Status { get; init; }

    /// <summary>Gets how the sweep's error starts (engines name failures in their own words after it), or null for none.</summary>
    public string? ErrorStartsWith { get; init; }

    /// <summary>Gets each trial's status, or null when the engine decides how many trials a canceled run had.</summary>
    public TrialStatus[]? TrialStatuses { get; init; }

    public int? BestTrialNumber { get; init; }

    /// <summary>Gets the policy decisions (trial number, interval, terminate) an engine that evaluates the policy makes.</summary>
    public (int Trial, int Interval, bool Terminate)[] Decisions { get; init; } = [];

    /// <summary>Gets warnings every engine gives, with <c>{0}</c> for the trial id of <see cref="WarningTrial"/>.</summary>
    public string[] Warnings { get; init; } = [];

    public int WarningTrial { get; init; }

    public override string ToString() => Name;
}
