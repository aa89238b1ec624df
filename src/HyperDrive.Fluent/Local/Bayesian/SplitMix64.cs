namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// A small, fast pseudo-random generator (Steele, Lea and Flood's SplitMix64) whose output depends only on its seed,
/// on every runtime and version, which <see cref="Random"/> does not promise.
/// </summary>
internal sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Initializes a generator from a seed.</summary>
    /// <param name="seed">The seed.</param>
    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    /// <summary>Mixes several values into one seed, so each (seed, trial, purpose) gets its own stream.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The seed.</returns>
    public static ulong Combine(params ReadOnlySpan<ulong> values)
    {
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var value in values)
        {
            state = Mix(state ^ Mix(value + 0x632BE59BD9B4E019UL));
        }

        return state;
    }

    /// <summary>The SplitMix64 finalizer: a bijective 64-bit hash.</summary>
    /// <param name="z">The value.</param>
    /// <returns>The hash.</returns>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Returns the next 64 random bits.</summary>
    /// <returns>The bits.</returns>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Returns a uniform double in [0, 1).</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

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
