using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>
/// Bandit (sweep-semantics.md §2.2). At an evaluated interval n, <c>Y</c> = the trial's best so far up to n and
/// <c>best</c> = the best value any trial (this one included) reported up to interval n. Maximize: terminate if
/// <c>Y &lt; best/(1+s)</c> (slack factor) or <c>Y &lt; best − a</c> (slack amount); minimize mirrors it:
/// <c>Y &gt; best·(1+s)</c> or <c>Y &gt; best + a</c>.
/// </summary>
/// <remarks>The ratio form assumes a positive metric (with negative values the ratio reverses); prefer a slack
/// amount for signed metrics. A value within 1e-12·max(1, |best|) of the threshold counts as reaching it, so decimal
/// settings behave as written (best 0.8, slack amount 0.2: a trial at exactly 0.6 goes on).</remarks>
internal sealed class BanditTerminationPolicy : ITerminationPolicy
{
    private const double Tolerance = 1e-12;
    private readonly BanditPolicy _policy;

    /// <summary>Initializes the policy.</summary>
    /// <param name="policy">The definition: exactly one of slack factor and slack amount.</param>
    public BanditTerminationPolicy(BanditPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.SlackFactor is null == policy.SlackAmount is null)
        {
            throw new ArgumentException(
                "A bandit policy needs exactly one of slack_factor and slack_amount (early_termination.slack_factor " +
                    "/ early_termination.slack_amount); give one and remove the other.",
                nameof(policy));
        }

        _policy = policy;
    }

    /// <inheritdoc />
    public string Name => _policy.Name;

    /// <inheritdoc />
    public PolicyDecision? Evaluate(string trialId, int interval, PolicyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!_policy.AppliesAt(interval) || !state.TryGetTrial(trialId, out var trial) || trial.Count < interval)
        {
            return null;
        }

        var y = trial.BestUpTo(interval);
        var best = state.BestUpTo(interval) ?? y;
        var maximize = state.Objective.Goal == ObjectiveGoal.Maximize;
        var threshold = (_policy.SlackFactor, maximize) switch
        {
            ({ } s, true) => best / (1 + s),
            ({ } s, false) => best * (1 + s),
            (null, true) => best - _policy.SlackAmount!.Value,
            (null, false) => best + _policy.SlackAmount!.Value,
        };
        // A value within rounding error of the threshold reaches it, so decimal settings behave as written
        // (0.8 - 0.2 is 0.6000000000000001 in binary, yet a trial at 0.6 must go on).
        var tolerance = Tolerance * Math.Max(1.0, Math.Abs(best));
        var terminate = maximize ? y < threshold - tolerance : y > threshold + tolerance;
        return new PolicyDecision(trialId, Name, interval, y, best, threshold, terminate);
    }
}
