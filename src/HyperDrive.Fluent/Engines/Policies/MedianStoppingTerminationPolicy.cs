using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>
/// Median stopping (sweep-semantics.md §2.3, Ray's rule): at an evaluated interval n, the median of the running
/// averages <c>avg_j(n) = mean(v_j[1..n])</c> of every <em>other</em> trial j (running or finished) with at least n
/// reports; the trial is terminated if its best so far up to n is strictly worse than that median. At least one other
/// trial is needed (<c>min_samples = 1</c>); with none the policy does not apply. The median of an even count is the
/// mean of the two middle values (as NumPy's).
/// </summary>
internal sealed class MedianStoppingTerminationPolicy : ITerminationPolicy
{
    private readonly MedianStoppingPolicy _policy;

    /// <summary>Initializes the policy.</summary>
    /// <param name="policy">The definition.</param>
    public MedianStoppingTerminationPolicy(MedianStoppingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
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

        if (state.MedianOfOtherRunningAveragesAt(interval, trial) is not { } median)
        {
            return null;
        }

        var value = trial.BestUpTo(interval);
        var terminate = state.Objective.IsBetter(median, value);
        return new PolicyDecision(trialId, Name, interval, value, median, median, terminate);
    }
}
