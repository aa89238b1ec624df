namespace HyperDrive.Fluent.SearchSpaces;

/// <summary><c>round(uniform(min, max) / q) * q</c> (Azure: <c>quniform(min_value, max_value, q)</c>).</summary>
public sealed record QUniformDistribution : Distribution
{
    /// <summary>Initializes a new <c>quniform</c> distribution.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <param name="q">The quantization step (greater than 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, <paramref name="q"/> is not positive, or
    /// <paramref name="max"/> is not greater than <paramref name="min"/>.</exception>
    public QUniformDistribution(double min, double max, double q)
    {
        ThrowIfNotFinite(min, nameof(min));
        ThrowIfNotFinite(max, nameof(max));
        if (max <= min)
        {
            throw new ArgumentOutOfRangeException(
                nameof(max), max, $"'max' ({max}) must be greater than 'min' ({min}).");
        }

        ThrowIfBadQ(q);
        Q = q;
        Min = min;
        Max = max;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.QUniform;

    /// <summary>Gets the lower bound.</summary>
    public double Min { get; }

    /// <summary>Gets the upper bound.</summary>
    public double Max { get; }

    /// <summary>Gets the quantization step.</summary>
    public double Q { get; }

    /// <inheritdoc />
    public override bool IsQuantized => true;
}
