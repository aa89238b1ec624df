namespace HyperDrive.Fluent.Benchmarks;

/// <summary>The early-termination policy of the policy-cost workload (c).</summary>
internal enum PolicyWorkload
{
    /// <summary>No policy: the baseline.</summary>
    None,

    /// <summary>Median stopping at every report.</summary>
    MedianStopping,

    /// <summary>Truncation selection (10%) at every report.</summary>
    TruncationSelection,
}
