namespace HyperDrive.Fluent.SearchSpaces;

/// <summary><c>exp(N(mu, sigma))</c> (Azure: <c>lognormal</c>).</summary>
public sealed record LogNormalDistribution : Distribution
{
    /// <summary>Initializes a new <c>lognormal</c> distribution.</summary>
    /// <param name="mu">The mean of the underlying normal.</param>
    /// <param name="sigma">The standard deviation of the underlying normal (0 or greater).</param>

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is
    /// negative.</exception>
    public LogNormalDistribution(double mu, double sigma)
    {
        ThrowIfNotFinite(mu, nameof(mu));
        ThrowIfBadSigma(sigma);

        Mu = mu;
        Sigma = sigma;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.LogNormal;

    /// <summary>Gets the mean of the underlying normal.</summary>
    public double Mu { get; }

    /// <summary>Gets the standard deviation of the underlying normal.</summary>
    public double Sigma { get; }

}
