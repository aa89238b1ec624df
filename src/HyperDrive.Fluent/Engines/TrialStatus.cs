namespace HyperDrive.Fluent.Engines;

/// <summary>The state of one trial.</summary>
public enum TrialStatus
{
    /// <summary>Proposed, not yet started.</summary>
    Queued,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Completed,

    /// <summary>Exited with an error.</summary>
    Failed,

    /// <summary>Stopped by the early termination policy.</summary>
    Terminated,

    /// <summary>Stopped by the user, the sweep's end, or a timeout.</summary>
    Canceled,
}
