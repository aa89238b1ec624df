namespace HyperDrive.Fluent.Sampling;

/// <summary>Grid sampling: every combination of the (all-<c>choice</c>) parameters, in order.</summary>
public sealed record GridSampling : SamplingAlgorithm
{
    /// <inheritdoc />
    public override string Name => "grid";
}
