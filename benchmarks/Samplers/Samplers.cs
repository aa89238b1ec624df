using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Bayesian;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Benchmarks.Samplers;

/// <summary>Our samplers by the names the harness's --samplers option takes.</summary>
internal static class Samplers
{
    public static ISampler Create(string sampler, IReadOnlyDictionary<string, Distribution> space, ObjectiveGoal goal, int seed) => sampler switch
    {
        "random" => new RandomSampler(space, seed),
        "sobol" => new SobolSampler(space, seed),
        "bayesian" => new BayesianSampler(space, goal, seed),
        _ when sampler.StartsWith("bayesian:", StringComparison.Ordinal) => new BayesianSampler(space, goal, seed, Variant(sampler["bayesian:".Length..])),
        _ => throw new ArgumentException($"Unknown sampler '{sampler}'; use random, sobol or bayesian."),
    };

    /// <summary>Options of an experimental variant, e.g. <c>bayesian:none,ard</c> (for A/B runs; the defaults are what
    /// <c>bayesian</c> runs).</summary>
    private static BayesianSamplerOptions Variant(string spec)
    {
        var options = BayesianSamplerOptions.Default;
        foreach (var part in spec.Split('+', StringSplitOptions.RemoveEmptyEntries))
        {
            options = part switch
            {
                "none" => options with { Warping = OutputWarping.None },
                "tail" => options with { Warping = OutputWarping.CompressTail },
                "quantile" => options with { Warping = OutputWarping.Quantile },
                "auto" => options with { Warping = OutputWarping.Auto },
                "ard" => options with { SharedChoiceLengthScale = false },
                "loo" => options with { SelectWarpingByLeaveOneOut = true },
                "early" => options with { SelectWarpingByLeaveOneOut = false },
                _ when part.StartsWith("share", StringComparison.Ordinal) => options with { WarpingSelectionShare = double.Parse(part[5..], System.Globalization.CultureInfo.InvariantCulture) },
                _ when part.StartsWith("margin", StringComparison.Ordinal) => options with { WarpingSelectionMargin = double.Parse(part[6..], System.Globalization.CultureInfo.InvariantCulture) },
                "shared" => options with { SharedChoiceLengthScale = true },
                _ when part.StartsWith("init", StringComparison.Ordinal) => options with { InitialDesign = int.Parse(part[4..], System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown variant '{part}'."),
            };
        }

        return options;
    }
}
