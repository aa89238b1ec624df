using System.Globalization;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// A digitally shifted Sobol sequence in [0, 1)^d (Joe and Kuo's direction numbers, natural order), used for the
/// Bayesian sampler's initial design and acquisition candidates. Point <c>i</c> is a pure function of the seed and
/// <c>i</c>. Dimensions past the table (<see cref="TableDimensions"/>) are filled with hashed pseudo-random values.
/// </summary>
internal sealed class SobolSequence
{
    /// <summary>Joe and Kuo's "new-joe-kuo-6" direction numbers for dimensions 2.. as <c>s a m_1 … m_s</c>.</summary>
    private const string JoeKuo =
        "1 0 1|2 1 1 3|3 1 1 3 1|3 2 1 1 1|4 1 1 1 3 3|4 4 1 3 5 13|5 2 1 1 5 5 17|5 4 1 1 5 5 5|5 7 1 1 7 11 19|" +
        "5 11 1 1 5 1 1|5 13 1 1 1 3 11|5 14 1 3 5 5 31|6 1 1 3 3 9 7 49|6 13 1 1 1 15 21 21|6 16 1 3 1 13 27 49|" +
        "6 19 1 1 1 15 7 5|6 22 1 3 1 15 13 25|6 25 1 1 5 5 19 61|7 1 1 3 7 11 23 15 103|7 4 1 3 7 13 13 15 69|" +
        "7 7 1 1 3 13 7 35 63|7 8 1 3 5 9 1 25 53|7 14 1 3 1 13 9 35 107|7 19 1 3 1 5 27 61 31|7 21 1 1 5 11 19 41 61|" +
        "7 28 1 3 5 3 3 13 69|7 31 1 1 7 13 1 19 1|7 32 1 3 7 5 13 19 59|7 37 1 1 3 9 25 29 41|7 41 1 3 5 13 23 1 55|" +
        "7 42 1 3 7 3 13 59 17|7 50 1 3 1 3 5 53 69|7 55 1 1 5 5 23 33 13|7 56 1 1 7 7 1 61 123|7 59 1 1 7 9 13 61 49|" +
        "7 62 1 3 3 5 3 55 33|8 14 1 3 1 15 31 13 49 245|8 21 1 3 5 15 31 59 63 97|8 22 1 3 1 11 11 11 77 249|" +
        "8 38 1 3 1 11 27 43 71 9|8 47 1 1 7 15 21 11 81 45|8 49 1 3 7 3 25 31 65 79|8 50 1 3 1 1 19 11 3 205|" +
        "8 52 1 1 5 9 19 21 29 157|8 56 1 3 7 11 1 33 89 185|8 67 1 3 3 3 15 9 79 71|8 70 1 3 7 11 15 39 119 27|" +
        "8 84 1 1 3 1 11 31 97 225|8 97 1 1 1 3 23 43 57 177|8 103 1 3 7 7 17 17 37 71|8 115 1 3 1 5 27 63 123 213|" +
        "8 122 1 1 3 5 11 43 53 133";

    private const int Bits = 32;

    private static readonly uint[][] Directions = BuildDirections();

    private readonly uint[] _shifts;
    private readonly ulong _seed;

    /// <summary>Initializes a sequence.</summary>
    /// <param name="dimensions">The number of coordinates per point.</param>
    /// <param name="seed">The scramble's seed.</param>
    public SobolSequence(int dimensions, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimensions);
        Dimensions = dimensions;
        _seed = seed;
        _shifts = new uint[dimensions];
        var random = new SplitMix64(seed);
        for (var d = 0; d < dimensions; d++)
        {
            _shifts[d] = (uint)(random.NextUInt64() >> 32);
        }
    }

    /// <summary>Gets how many dimensions the direction-number table covers.</summary>
    public static int TableDimensions => Directions.Length;

    /// <summary>Gets the number of coordinates per point.</summary>
    public int Dimensions { get; }

    /// <summary>Writes point <paramref name="index"/> into <paramref name="destination"/>; every coordinate is in (0, 1).</summary>
    /// <param name="index">The point's index (0 to 2^32 − 1).</param>
    /// <param name="destination">At least <see cref="Dimensions"/> values.</param>
    public void Point(long index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, uint.MaxValue);
        for (var d = 0; d < Dimensions; d++)
        {
            uint x;
            if (d < Directions.Length)
            {
                var v = Directions[d];
                x = 0;
                var i = (ulong)index;
                for (var j = 0; i != 0; j++, i >>= 1)
                {
                    if ((i & 1) != 0)
                    {
                        x ^= v[j];
                    }
                }
            }
            else
            {
                x = (uint)(SplitMix64.Combine(_seed, (ulong)index, (ulong)d) >> 32);
            }

            destination[d] = ((x ^ _shifts[d]) + 0.5) / 4294967296.0;
        }
    }

    private static uint[][] BuildDirections()
    {
        var rows = JoeKuo.Split('|');
        var all = new uint[rows.Length + 1][];
        var first = new uint[Bits];
        for (var j = 0; j < Bits; j++)
        {
            first[j] = 1u << (Bits - 1 - j);
        }

        all[0] = first;
        for (var r = 0; r < rows.Length; r++)
        {
            var numbers = rows[r].Split(' ').Select(t => uint.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            var s = (int)numbers[0];
            var a = numbers[1];
            var v = new uint[Bits];
            for (var j = 0; j < Bits; j++)
            {
                if (j < s)
                {
                    v[j] = numbers[2 + j] << (Bits - 1 - j);
                    continue;
                }

                var x = v[j - s] ^ (v[j - s] >> s);
                for (var k = 1; k < s; k++)
                {
                    if (((a >> (s - 1 - k)) & 1) != 0)
                    {
                        x ^= v[j - k];
                    }
                }

                v[j] = x;
            }

            all[r + 1] = v;
        }

        return all;
    }
}
