namespace HyperDrive.Fluent.EarlyTermination;

/// <summary>Median stopping: stops a trial whose best primary metric so far is worse than the median of the other
/// trials' running averages at the same interval.</summary>
public sealed record MedianStoppingPolicy : EarlyTerminationPolicy
{
    /// <summary>Initializes a new median stopping policy.</summary>
    /// <param name="evaluationInterval">Reports between evaluations.</param>
    /// <param name="delayEvaluation">Reports before the first evaluation.</param>
    public MedianStoppingPolicy(int evaluationInterval = 1, int delayEvaluation = 0)
        : base(evaluationInterval, delayEvaluation)
    {
    }

    /// <inheritdoc />
    public override string Name => "median_stopping";
}
