namespace HyperDrive.Fluent.Engines;

/// <summary>The end of a sweep under its rules (<see cref="TrialLedger.Conclude"/>).</summary>
/// <param name="Status">The sweep's status.</param>
/// <param name="Error">Why it failed (<c>all 4 trials failed: 3 exited with code 1, 1 did not report r2</c>), or
/// <see langword="null"/>.</param>
/// <param name="Warnings">The warnings, in order.</param>
public sealed record SweepOutcome(SweepRunStatus Status, string? Error, IReadOnlyList<string> Warnings);
