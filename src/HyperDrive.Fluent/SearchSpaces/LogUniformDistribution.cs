namespace HyperDrive.Fluent.SearchSpaces;

/// <summary><c>exp(uniform(min, max))</c>: the bounds are natural-log exponents, so values fall in [e^min, e^max]
/// (Azure: <c>loguniform</c>). Use <see cref="Distributions.LogUniformBetween"/> to give real bounds.</summary>
public sealed record LogUniformDistribution : Distribution
{
    /// <summary>Initializes a new <c>loguniform</c> distribution.</summary>
    /// <param name="min">The lower bound (a natural-log exponent).</param>
    /// <param name="max">The upper bound (a natural-log exponent).</param>

    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="max"/> is less than
    /// <paramref name="min"/>.</exception>
    public LogUniformDistribution(double min, double max)
    {
        ThrowIfNotFinite(min, nameof(min));
        ThrowIfNotFinite(max, nameof(max));
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(
                nameof(max), max, $"'max' ({max}) must be greater than or equal to 'min' ({min}).");
        }

        Min = min;
        Max = max;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.LogUniform;

    /// <summary>Gets the lower bound (a natural-log exponent).</summary>
    public double Min { get; }

    /// <summary>Gets the upper bound (a natural-log exponent).</summary>
    public double Max { get; }

}
