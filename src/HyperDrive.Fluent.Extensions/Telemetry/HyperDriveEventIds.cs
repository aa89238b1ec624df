namespace HyperDrive.Fluent.Telemetry;

/// <summary>The stable event ids of HyperDrive.Fluent's log events (category
/// <see cref="HyperDriveTelemetry.LoggerCategory"/>). Ids never change meaning; new events get new ids.</summary>
public static class HyperDriveEventIds
{
    /// <summary>A sweep (or pipeline) was started on an engine (Information).</summary>
    public const int SweepStarted = 1;

    /// <summary>An engine refused to start a sweep, e.g. because the definition is not valid (Error).</summary>
    public const int SweepStartFailed = 2;

    /// <summary>A trial started, with its parameters (Information).</summary>
    public const int TrialStarted = 3;

    /// <summary>A trial ended: completed, failed, terminated or canceled, with its duration and best value
    /// (Information).</summary>
    public const int TrialFinished = 4;

    /// <summary>A trial failed, with the engine's reason (Warning).</summary>
    public const int TrialFailed = 5;

    /// <summary>The early termination policy stopped a trial, with the policy's numbers (Information).</summary>
    public const int TrialTerminated = 6;

    /// <summary>A trial became the best so far (Information).</summary>
    public const int BestTrialChanged = 7;

    /// <summary>A sweep ended, with its trial counts and best trial (Information; Error when it failed).</summary>
    public const int SweepFinished = 8;

    /// <summary>The engine reported a notice about the run (Information).</summary>
    public const int SweepNotice = 9;

    /// <summary>The early termination policy evaluated a trial and let it go on (Debug).</summary>
    public const int PolicyEvaluated = 10;

    /// <summary>Watching a run for telemetry failed; the run itself is not affected (Warning).</summary>
    public const int WatchFailed = 11;
}
