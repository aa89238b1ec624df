using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>An early-termination policy of the local engine (sweep-semantics.md §2.1–2.4).</summary>
internal interface ITerminationPolicy
{
    /// <summary>Gets the policy's name (<c>bandit</c>, <c>median_stopping</c>, <c>truncation_selection</c>).</summary>
    string Name { get; }

    /// <summary>Evaluates the policy for a trial that has just made its <paramref name="interval"/>-th report
    /// (already recorded in <paramref name="state"/>).</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="interval">The trial's interval: its number of primary-metric reports (1-based).</param>
    /// <param name="state">Every trial's reports.</param>
    /// <returns>The decision (continue or terminate, with value, reference and threshold) whenever the policy is
    /// evaluated; <see langword="null"/> when it does not apply at that interval (delay/interval gating, or nothing to
    /// compare with). <see cref="PolicyDecision.Timestamp"/> is left for the engine to set.</returns>
    PolicyDecision? Evaluate(string trialId, int interval, PolicyState state);
}
