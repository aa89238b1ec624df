namespace HyperDrive.Fluent.Local;

/// <summary>What a sampler may know when it proposes: the earlier trials' parameters and, for finished ones, their
/// objective value.</summary>
/// <param name="Observations">Earlier trials in number order (warm-start trials first).</param>
internal sealed record SamplerHistory(IReadOnlyList<SamplerObservation> Observations)
{
    public static SamplerHistory Empty { get; } = new([]);
}

/// <summary>One earlier trial.</summary>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Value">Its best primary-metric value, or <see langword="null"/> while it runs or when it reported
/// none.</param>
/// <param name="IsPending">Whether it is still running (Bayesian samplers treat it with a constant liar).</param>
internal sealed record SamplerObservation(IReadOnlyDictionary<string, object> Parameters, double? Value,
    bool IsPending);
