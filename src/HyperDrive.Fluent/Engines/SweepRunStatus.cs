namespace HyperDrive.Fluent.Engines;

/// <summary>The state of a run (a subset of Azure ML's <c>JobStatus</c> that both engines share).</summary>
public enum SweepRunStatus
{
    /// <summary>Accepted, not yet running.</summary>
    NotStarted,

    /// <summary>Waiting for capacity.</summary>
    Queued,

    /// <summary>Trials are running.</summary>
    Running,

    /// <summary>A cancellation was requested and is in progress.</summary>
    CancelRequested,

    /// <summary>Finished: every trial ran or a limit was reached.</summary>
    Completed,

    /// <summary>The sweep itself failed.</summary>
    Failed,

    /// <summary>Canceled by the user or a timeout.</summary>
    Canceled,
}
