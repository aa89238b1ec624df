namespace HyperDrive.Fluent.Engines;

/// <summary>How an ended trial counts under the sweep's rules (<see cref="TrialLedger.Ended"/>).</summary>
/// <param name="Failure">Why it failed (<c>exited with code 1</c>, <c>did not report r2</c>, <c>timed out</c>), or
/// <see langword="null"/> when it did not.</param>
/// <param name="Warning">A warning to show now (the trial never reported the primary metric), or
/// <see langword="null"/>.</param>
/// <param name="StopSweep">Why failures stop the sweep now (the engine stops the running trials and the sweep ends
/// <see cref="SweepRunStatus.Failed"/>), or <see langword="null"/>.</param>
public sealed record TrialVerdict(string? Failure, string? Warning, string? StopSweep);
