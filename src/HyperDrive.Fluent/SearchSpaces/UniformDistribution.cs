namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>A real drawn uniformly from [min, max] (Azure: <c>uniform(min_value, max_value)</c>).</summary>
public sealed record UniformDistribution : Distribution
{
    /// <summary>Initializes a new <c>uniform</c> distribution.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>

    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="max"/> is not greater
    /// than <paramref name="min"/>.</exception>
    public UniformDistribution(double min, double max)
    {
        ThrowIfNotFinite(min, nameof(min));
        ThrowIfNotFinite(max, nameof(max));
        if (max <= min)
        {
            throw new ArgumentOutOfRangeException(
                nameof(max), max, $"'max' ({max}) must be greater than 'min' ({min}).");
        }

        Min = min;
        Max = max;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.Uniform;

    /// <summary>Gets the lower bound.</summary>
    public double Min { get; }

    /// <summary>Gets the upper bound.</summary>
    public double Max { get; }

}
