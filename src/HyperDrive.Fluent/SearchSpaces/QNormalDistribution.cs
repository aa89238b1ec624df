namespace HyperDrive.Fluent.SearchSpaces;

/// <summary><c>round(N(mu, sigma) / q) * q</c> (Azure: <c>qnormal</c>).</summary>
public sealed record QNormalDistribution : Distribution
{
    /// <summary>Initializes a new <c>qnormal</c> distribution.</summary>
    /// <param name="mu">The mean.</param>
    /// <param name="sigma">The standard deviation (0 or greater).</param>
    /// <param name="q">The quantization step (greater than 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is
    /// negative, or <paramref name="q"/> is not positive.</exception>
    public QNormalDistribution(double mu, double sigma, double q)
    {
        ThrowIfNotFinite(mu, nameof(mu));
        ThrowIfBadSigma(sigma);
        ThrowIfBadQ(q);
        Q = q;
        Mu = mu;
        Sigma = sigma;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.QNormal;

    /// <summary>Gets the mean.</summary>
    public double Mu { get; }

    /// <summary>Gets the standard deviation.</summary>
    public double Sigma { get; }

    /// <summary>Gets the quantization step.</summary>
    public double Q { get; }

    /// <inheritdoc />
    public override bool IsQuantized => true;
}
