namespace HyperDrive.Fluent.Sampling;

/// <summary>Bayesian optimization; Azure allows only <c>choice</c>, <c>uniform</c> and <c>quniform</c> parameters and
/// no early termination.</summary>
public sealed record BayesianSampling : SamplingAlgorithm
{
    /// <inheritdoc />
    public override string Name => "bayesian";
}
