namespace HyperDrive.Fluent.EarlyTermination;

/// <summary>Truncation selection: at each evaluation, stops the trials in the lowest
/// <see cref="TruncationPercentage"/> percent of the primary metric at that interval.</summary>
public sealed record TruncationSelectionPolicy : EarlyTerminationPolicy
{
    /// <summary>Initializes a new truncation selection policy.</summary>
    /// <param name="truncationPercentage">The percentage of trials to stop at each evaluation (Azure: 1..99).</param>
    /// <param name="evaluationInterval">Reports between evaluations.</param>
    /// <param name="delayEvaluation">Reports before the first evaluation.</param>
    public TruncationSelectionPolicy(int truncationPercentage, int evaluationInterval = 1, int delayEvaluation = 0)
        : base(evaluationInterval, delayEvaluation)
    {
        TruncationPercentage = truncationPercentage;
    }

    /// <inheritdoc />
    public override string Name => "truncation_selection";

    /// <summary>Gets the percentage of trials to stop at each evaluation (checked at validation: 1..99).</summary>
    public int TruncationPercentage { get; init; }
}
