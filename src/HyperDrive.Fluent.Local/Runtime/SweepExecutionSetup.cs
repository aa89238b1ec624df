namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>Everything a <see cref="SweepExecution"/> needs.</summary>
/// <remarks>A <see langword="null"/> <c>Folder</c> runs the sweep without one: journal without a file, no results
/// written (the testing kit's fake engine).</remarks>
internal sealed record SweepExecutionSetup(
    SweepDefinition Definition,
    string? Folder,
    string RunId,
    SweepEnvironment Environment,
    ISampler Sampler,
    TrialCommandPlan? Plan,
    JournalReplay? Replay,
    int? Seed,
    string Fingerprint,
    string? StepName)
{
    /// <summary>Gets the launcher that runs the trials; <see langword="null"/> for the definition's own (its process
    /// command, or its in-process delegate).</summary>
    public Launchers.ITrialLauncher? Launcher { get; init; }
}
