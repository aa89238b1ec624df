namespace HyperDrive.Fluent.Sampling;

/// <summary>Random sampling (Azure: <c>samplingAlgorithmType: Random</c>); supports every distribution.</summary>
/// <param name="Seed">The seed, for reproducible sweeps; <see langword="null"/> leaves it to the engine.</param>
/// <param name="Rule">The rule; <see langword="null"/> means the service default (<see cref="RandomSamplingRule.Random"/>) and is not written.</param>
public sealed record RandomSampling(int? Seed = null, RandomSamplingRule? Rule = null) : SamplingAlgorithm
{
    /// <inheritdoc />
    public override string Name => "random";
}
