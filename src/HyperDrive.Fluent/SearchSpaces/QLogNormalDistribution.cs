namespace HyperDrive.Fluent.SearchSpaces;

/// <summary><c>round(exp(N(mu, sigma)) / q) * q</c> (Azure: <c>qlognormal</c>).</summary>
public sealed record QLogNormalDistribution : Distribution
{
    /// <summary>Initializes a new <c>qlognormal</c> distribution.</summary>
    /// <param name="mu">The mean of the underlying normal.</param>
    /// <param name="sigma">The standard deviation of the underlying normal (0 or greater).</param>
    /// <param name="q">The quantization step (greater than 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is
    /// negative, or <paramref name="q"/> is not positive.</exception>
    public QLogNormalDistribution(double mu, double sigma, double q)
    {
        ThrowIfNotFinite(mu, nameof(mu));
        ThrowIfBadSigma(sigma);
        ThrowIfBadQ(q);
        Q = q;
        Mu = mu;
        Sigma = sigma;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.QLogNormal;

    /// <summary>Gets the mean of the underlying normal.</summary>
    public double Mu { get; }

    /// <summary>Gets the standard deviation of the underlying normal.</summary>
    public double Sigma { get; }

    /// <summary>Gets the quantization step.</summary>
    public double Q { get; }

    /// <inheritdoc />
    public override bool IsQuantized => true;
}
