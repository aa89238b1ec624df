namespace HyperDrive.Fluent.Sampling;

/// <summary>Random sampling (Azure: <c>samplingAlgorithmType: Random</c>); supports every distribution.</summary>
/// <param name="Seed">The seed, for reproducible sweeps; <see langword="null"/> leaves it to the engine.</param>
/// <param name="Rule">The rule; <see langword="null"/> means the service default
/// (<see cref="RandomSamplingRule.Random"/>) and is not written.</param>
public sealed record RandomSampling(int? Seed = null, RandomSamplingRule? Rule = null) : SamplingAlgorithm
{
    /// <inheritdoc />
    public override string Name => "random";

    /// <summary>Gets the base of the log-scale distributions (<c>loguniform</c>, <c>qloguniform</c>, <c>lognormal</c>,
    /// <c>qlognormal</c>): with base <c>b</c>, <c>loguniform(min, max)</c> is <c>b^uniform(min, max)</c> and
    /// <c>lognormal(mu, sigma)</c> is <c>b^normal(mu, sigma)</c> (YAML <c>sampling_algorithm.logbase</c>, a number or
    /// <c>e</c>; azure-ai-ml <c>RandomSamplingAlgorithm.logbase</c>: "a positive number or the number e ... to be used
    /// as the base for log based random sampling").</summary>
    /// <value>The default value is <see langword="null"/>: base e, and the field is not written. <see cref="Math.E"/>
    /// is written as <c>e</c>. Only the preview REST api-versions (<c>*-preview</c>) have the field.</value>
    public double? LogBase { get; init; }
}
