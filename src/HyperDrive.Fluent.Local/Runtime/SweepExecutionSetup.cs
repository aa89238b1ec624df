namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>Everything a <see cref="SweepExecution"/> needs.</summary>
internal sealed record SweepExecutionSetup(
    SweepDefinition Definition,
    string Folder,
    string RunId,
    SweepEnvironment Environment,
    ISampler Sampler,
    Engines.Policies.ITerminationPolicy? Policy,
    TrialCommandPlan? Plan,
    JournalReplay? Replay,
    int? Seed,
    string Fingerprint,
    string? StepName);
