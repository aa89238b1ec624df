namespace HyperDrive.Fluent.EarlyTermination;

/// <summary>
/// A rule that stops poorly performing trials early. Each report of the primary metric is one interval; the
/// policy is evaluated at interval <c>n</c> when <c>n % EvaluationInterval == 0 &amp;&amp; n &gt;= DelayEvaluation</c>.
/// </summary>
public abstract record EarlyTerminationPolicy
{
    private protected EarlyTerminationPolicy(int evaluationInterval, int delayEvaluation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evaluationInterval);
        ArgumentOutOfRangeException.ThrowIfNegative(delayEvaluation);
        EvaluationInterval = evaluationInterval;
        DelayEvaluation = delayEvaluation;
    }

    /// <summary>Gets the policy's name as Azure ML YAML spells it (<c>bandit</c>, <c>median_stopping</c>,
    /// <c>truncation_selection</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Gets how many primary-metric reports pass between evaluations (0 is treated as 1, as Azure
    /// does).</summary>
    /// <value>The default value is 1.</value>
    public int EvaluationInterval { get; init; }

    /// <summary>Gets the number of reports before the first evaluation.</summary>
    /// <value>The default value is 0.</value>
    public int DelayEvaluation { get; init; }

    /// <summary>Gets whether the policy is evaluated at the <paramref name="interval"/>-th report of a trial.</summary>
    /// <param name="interval">The 1-based count of the trial's primary-metric reports.</param>
    /// <returns><see langword="true"/> when the policy applies at that interval.</returns>
    public bool AppliesAt(int interval)
    {
        var every = Math.Max(1, EvaluationInterval);
        return interval > 0 && interval % every == 0 && interval >= DelayEvaluation;
    }
}
