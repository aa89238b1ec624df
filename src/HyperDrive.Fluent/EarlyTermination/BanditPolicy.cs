namespace HyperDrive.Fluent.EarlyTermination;

/// <summary>
/// Bandit: stops a trial whose best primary metric so far is not within a slack of the best trial's
/// (maximize: <c>Y·(1+factor) &lt; best</c> or <c>Y &lt; best − amount</c>; minimize mirrors it).
/// Give a <see cref="SlackFactor"/> or a <see cref="SlackAmount"/>.
/// </summary>
public sealed record BanditPolicy : EarlyTerminationPolicy
{
    /// <summary>Initializes a new bandit policy.</summary>
    /// <param name="slackFactor">The allowed ratio to the best, greater than 0; or <see langword="null"/>.</param>
    /// <param name="slackAmount">The allowed absolute distance to the best, greater than 0; or
    /// <see langword="null"/>.</param>
    /// <param name="evaluationInterval">Reports between evaluations.</param>
    /// <param name="delayEvaluation">Reports before the first evaluation.</param>
    public BanditPolicy(double? slackFactor = null, double? slackAmount = null, int evaluationInterval = 1,
        int delayEvaluation = 0)
        : base(evaluationInterval, delayEvaluation)
    {
        if (slackFactor is { } f && (!double.IsFinite(f) || f < 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(slackFactor), f, "'slackFactor' must be a finite number, 0 or greater.");
        }

        if (slackAmount is { } a && (!double.IsFinite(a) || a < 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(slackAmount), a, "'slackAmount' must be a finite number, 0 or greater.");
        }

        SlackFactor = slackFactor;
        SlackAmount = slackAmount;
    }

    /// <inheritdoc />
    public override string Name => "bandit";

    /// <summary>Gets the slack as a ratio of the best value.</summary>
    public double? SlackFactor { get; init; }

    /// <summary>Gets the slack as an absolute distance from the best value.</summary>
    public double? SlackAmount { get; init; }
}
