namespace HyperDrive.Fluent.Engines;

/// <summary>What one reported value did under the sweep's rules (<see cref="TrialLedger.Report"/>).</summary>
/// <param name="Counted">Whether it counts: a finite value of the primary metric.</param>
/// <param name="Interval">The trial's interval after it: its number of counted values.</param>
/// <param name="BestChanged">Whether the sweep's best trial or best value changed.</param>
/// <param name="Decision">The early-termination policy's decision, when it was evaluated.</param>
/// <param name="StopReason">Why the policy stops the trial, when it does (the engine stops it and ends it as
/// <see cref="TrialStatus.Terminated"/>).</param>
public sealed record MetricReport(bool Counted, int Interval, bool BestChanged, PolicyDecision? Decision,
    string? StopReason);
