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

        var values = state.ValuesAt(interval)
            .Where(e => ReferenceEquals(e.Trial, trial) || !(ExcludeFinished && e.Trial.IsFinished))
            .Select(e => e.Value)
            .ToArray();
        if (values.Length < 2)
        {
            return null;
        }

        // Best first.
        Array.Sort(values);
        if (state.Objective.Goal == ObjectiveGoal.Maximize)
        {
            Array.Reverse(values);
        }

        var cut = ((_policy.TruncationPercentage * values.Length) + 99) / 100;
        var kept = values.Length - cut;
        var value = trial.ValueAt(interval);
        if (kept == 0)
        {
            // Every trial is in the bottom share (p·count/100 rounds up to count): all are cut.
            return new PolicyDecision(trialId, Name, interval, value, values[0], values[0], Terminate: true);
        }

        var cutoff = values[kept - 1];
        var terminate = state.Objective.IsBetter(cutoff, value);
        return new PolicyDecision(trialId, Name, interval, value, cutoff, cutoff, terminate);
    }
}
