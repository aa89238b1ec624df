using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// Pseudo-random sampling (Azure: <c>random</c>, rule <c>random</c>). Trial <c>n</c>'s parameters are a pure function
/// of (<see cref="Seed"/>, <c>n</c>): the point of the unit cube comes from a generator seeded with a hash of both, so
/// a resumed sweep proposes exactly what the interrupted one would have, whatever order the trials are proposed in.
/// </summary>
/// <remarks>
/// Points are not deduplicated: as in Azure, a small all-choice space may see the same parameters twice.
/// </remarks>
internal sealed class RandomSampler : ISampler
{
    private readonly SearchSpaceLayout _layout;

    /// <summary>Initializes a new random sampler.</summary>
    /// <param name="searchSpace">The search space.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="logBase">The base of the log-scale distributions
    /// (<see cref="Fluent.Sampling.RandomSampling.LogBase"/>); e by default.</param>
    public RandomSampler(IEnumerable<KeyValuePair<string, Distribution>> searchSpace, int seed, double logBase = Math.E)
    {
        _layout = SearchSpaceLayout.Create(searchSpace, logBase);
        Seed = seed;
    }

    /// <summary>Gets the seed (journal it to resume the same stream).</summary>
    public int Seed { get; }

    /// <summary>Gets the search space's encoding.</summary>
    public SearchSpaceLayout Layout => _layout;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object>? Propose(int trialNumber, SamplerHistory history)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        var rng = SplitMix64.ForStream(Seed, trialNumber);
        Span<double> point = _layout.DimensionCount <= 64 ? stackalloc double[_layout.DimensionCount]
            : new double[_layout.DimensionCount];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = rng.NextDouble();
        }

        return _layout.Decode(point);
    }
}
