using HyperDrive.Fluent.Local.Sampling;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// One of the Bayesian sampler's reproducible random streams: a <see cref="SplitMix64"/> stream of (seed, stream)
/// with the draws the acquisition search needs (uniform, Gaussian, index).
/// </summary>
internal sealed class RandomStream
{
    private SplitMix64 _generator;

    /// <summary>Initializes the stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    /// <param name="seed">The sweep's seed.</param>
    /// <param name="stream">The stream, e.g. a trial number combined with a purpose.</param>
    public RandomStream(long seed, long stream)
    {
        _generator = SplitMix64.ForStream(seed, stream);
    }

    /// <summary>Returns the next 64 random bits.</summary>
    /// <returns>The bits.</returns>
    public ulong NextUInt64() => _generator.NextUInt64();

    /// <summary>Returns a uniform double in [0, 1).</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => _generator.NextDouble();

    /// <summary>Returns a uniform integer in [0, <paramref name="count"/>).</summary>
    /// <param name="count">The number of values (at least 1).</param>
    /// <returns>The value.</returns>
    public int NextInt(int count) => (int)Math.Min(count - 1, Math.Floor(NextDouble() * count));

    /// <summary>Returns a standard normal draw (Box–Muller).</summary>
    /// <returns>The value.</returns>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
