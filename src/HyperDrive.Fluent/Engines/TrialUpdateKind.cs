namespace HyperDrive.Fluent.Engines;

/// <summary>What a <see cref="TrialUpdate"/> reports.</summary>
public enum TrialUpdateKind
{
    /// <summary>A trial started.</summary>
    Started,

    /// <summary>A trial reported a metric value.</summary>
    Metric,

    /// <summary>A trial wrote a line of output.</summary>
    Log,

    /// <summary>The policy evaluated a trial.</summary>
    PolicyEvaluated,

    /// <summary>A trial ended (completed, failed, terminated or canceled).</summary>
    Finished,

    /// <summary>The best trial changed.</summary>
    BestChanged,

    /// <summary>A notice about the run (e.g. a setting that does not apply locally).</summary>
    Notice,
}
