using System.Security.Cryptography;
using HyperDrive.Fluent.Sampling;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>Creates the local engine's sampler for a sweep.</summary>
internal static class SamplerFactory
{
    /// <summary>Creates the sampler of <paramref name="sweep"/>'s sampling algorithm.</summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="seed">The seed to use (see <see cref="ResolveSeed"/>); grid sampling ignores it.</param>
    /// <returns>A <see cref="RandomSampler"/>, <see cref="SobolSampler"/>, <see cref="GridSampler"/> or
    /// <see cref="Bayesian.BayesianSampler"/>.</returns>
    /// <exception cref="NotSupportedException">The search space does not suit the algorithm.</exception>
    /// <exception cref="ArgumentException">Bayesian sampling over a distribution other than choice, uniform or
    /// quniform.</exception>
    /// <remarks>With a <see cref="SweepDefinition.WarmStart"/>, the sampler is wrapped in a
    /// <see cref="WarmStartSampler"/>, which puts the earlier trials in front of the history: the engine passes only
    /// this sweep's own trials.</remarks>
    public static ISampler Create(SweepDefinition sweep, int seed)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var sampler = CreateSampler(sweep, seed);
        return sweep.WarmStart is { Trials.Count: > 0 } warmStart
            ? new WarmStartSampler(sampler, warmStart, readsHistory: sweep.SamplingAlgorithm is BayesianSampling)
            : sampler;
    }

    private static ISampler CreateSampler(SweepDefinition sweep, int seed)
    {
        return sweep.SamplingAlgorithm switch
        {
            RandomSampling { Rule: RandomSamplingRule.Sobol } random =>
                new SobolSampler(sweep.SearchSpace, seed, random.LogBase ?? Math.E),
            RandomSampling random => new RandomSampler(sweep.SearchSpace, seed, random.LogBase ?? Math.E),
            GridSampling => new GridSampler(sweep.SearchSpace),
            BayesianSampling => new Bayesian.BayesianSampler(sweep.SearchSpace, sweep.Objective.Goal, seed),
            var other =>
                throw new NotSupportedException(
                $"The sampling algorithm '{other.Name}' is not supported by the local engine."),
        };
    }

    /// <summary>Picks the seed of a sweep: the explicit <paramref name="overrideSeed"/> (e.g. <c>--seed</c>), else the
    /// definition's <see cref="RandomSampling.Seed"/>, else a fresh random one. Journal the result to resume the same
    /// stream.</summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="overrideSeed">A seed that takes precedence, or <see langword="null"/>.</param>
    /// <returns>The seed.</returns>
    public static int ResolveSeed(SweepDefinition sweep, int? overrideSeed = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return overrideSeed
            ?? (sweep.SamplingAlgorithm as RandomSampling)?.Seed
            ?? RandomNumberGenerator.GetInt32(int.MaxValue);
    }
}
