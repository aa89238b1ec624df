namespace HyperDrive.Fluent.Trials;

/// <summary>The queue tier of a job (Azure: <c>queueSettings.jobTier</c>).</summary>
public enum JobTier
{
    /// <summary>No tier (<c>Null</c>).</summary>
    Null,

    /// <summary>Spot (preemptible) capacity.</summary>
    Spot,

    /// <summary>Basic tier.</summary>
    Basic,

    /// <summary>Standard tier.</summary>
    Standard,

    /// <summary>Premium tier.</summary>
    Premium,
}
