namespace HyperDrive.Fluent.SearchSpaces;

/// <summary><c>round(exp(uniform(min, max)) / q) * q</c>: the bounds are natural-log exponents (Azure:
/// <c>qloguniform</c>).</summary>
public sealed record QLogUniformDistribution : Distribution
{
    /// <summary>Initializes a new <c>qloguniform</c> distribution.</summary>
    /// <param name="min">The lower bound (a natural-log exponent).</param>
    /// <param name="max">The upper bound (a natural-log exponent).</param>
    /// <param name="q">The quantization step (greater than 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, <paramref name="q"/> is not positive, or
    /// <paramref name="max"/> is less than <paramref name="min"/>.</exception>
    public QLogUniformDistribution(double min, double max, double q)
    {
        ThrowIfNotFinite(min, nameof(min));
        ThrowIfNotFinite(max, nameof(max));
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(
                nameof(max), max, $"'max' ({max}) must be greater than or equal to 'min' ({min}).");
        }

        ThrowIfBadQ(q);
        Q = q;
        Min = min;
        Max = max;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.QLogUniform;

    /// <summary>Gets the lower bound (a natural-log exponent).</summary>
    public double Min { get; }

    /// <summary>Gets the upper bound (a natural-log exponent).</summary>
    public double Max { get; }

    /// <summary>Gets the quantization step.</summary>
    public double Q { get; }

    /// <inheritdoc />
    public override bool IsQuantized => true;
}
