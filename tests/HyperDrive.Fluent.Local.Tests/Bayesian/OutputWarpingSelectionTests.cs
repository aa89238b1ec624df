using HyperDrive.Fluent.Local.Bayesian;
using HyperDrive.Fluent.SearchSpaces;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Bayesian;

/// <summary>Issue 14: <see cref="OutputWarping.Auto"/> keeps a smooth objective's values and ranks an objective whose
/// bad region is a far-off plateau (as a diverging MLP's r² of −4.7), choosing by leave-one-out prediction of the better
/// half of the trials.</summary>
public class OutputWarpingSelectionTests
{
    private static readonly EquatableMap<Distribution> Plane = EquatableMap<Distribution>.Create(
        [new KeyValuePair<string, Distribution>("x", Uniform(0, 1)), new KeyValuePair<string, Distribution>("y", Uniform(0, 1))]);

    private static OutputWarping Resolve(Func<double, double, double> objective, bool anyFailed = false, BayesianSamplerOptions? options = null)
    {
        var sampler = new BayesianSampler(Plane, ObjectiveGoal.Minimize, seed: 3, options);
        var random = new Random(42);
        var xs = new List<double[]>();
        var ys = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var (x, y) = (random.NextDouble(), random.NextDouble());
            var encoded = new double[sampler.Space.Dimensions];
            sampler.Space.TryEncode(new Dictionary<string, object> { ["x"] = x, ["y"] = y }, encoded, out _).Should().BeTrue();
            xs.Add(encoded);
            ys.Add(objective(x, y));
        }

        return sampler.ResolveWarping(xs, ys, anyFailed);
    }

    private static double Bowl(double x, double y) => Math.Pow(x - 0.3, 2) + Math.Pow(y - 0.6, 2);

    // Good only in a corner (the bowl); everywhere else the fit "diverged": a plateau far below, slightly sloped.
    private static double Cliff(double x, double y) => x + y < 0.9 ? Bowl(x, y) : 4.7 + (0.01 * x);

    [Fact]
    public void A_smooth_objective_keeps_its_values()
    {
        Resolve(Bowl).Should().Be(OutputWarping.None);
    }

    [Fact]
    public void A_far_off_plateau_is_ranked()
    {
        Resolve(Cliff).Should().Be(OutputWarping.Quantile);
    }

    [Fact]
    public void A_failed_trial_ranks_and_a_fixed_warping_is_kept()
    {
        Resolve(Bowl, anyFailed: true).Should().Be(OutputWarping.Quantile);
        Resolve(Cliff, options: new BayesianSamplerOptions { Warping = OutputWarping.None }).Should().Be(OutputWarping.None);
        Resolve(Cliff, options: new BayesianSamplerOptions { SelectWarpingByLeaveOneOut = false }).Should().Be(OutputWarping.None, "the early-values rule alone sees no 10-IQR tail here");
    }
}
