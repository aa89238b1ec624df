using System.Numerics;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// A Sobol' low-discrepancy sequence (Joe–Kuo direction numbers, up to <see cref="MaxDimensions"/> dimensions),
/// optionally scrambled by a random linear matrix scramble plus a random digital shift (Matoušek 1998; what SciPy's
/// <c>qmc.Sobol(scramble=True)</c> does). Scrambling keeps the (t, m, s)-net structure — every block of 2^m points is
/// still stratified — while making the points random, unbiased and seed-dependent; in particular point 0 is no longer
/// the corner (0, …, 0).
/// </summary>
/// <remarks>
/// Points are in natural order: point <c>n</c> is the XOR of the direction numbers of the set bits of <c>n</c>, so it
/// is a pure function of (seed, n) and costs O(log n · d). (SciPy enumerates in Gray-code order; the first 2^m points
/// are the same set.)
/// </remarks>
internal sealed class SobolSequence
{
    /// <summary>The number of dimensions available.</summary>
    public const int MaxDimensions = SobolDirectionNumbers.Dimensions;

    private const int Bits = 52;
    private const int MaxLog2Points = 32;
    private const double Scale = 1.0 / (1UL << Bits);

    private readonly ulong[][] _directions;
    private readonly ulong[] _shifts;

    /// <summary>Initializes a new Sobol' sequence.</summary>
    /// <param name="dimensions">The number of dimensions, 1 to <see cref="MaxDimensions"/>.</param>
    /// <param name="seed">The seed of the scramble.</param>
    /// <param name="scramble">Whether to scramble (the default); unscrambled points are the textbook sequence.</param>
    public SobolSequence(int dimensions, long seed, bool scramble = true)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dimensions),
                dimensions,
                $"Sobol sampling supports 1 to {MaxDimensions} sampled dimensions (nested ones included); this " +
                    $"search space has {dimensions}. Use the rule 'random' instead.");
        }

        Dimensions = dimensions;
        _directions = new ulong[dimensions][];
        _shifts = new ulong[dimensions];
        var table = SobolDirectionNumbers.Table;
        var offset = 0;
        for (var j = 0; j < dimensions; j++)
        {
            var poly = table[offset];
            var degree = BitOperations.Log2((uint)poly);
            var initial = table.Slice(offset + 1, degree).ToArray();
            offset += 1 + degree;
            var v = Directions(poly, degree, initial);
            if (scramble)
            {
                var rng = SplitMix64.ForStream(seed, -1 - j);
                v = LinearScramble(v, ref rng);
                _shifts[j] = rng.NextUInt64() >> (64 - Bits);
            }

            _directions[j] = v;
        }
    }

    /// <summary>Gets the number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>Writes point <paramref name="index"/> of the sequence.</summary>
    /// <param name="index">The 0-based index, below 2^32.</param>
    /// <param name="point">Receives the <see cref="Dimensions"/> coordinates, each in [0, 1).</param>
    public void GetPoint(long index, Span<double> point)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, 1L << MaxLog2Points);
        if (point.Length != Dimensions)
        {
            throw new ArgumentException($"The point needs {Dimensions} coordinates, not {point.Length}.",
                nameof(point));
        }

        for (var j = 0; j < Dimensions; j++)
        {
            var x = _shifts[j];
            var v = _directions[j];
            for (ulong n = (ulong)index, k = 0; n != 0; n >>= 1, k++)
            {
                if ((n & 1) != 0)
                {
                    x ^= v[k];
                }
            }

            point[j] = x * Scale;
        }
    }

    private static ulong[] Directions(int poly, int degree, int[] initial)
    {
        var v = new ulong[MaxLog2Points];
        if (degree == 0)
        {
            // The first dimension: m_k = 1 for every k (van der Corput).
            for (var k = 0; k < MaxLog2Points; k++)
            {
                v[k] = 1UL << (Bits - 1 - k);
            }

            return v;
        }

        for (var k = 0; k < Math.Min(degree, MaxLog2Points); k++)
        {
            v[k] = (ulong)initial[k] << (Bits - 1 - k);
        }

        for (var k = degree; k < MaxLog2Points; k++)
        {
            var value = v[k - degree] ^ (v[k - degree] >> degree);
            for (var i = 1; i < degree; i++)
            {
                // a_i is the coefficient of x^(degree - i): bit (degree - i) of the polynomial.
                if (((poly >> (degree - i)) & 1) != 0)
                {
                    value ^= v[k - i];
                }
            }

            v[k] = value;
        }

        return v;
    }

    private static ulong[] LinearScramble(ulong[] v, ref SplitMix64 rng)
    {
        // A random lower-triangular binary matrix with a unit diagonal: output digit r (from the top) is the parity of
        // the input digits 0..r selected by row r.
        var rows = new ulong[Bits];
        for (var r = 0; r < Bits; r++)
        {
            var digit = 1UL << (Bits - 1 - r);
            var higher = ((1UL << Bits) - 1) & ~((digit << 1) - 1);
            rows[r] = digit | (rng.NextUInt64() & higher);
        }

        var scrambled = new ulong[v.Length];
        for (var k = 0; k < v.Length; k++)
        {
            ulong result = 0;
            for (var r = 0; r < Bits; r++)
            {
                if ((BitOperations.PopCount(rows[r] & v[k]) & 1) != 0)
                {
                    result |= 1UL << (Bits - 1 - r);
                }
            }

            scrambled[k] = result;
        }

        return scrambled;
    }
}
