using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>
/// Truncation selection (sweep-semantics.md §2.4): at an evaluated interval n, every trial with at least n reports
/// (finished ones excluded when <see cref="ExcludeFinished"/>) is ranked by its value <em>at</em> n; the trial is
/// terminated if it falls in the bottom <c>k = ceil(p/100 · count)</c>.
/// </summary>
/// <remarks>
/// Ties favour the trial: it is terminated only if at least <c>count − k</c> trials are strictly better, i.e. if it is
/// strictly worse than the cut-off value (the worst of the kept <c>count − k</c> values, reported as
/// <see cref="PolicyDecision.Best"/> and <see cref="PolicyDecision.Threshold"/>). A lone trial is never truncated: the
/// policy needs at least two trials at the interval to compare, and otherwise does not apply.
/// </remarks>
internal sealed class TruncationSelectionTerminationPolicy : ITerminationPolicy
{
    private readonly TruncationSelectionPolicy _policy;

    /// <summary>Initializes the policy.</summary>
    /// <param name="policy">The definition (truncation percentage 1..99).</param>
    /// <param name="excludeFinished">Whether finished trials are left out of the ranking (Azure's
    /// <c>exclude_finished_jobs</c>; v1 hard-codes <see langword="false"/>).</param>
    public TruncationSelectionTerminationPolicy(TruncationSelectionPolicy policy, bool excludeFinished = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.TruncationPercentage is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(
                nameof(policy),
                policy.TruncationPercentage,
                $"early_termination.truncation_percentage must be 1 to 99, not {policy.TruncationPercentage}.");
        }

        _policy = policy;
        ExcludeFinished = excludeFinished;
    }

    /// <inheritdoc />
    public string Name => _policy.Name;

    /// <summary>Gets whether finished trials are left out of the ranking.</summary>
    public bool ExcludeFinished { get; }

    /// <inheritdoc />
    public PolicyDecision? Evaluate(string trialId, int interval, PolicyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!_policy.AppliesAt(interval) || !state.TryGetTrial(trialId, out var trial) || trial.Count < interval)
        {
            return null;
        }

        // The ranking: every trial at the interval, or (excluding finished ones) the unfinished ones plus this trial
        // even if it has just finished. O(log n) per decision (RankedValues), not a sort of every value.
        var value = trial.ValueAt(interval);
        var ranked = state.RankedAt(interval, unfinishedOnly: ExcludeFinished);
        var addedSelf = ExcludeFinished && trial.IsFinished;
        if (addedSelf)
        {
            ranked.Add(value);
        }

        try
        {
            return Decide(trialId, interval, value, ranked, state.Objective);
        }
        finally
        {
            if (addedSelf)
            {
                ranked.Remove(value);
            }
        }
    }

    private PolicyDecision? Decide(string trialId, int interval, double value, RankedValues ranked, Objective objective)
    {
        var count = ranked.Count;
        if (count < 2)
        {
            return null;
        }

        // The k-th best (0 = best).
        double Best(int k) => objective.Goal == ObjectiveGoal.Maximize ? ranked.Smallest(count - 1 - k)
            : ranked.Smallest(k);
        var cut = ((_policy.TruncationPercentage * count) + 99) / 100;
        var kept = count - cut;
        if (kept == 0)
        {
            // Every trial is in the bottom share (p·count/100 rounds up to count): all are cut.
            return new PolicyDecision(trialId, Name, interval, value, Best(0), Best(0), Terminate: true);
        }

        var cutoff = Best(kept - 1);
        var terminate = objective.IsBetter(cutoff, value);
        return new PolicyDecision(trialId, Name, interval, value, cutoff, cutoff, terminate);
    }
}
