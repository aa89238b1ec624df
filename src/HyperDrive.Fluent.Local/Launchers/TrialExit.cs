namespace HyperDrive.Fluent.Local.Launchers;

/// <summary>How a trial exited on its own (a trial that was stopped throws instead).</summary>
/// <param name="ExitCode">The process exit code; <see langword="null"/> for a trial without a process.</param>
/// <param name="Failure">Why the trial failed; <see langword="null"/> when it succeeded.</param>
/// <param name="SweepFailure">Why the whole sweep cannot go on (a full disk), when the trial's failure is not its
/// own.</param>
internal readonly record struct TrialExit(int? ExitCode = null, string? Failure = null, string? SweepFailure = null)
{
    /// <summary>Gets the exit of a trial that succeeded without a process.</summary>
    public static TrialExit Succeeded => default;
}
