using System.Security.Cryptography;
using HyperDrive.Fluent.Sampling;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>Creates the local engine's sampler for a sweep.</summary>
internal static class SamplerFactory
{
    /// <summary>Creates the sampler of <paramref name="sweep"/>'s sampling algorithm.</summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="seed">The seed to use (see <see cref="ResolveSeed"/>); grid sampling ignores it.</param>
    /// <returns>A <see cref="RandomSampler"/>, <see cref="SobolSampler"/> or <see cref="GridSampler"/>.</returns>
    /// <exception cref="NotSupportedException">The algorithm is Bayesian (not yet supported locally), or the search
    /// space does not suit the algorithm.</exception>
    public static ISampler Create(SweepDefinition sweep, int seed)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return sweep.SamplingAlgorithm switch
        {
            RandomSampling { Rule: RandomSamplingRule.Sobol } => new SobolSampler(sweep.SearchSpace, seed),
            RandomSampling => new RandomSampler(sweep.SearchSpace, seed),
            GridSampling => new GridSampler(sweep.SearchSpace),
            BayesianSampling => throw new NotSupportedException(
                "Bayesian sampling is not yet supported by the local engine. Use random (or Sobol) sampling to run this sweep locally, or submit it to Azure ML."),
            var other => throw new NotSupportedException($"The sampling algorithm '{other.Name}' is not supported by the local engine."),
        };
    }

    /// <summary>Picks the seed of a sweep: the explicit <paramref name="overrideSeed"/> (e.g. <c>--seed</c>), else the
    /// definition's <see cref="RandomSampling.Seed"/>, else a fresh random one. Journal the result to resume the same stream.</summary>
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
