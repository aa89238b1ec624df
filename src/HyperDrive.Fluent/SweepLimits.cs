namespace HyperDrive.Fluent;

/// <summary>The limits of a sweep (Azure: <c>SweepJobLimits</c>).</summary>
public sealed record SweepLimits
{
    /// <summary>Gets the most trials the sweep runs (Azure: 1..1000).</summary>
    /// <value>The default value is <see langword="null"/>: not written; Azure's default is 1000.</value>
    public int? MaxTotalTrials { get; init; }

    /// <summary>Gets the most trials running at once (Azure: 1..1000, not more than
    /// <see cref="MaxTotalTrials"/>).</summary>
    /// <value>The default value is <see langword="null"/>: not written; Azure's default is
    /// <see cref="MaxTotalTrials"/>, the local engine's the machine's processor count.</value>
    public int? MaxConcurrentTrials { get; init; }

    /// <summary>Gets how long the whole sweep may run.</summary>
    /// <value>The default value is <see langword="null"/> (Azure: 60 days).</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets how long one trial may run before it is canceled.</summary>
    /// <value>The default value is <see langword="null"/>: no limit.</value>
    public TimeSpan? TrialTimeout { get; init; }
}
