namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast, well-mixed 64-bit generator whose output depends only on its
/// state, so sample streams are identical on every runtime and platform (unlike <see cref="Random"/>, whose algorithm
/// may change between .NET versions).
/// </summary>
internal struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Initializes a generator at a state.</summary>
    /// <param name="state">The state.</param>
    public SplitMix64(ulong state) => _state = state;

    /// <summary>Creates the generator of one stream of a seed, e.g. trial <paramref name="stream"/> of a
    /// sweep.</summary>
    /// <param name="seed">The sweep's seed.</param>
    /// <param name="stream">The stream's number.</param>
    /// <returns>A generator whose output is a pure function of (<paramref name="seed"/>,
    /// <paramref name="stream"/>).</returns>
    public static SplitMix64 ForStream(long seed, long stream) =>
        new(Mix(Mix((ulong)seed ^ 0x5851F42D4C957F2DUL) + ((ulong)stream * Gamma) + Gamma));

    /// <summary>The SplitMix64 finalizer (a bijective 64-bit mixer).</summary>
    /// <param name="z">The input.</param>
    /// <returns>The mixed value.</returns>
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
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Returns a double uniformly distributed in [0, 1) on the 2^-53 grid.</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
