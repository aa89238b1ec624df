using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Sampling;

public class GridSamplerTests
{
    private static KeyValuePair<string, Distribution>[] Space(params (string Name, Distribution Distribution)[] parameters) =>
        parameters.Select(p => new KeyValuePair<string, Distribution>(p.Name, p.Distribution)).ToArray();

    [Fact]
    public void Enumerates_exactly_the_cartesian_product_with_the_last_parameter_fastest_then_stops()
    {
        var sampler = new GridSampler(Space(("a", Choice(1, 2)), ("b", Choice("x", "y", "z")), ("c", Choice(true, false))));
        sampler.Size.Should().Be(12);

        var proposals = Enumerable.Range(0, 13).Select(n => sampler.Propose(n, SamplerHistory.Empty)).ToList();

        proposals[12].Should().BeNull();
        var points = proposals.Take(12).Select(p => (p!["a"], p["b"], p["c"])).ToList();
        points.Should().OnlyHaveUniqueItems();
        points.Should().BeEquivalentTo(
            from a in new object[] { 1L, 2L } from b in new object[] { "x", "y", "z" } from c in new object[] { true, false } select (a, b, c),
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_billion_point_grid_proposes_its_last_point_without_materializing_it()
    {
        var digits = Enumerable.Range(0, 10).Select(i => (object)i).ToArray();
        var sampler = new GridSampler(Enumerable.Range(0, 9).Select(i => new KeyValuePair<string, Distribution>($"d{i}", Choice(digits))).ToArray());
        sampler.Size.Should().Be(1_000_000_000);

        var last = sampler.Propose(999_999_999, SamplerHistory.Empty)!;
        var middle = sampler.Propose(123_456_789, SamplerHistory.Empty)!;

        last.Values.Should().AllBeEquivalentTo(9L);
        string.Concat(middle.Values).Should().Be("123456789");
        sampler.Propose(1_000_000_000, SamplerHistory.Empty).Should().BeNull();
    }

    [Fact]
    public void A_grid_larger_than_the_trial_numbers_never_runs_out()
    {
        var options = Enumerable.Range(0, 1000).Select(i => (object)i).ToArray();
        var sampler = new GridSampler(Enumerable.Range(0, 8).Select(i => new KeyValuePair<string, Distribution>($"p{i}", Choice(options))).ToArray());
        sampler.Size.Should().Be(long.MaxValue);
        sampler.Propose(int.MaxValue, SamplerHistory.Empty).Should().NotBeNull();
    }

    [Fact]
    public void Object_options_without_distributions_are_returned_as_dictionaries()
    {
        var sampler = new GridSampler(Space(("opt", Choice(Option(("name", "adam"), ("beta", 0.9)), "sgd"))));
        sampler.Propose(0, SamplerHistory.Empty)!["opt"].Should().BeAssignableTo<IReadOnlyDictionary<string, object>>()
            .Which.Should().Contain("beta", 0.9);
        sampler.Propose(1, SamplerHistory.Empty)!["opt"].Should().Be("sgd");
    }

    [Fact]
    public void A_non_choice_parameter_fails_naming_it_and_the_fix()
    {
        var act = () => new GridSampler(Space(("a", Choice(1, 2)), ("lr", Uniform(0, 1))));
        act.Should().Throw<NotSupportedException>().WithMessage("*'search_space.lr' is uniform*Choice(...)*");
    }

    [Fact]
    public void A_choice_with_nested_distributions_fails_naming_it()
    {
        var act = () => new GridSampler(Space(("m", Choice(Option(("C", Uniform(0, 1))), "none"))));
        act.Should().Throw<NotSupportedException>().WithMessage("*nested distributions*'search_space.m'*");
    }
}
