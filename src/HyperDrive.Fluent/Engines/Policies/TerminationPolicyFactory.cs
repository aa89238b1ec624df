using HyperDrive.Fluent.EarlyTermination;

namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>Creates the local engine's early-termination policy for a sweep.</summary>
internal static class TerminationPolicyFactory
{
    /// <summary>Creates the policy of a definition.</summary>
    /// <param name="policy">The sweep's <see cref="SweepDefinition.EarlyTermination"/>, or
    /// <see langword="null"/>.</param>
    /// <param name="excludeFinished">For truncation selection: whether finished trials are left out of the
    /// ranking.</param>
    /// <returns>The policy, or <see langword="null"/> when the sweep has none.</returns>
    public static ITerminationPolicy? Create(EarlyTerminationPolicy? policy, bool excludeFinished = false) =>
        policy switch
    {
        null => null,
        BanditPolicy bandit => new BanditTerminationPolicy(bandit),
        MedianStoppingPolicy median => new MedianStoppingTerminationPolicy(median),
        TruncationSelectionPolicy truncation => new TruncationSelectionTerminationPolicy(truncation, excludeFinished),
        _ => throw new NotSupportedException(
            $"The early termination policy '{policy.Name}' is not supported by the local engine."),
    };
}
