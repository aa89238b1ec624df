using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using Dist = MathNet.Numerics.Distributions;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Sampling;

public class RandomSamplerTests
{
    private const int Draws = 20_000;

    private static KeyValuePair<string, Distribution>[] Space(params (string Name, Distribution Distribution)[] parameters) =>
        parameters.Select(p => new KeyValuePair<string, Distribution>(p.Name, p.Distribution)).ToArray();

    private static IEnumerable<IReadOnlyDictionary<string, object>> Proposals(RandomSampler sampler, int count) =>
        Enumerable.Range(0, count).Select(n => sampler.Propose(n, SamplerHistory.Empty)!);

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-7)]
    public void The_same_seed_proposes_the_same_stream_in_any_order(int seed)
    {
        var space = Space(("lr", LogUniform(-9, -1)), ("layers", RandInt(8)), ("act", Choice("relu", "tanh")), ("m", Normal(0, 1)));
        var forward = Proposals(new RandomSampler(space, seed), 50).ToList();
        var fresh = new RandomSampler(space, seed);
        var backward = Enumerable.Range(0, 50).Reverse().Select(n => fresh.Propose(n, SamplerHistory.Empty)).Reverse().ToList();

        backward.Should().Equal(forward);
        Proposals(new RandomSampler(space, seed + 1), 50).Should().NotEqual(forward);
    }

    [Fact]
    public void Proposal_of_trial_n_ignores_the_history()
    {
        var sampler = new RandomSampler(Space(("x", Uniform(0, 1))), 5);
        var history = new SamplerHistory([new SamplerObservation(new Dictionary<string, object> { ["x"] = 0.3 }, 1.0, false)]);
        sampler.Propose(3, history).Should().Equal(sampler.Propose(3, SamplerHistory.Empty));
    }

    [Fact]
    public void Choice_options_come_up_with_equal_frequencies()
    {
        var sampler = new RandomSampler(Space(("c", Choice(1, 2.5, "three", true, 5))), 11);
        var options = new object[] { 1L, 2.5, "three", true, 5L };
        var counts = new int[options.Length];
        foreach (var p in Proposals(sampler, Draws))
        {
            counts[Array.IndexOf(options, p["c"])]++;
        }

        SamplingStatistics.ShouldBeUniformCounts(counts);
    }

    [Fact]
    public void RandInt_values_come_up_with_equal_frequencies()
    {
        var counts = new int[7];
        foreach (var p in Proposals(new RandomSampler(Space(("k", RandInt(7))), 12), Draws))
        {
            counts[(long)p["k"]]++;
        }

        SamplingStatistics.ShouldBeUniformCounts(counts);
    }

    [Fact]
    public void Continuous_distributions_follow_their_cdf()
    {
        var sampler = new RandomSampler(
            Space(("u", Uniform(-1, 3)), ("lu", LogUniform(-4, 2)), ("n", Normal(10, 2)), ("ln", LogNormal(0.5, 0.4))),
            13);
        var sample = Proposals(sampler, Draws).ToList();

        SamplingStatistics.ShouldFollow(sample.Select(p => (double)p["u"]), x => (x + 1) / 4);
        SamplingStatistics.ShouldFollow(sample.Select(p => (double)p["lu"]), x => (Math.Log(x) + 4) / 6);
        SamplingStatistics.ShouldFollow(sample.Select(p => (double)p["n"]), x => Dist.Normal.CDF(10, 2, x));
        SamplingStatistics.ShouldFollow(sample.Select(p => (double)p["ln"]), x => Dist.LogNormal.CDF(0.5, 0.4, x));
    }

    [Fact]
    public void QUniform_values_are_on_the_grid_with_the_right_frequencies()
    {
        // quniform(0, 100, 20): U/20 in [0, 5]; round gives 0 and 100 half the weight of 20..80.
        var counts = new int[6];
        foreach (var p in Proposals(new RandomSampler(Space(("q", QUniform(0, 100, 20))), 14), Draws))
        {
            var value = (long)p["q"];
            (value % 20).Should().Be(0);
            counts[value / 20]++;
        }

        SamplingStatistics.ShouldBeUniformCounts([counts[0] + counts[5], counts[1], counts[2], counts[3], counts[4]]);
    }

    [Fact]
    public void QNormal_frequencies_match_the_rounded_normal()
    {
        var counts = new Dictionary<long, int>();
        foreach (var p in Proposals(new RandomSampler(Space(("q", QNormal(0, 1, 1))), 15), Draws))
        {
            var v = Math.Clamp((long)p["q"], -2, 2);
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        // P(round(N) = 0) = P(|N| < 0.5); P(= ±1) = P(0.5 < N < 1.5).
        var p0 = Dist.Normal.CDF(0, 1, 0.5) - Dist.Normal.CDF(0, 1, -0.5);
        var p1 = Dist.Normal.CDF(0, 1, 1.5) - Dist.Normal.CDF(0, 1, 0.5);
        ((double)counts[0] / Draws).Should().BeApproximately(p0, 0.015);
        ((double)counts[1] / Draws).Should().BeApproximately(p1, 0.015);
        ((double)counts[-1] / Draws).Should().BeApproximately(p1, 0.015);
    }

    [Fact]
    public void Nested_choices_are_sampled_recursively_into_dictionaries()
    {
        var space = Space(("model", Choice(
            Option(("name", "svm"), ("C", Uniform(0.1, 10)), ("kernel", Choice("rbf", "linear"))),
            Option(("name", "tree"), ("depth", RandInt(10))),
            "none")));
        var sampler = new RandomSampler(space, 3);
        sampler.Layout.DimensionCount.Should().Be(4);
        sampler.Layout.Dimensions.Select(d => d.Path).Should().Equal("model", "model[0].C", "model[0].kernel", "model[1].depth");

        var names = new Dictionary<string, int>();
        foreach (var p in Proposals(sampler, 3000))
        {
            var model = p["model"];
            if (model is string s)
            {
                s.Should().Be("none");
                names["none"] = names.GetValueOrDefault("none") + 1;
                continue;
            }

            var map = model.Should().BeAssignableTo<IReadOnlyDictionary<string, object>>().Subject;
            var name = (string)map["name"];
            names[name] = names.GetValueOrDefault(name) + 1;
            if (name == "svm")
            {
                map.Keys.Should().Equal("name", "C", "kernel");
                ((double)map["C"]).Should().BeInRange(0.1, 10);
                map["kernel"].Should().BeOneOf("rbf", "linear");
            }
            else
            {
                map.Keys.Should().Equal("name", "depth");
                ((long)map["depth"]).Should().BeInRange(0, 9);
            }
        }

        SamplingStatistics.ShouldBeUniformCounts([names["svm"], names["tree"], names["none"]]);
    }

    [Fact]
    public void Encode_then_decode_gives_back_the_parameters_and_marks_unused_options()
    {
        var sampler = new RandomSampler(
            Space(("model", Choice(Option(("name", "svm"), ("C", Uniform(0.1, 10))), Option(("name", "tree"), ("depth", RandInt(10))))), ("lr", Uniform(0, 1))),
            8);
        foreach (var p in Proposals(sampler, 100))
        {
            var point = sampler.Layout.Encode(p);
            point.Count(double.IsNaN).Should().Be(1);
            var filled = point.Select(x => double.IsNaN(x) ? 0.5 : x).ToArray();
            var decoded = sampler.Layout.Decode(filled);
            var model = (IReadOnlyDictionary<string, object>)decoded["model"];
            var original = (IReadOnlyDictionary<string, object>)p["model"];
            model.Keys.Should().Equal(original.Keys);
            model["name"].Should().Be(original["name"]);
            if (original.TryGetValue("C", out var c))
            {
                ((double)model["C"]).Should().BeApproximately((double)c, 1e-12);
            }
            else
            {
                model["depth"].Should().Be(original["depth"]);
            }

            ((double)decoded["lr"]).Should().BeApproximately((double)p["lr"], 1e-12);
        }
    }

    [Fact]
    public void Encode_rejects_a_value_that_is_no_option_naming_the_parameter()
    {
        var sampler = new RandomSampler(Space(("act", Choice("relu", "tanh"))), 1);
        var act = () => sampler.Layout.Encode(new Dictionary<string, object> { ["act"] = "gelu" });
        act.Should().Throw<ArgumentException>().WithMessage("*gelu*'act'*");
    }

    [Fact]
    public void Random_sampling_of_a_small_all_choice_space_may_repeat_points()
    {
        var distinct = Proposals(new RandomSampler(Space(("a", Choice(1, 2)), ("b", Choice("x", "y"))), 9), 20).Distinct().Count();
        distinct.Should().BeLessThanOrEqualTo(4);
    }
}
