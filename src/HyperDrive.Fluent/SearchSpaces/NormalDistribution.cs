namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>A normally distributed real <c>N(mu, sigma)</c>, unbounded (Azure: <c>normal</c>).</summary>
public sealed record NormalDistribution : Distribution
{
    /// <summary>Initializes a new <c>normal</c> distribution.</summary>
    /// <param name="mu">The mean.</param>
    /// <param name="sigma">The standard deviation (0 or greater).</param>

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mu"/> is not finite or <paramref name="sigma"/> is
    /// negative.</exception>
    public NormalDistribution(double mu, double sigma)
    {
        ThrowIfNotFinite(mu, nameof(mu));
        ThrowIfBadSigma(sigma);

        Mu = mu;
        Sigma = sigma;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.Normal;

    /// <summary>Gets the mean.</summary>
    public double Mu { get; }

    /// <summary>Gets the standard deviation.</summary>
    public double Sigma { get; }

}
