using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// Quasi-random sampling (Azure: <c>random</c> with rule <c>sobol</c>): trial <c>n</c> gets point <c>n</c> of a
/// scrambled Sobol' sequence over the search space's unit cube (<see cref="SearchSpaceLayout"/>; one dimension per
/// sampled distribution, nested ones included), decoded by inverse CDF. Any 2^m consecutive trials from 0 are
/// stratified in every coordinate, so even a few trials fill the space better than random ones. Deterministic per
/// seed; points are not deduplicated (an all-choice space may repeat parameters, as in Azure).
/// </summary>
internal sealed class SobolSampler : ISampler
{
    private readonly SearchSpaceLayout _layout;
    private readonly SobolSequence _sequence;

    /// <summary>Initializes a new Sobol sampler.</summary>
    /// <param name="searchSpace">The search space (at most <see cref="SobolSequence.MaxDimensions"/> sampled
    /// dimensions).</param>
    /// <param name="seed">The seed of the scramble.</param>
    /// <param name="logBase">The base of the log-scale distributions
    /// (<see cref="Fluent.Sampling.RandomSampling.LogBase"/>); e by default.</param>
    public SobolSampler(IEnumerable<KeyValuePair<string, Distribution>> searchSpace, int seed, double logBase = Math.E)
    {
        _layout = SearchSpaceLayout.Create(searchSpace, logBase);
        _sequence = new SobolSequence(_layout.DimensionCount, seed);
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
        Span<double> point = _layout.DimensionCount <= 64 ? stackalloc double[_layout.DimensionCount]
            : new double[_layout.DimensionCount];
        _sequence.GetPoint(trialNumber, point);
        return _layout.Decode(point);
    }
}
