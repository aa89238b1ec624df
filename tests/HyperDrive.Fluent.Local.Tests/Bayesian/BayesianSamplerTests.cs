using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Bayesian;
using HyperDrive.Fluent.SearchSpaces;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Bayesian;

public class BayesianSamplerTests
{
    private static EquatableMap<Distribution> Space(params (string Name, Distribution Distribution)[] parameters) =>
        EquatableMap<Distribution>.Create(parameters.Select(p => new KeyValuePair<string, Distribution>(p.Name, p.Distribution)));

    /// <summary>Runs a sequential sweep and returns every proposal with its value.</summary>
    private static List<SamplerObservation> Run(BayesianSampler sampler, Func<IReadOnlyDictionary<string, object>, double> objective, int trials)
    {
        var history = new List<SamplerObservation>();
        for (var n = 0; n < trials; n++)
        {
            var parameters = sampler.Propose(n, new SamplerHistory(history.ToList()));
            parameters.Should().NotBeNull();
            history.Add(new SamplerObservation(parameters!, objective(parameters!), IsPending: false));
        }

        return history;
    }

    private static double Quadratic(IReadOnlyDictionary<string, object> p) => Math.Pow((double)p["x"] - 0.3, 2);

    [Fact]
    public void The_same_seed_proposes_the_same_sweep_and_another_seed_another()
    {
        var space = Space(("x", Uniform(-1, 1)), ("k", Choice("a", "b", "c")));
        double Objective(IReadOnlyDictionary<string, object> p) => Quadratic(p) + ((string)p["k"] == "b" ? 0 : 0.5);

        var first = Run(new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 11), Objective, 14);
        var second = Run(new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 11), Objective, 14);
        var other = Run(new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 12), Objective, 14);

        second.Select(o => o.Parameters).Should().BeEquivalentTo(first.Select(o => o.Parameters), o => o.WithStrictOrdering());
        other.Select(o => o.Parameters["x"]).Should().NotEqual(first.Select(o => o.Parameters["x"]));
    }

    [Fact]
    public void A_fresh_sampler_proposes_what_a_warm_one_would_for_the_same_history()
    {
        var space = Space(("x", Uniform(-1, 1)), ("y", QUniform(0, 10, 0.5)));
        double Objective(IReadOnlyDictionary<string, object> p) => Quadratic(p) + Math.Abs((double)p["y"] - 7);
        var warm = new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 5);
        var history = Run(warm, Objective, 20);

        var fresh = new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 5).Propose(20, new SamplerHistory(history));

        fresh.Should().BeEquivalentTo(warm.Propose(20, new SamplerHistory(history)));
    }

    [Fact]
    public void Proposals_stay_inside_the_bounds_on_the_grids_and_among_the_choices()
    {
        var space = Space(
            ("lr", Uniform(-2, 3)),
            ("dropout", QUniform(0.05, 0.5, 0.05)),
            ("batch", QUniform(16, 128, 16)),
            ("optimizer", Choice("adam", "sgd", "rmsprop")),
            ("layers", Choice(1, 2, 4)));
        double Objective(IReadOnlyDictionary<string, object> p) =>
            Math.Sin((double)p["lr"]) + (double)p["dropout"] + ((long)p["batch"] / 128.0) + ((string)p["optimizer"] == "sgd" ? -1 : 0) + (long)p["layers"];

        var proposals = Run(new BayesianSampler(space, ObjectiveGoal.Maximize, seed: 3), Objective, 30).Select(o => o.Parameters).ToList();

        proposals.Should().AllSatisfy(p =>
        {
            ((double)p["lr"]).Should().BeInRange(-2, 3);
            var dropout = (double)p["dropout"];
            dropout.Should().BeInRange(0.0, 0.5 + 1e-12);
            (dropout / 0.05).Should().BeApproximately(Math.Round(dropout / 0.05), 1e-9);
            var batch = (long)p["batch"];
            batch.Should().BeInRange(16, 128);
            (batch % 16).Should().Be(0);
            p["optimizer"].Should().BeOneOf("adam", "sgd", "rmsprop");
            p["layers"].Should().BeOneOf(1L, 2L, 4L);
        });
        proposals.Select(WarmStartKey).Should().OnlyHaveUniqueItems("a proposal never repeats an earlier trial");
    }

    [Fact]
    public void On_a_one_dimensional_quadratic_the_regret_is_below_1e_4_after_15_trials()
    {
        // Minimize (x − 0.3)² over [−1, 1]; the optimum is 0. Five Sobol points, then ten model-based proposals.
        var history = Run(new BayesianSampler(Space(("x", Uniform(-1, 1))), ObjectiveGoal.Minimize, seed: 1), Quadratic, 15);

        history.Min(o => o.Value!.Value).Should().BeLessThan(1e-4);
    }

    [Fact]
    public void Maximizing_finds_the_top_of_an_inverted_quadratic()
    {
        var history = Run(new BayesianSampler(Space(("x", Uniform(-1, 1))), ObjectiveGoal.Maximize, seed: 2), p => 2 - Quadratic(p), 15);

        history.Max(o => o.Value!.Value).Should().BeGreaterThan(2 - 1e-4);
    }

    [Fact]
    public void Concurrent_proposals_for_pending_trials_are_distinct()
    {
        var space = Space(("x", Uniform(-1, 1)), ("y", Uniform(-1, 1)));
        double Objective(IReadOnlyDictionary<string, object> p) => Quadratic(p) + Math.Pow((double)p["y"] + 0.2, 2);
        var sampler = new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 9);
        var history = Run(sampler, Objective, 10);

        // Four trials proposed before any of them finishes: each sees the earlier ones as pending.
        var proposals = new List<IReadOnlyDictionary<string, object>>();
        for (var n = 10; n < 14; n++)
        {
            var proposal = sampler.Propose(n, new SamplerHistory(history.ToList()))!;
            proposals.Add(proposal);
            history.Add(new SamplerObservation(proposal, null, IsPending: true));
        }

        for (var i = 0; i < proposals.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var dx = (double)proposals[i]["x"] - (double)proposals[j]["x"];
                var dy = (double)proposals[i]["y"] - (double)proposals[j]["y"];
                Math.Sqrt((dx * dx) + (dy * dy)).Should().BeGreaterThan(1e-3, $"proposals {i} and {j} must not collapse onto one point");
            }
        }
    }

    [Fact]
    public void A_finite_space_is_proposed_point_by_point_and_then_exhausted()
    {
        var space = Space(("a", Choice(1, 2, 3)), ("b", Choice("x", "y")));
        var sampler = new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 4);
        var history = new List<SamplerObservation>();
        for (var n = 0; n < 6; n++)
        {
            var proposal = sampler.Propose(n, new SamplerHistory(history.ToList()))!;
            proposal.Should().NotBeNull();
            // Trial 2 fails: it is left out of the model but never proposed again.
            history.Add(new SamplerObservation(proposal, n == 2 ? null : (long)proposal["a"] + ((string)proposal["b"] == "x" ? 0.5 : 0), IsPending: false));
        }

        history.Select(o => WarmStartKey(o.Parameters)).Should().OnlyHaveUniqueItems();
        sampler.Propose(6, new SamplerHistory(history)).Should().BeNull("all six points were tried");
    }

    [Fact]
    public void Failed_and_valueless_trials_do_not_stop_the_model()
    {
        var space = Space(("x", Uniform(-1, 1)));
        var sampler = new BayesianSampler(space, ObjectiveGoal.Minimize, seed: 6);
        var history = new List<SamplerObservation>();
        for (var n = 0; n < 20; n++)
        {
            var proposal = sampler.Propose(n, new SamplerHistory(history.ToList()))!;
            var x = (double)proposal["x"];
            history.Add(new SamplerObservation(proposal, x < -0.5 ? null : Quadratic(proposal), IsPending: false));
        }

        history.Where(o => o.Value is not null).Min(o => o.Value!.Value).Should().BeLessThan(1e-3, string.Join(", ", history.Select(o => $"{o.Parameters["x"]:F4}:{o.Value}")));
    }

    [Fact]
    public void Distributions_bayesian_sampling_does_not_support_are_rejected_naming_the_parameter()
    {
        var act = () => new BayesianSampler(Space(("x", Uniform(0, 1)), ("lr", LogUniform(-5, -1))), ObjectiveGoal.Minimize, 1);

        act.Should().Throw<ArgumentException>().WithMessage("*'search_space.lr' is loguniform*");
    }

    [Fact]
    public void The_refit_schedule_refits_every_proposal_then_on_doubling_steps()
    {
        BayesianSampler.Checkpoint(7, 40).Should().Be(7);
        BayesianSampler.Checkpoint(40, 40).Should().Be(40);
        BayesianSampler.Checkpoint(45, 40).Should().Be(44);
        BayesianSampler.Checkpoint(203, 40).Should().Be(200);
        BayesianSampler.Checkpoint(207, 40).Should().Be(200);
        BayesianSampler.Checkpoint(208, 40).Should().Be(208);
    }

    [Fact]
    public void Trials_that_diverge_to_minus_1e9_or_fail_do_not_stop_the_model_from_finding_the_top()
    {
        // Maximize a smooth r²-like score with a choice; far left it "diverges" to −1e9, and the "bad" solver fails.
        var space = Space(("x", Uniform(-1, 1)), ("solver", Choice("good", "bad", "ok")));
        double? Score(IReadOnlyDictionary<string, object> p)
        {
            var x = (double)p["x"];
            return (string)p["solver"] == "bad" ? null : x < -0.4 ? -1e9 * (1 + (x * x)) : 0.5 - Quadratic(p) - ((string)p["solver"] == "ok" ? 0.1 : 0);
        }

        var sampler = new BayesianSampler(space, ObjectiveGoal.Maximize, seed: 8);
        var history = new List<SamplerObservation>();
        for (var n = 0; n < 25; n++)
        {
            var proposal = sampler.Propose(n, new SamplerHistory(history.ToList()))!;
            history.Add(new SamplerObservation(proposal, Score(proposal), IsPending: false));
        }

        history.Where(o => o.Value is not null).Max(o => o.Value!.Value).Should().BeGreaterThan(0.5 - 1e-3);
        history.Skip(15).Count(o => (string)o.Parameters["solver"] == "good").Should().BeGreaterThan(5, "the model learns which choice is best");
    }

    internal static string WarmStartKey(IReadOnlyDictionary<string, object> parameters) =>
        HyperDrive.Fluent.Local.Sampling.WarmStartSampler.Key(parameters);
}
