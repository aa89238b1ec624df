using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Sampling;

public class SamplerFactoryTests
{
    private static SweepDefinition Sweep(SamplingAlgorithm algorithm) => new()
    {
        SearchSpace = EquatableMap<Distribution>.Create([new("a", Choice(1, 2)), new("b", Choice("x", "y"))]),
        SamplingAlgorithm = algorithm,
    };

    [Fact]
    public void Picks_the_sampler_of_the_algorithm()
    {
        SamplerFactory.Create(Sweep(new RandomSampling()), 3).Should().BeOfType<RandomSampler>().Which.Seed.Should().Be(3);
        SamplerFactory.Create(Sweep(new RandomSampling(1, RandomSamplingRule.Random)), 3).Should().BeOfType<RandomSampler>();
        SamplerFactory.Create(Sweep(new RandomSampling(1, RandomSamplingRule.Sobol)), 4).Should().BeOfType<SobolSampler>().Which.Seed.Should().Be(4);
        SamplerFactory.Create(Sweep(new GridSampling()), 5).Should().BeOfType<GridSampler>().Which.Size.Should().Be(4);
    }

    [Fact]
    public void Bayesian_sampling_gets_the_gaussian_process_sampler()
    {
        SamplerFactory.Create(Sweep(new BayesianSampling()), 1).Should().BeOfType<HyperDrive.Fluent.Local.Bayesian.BayesianSampler>();
    }

    [Fact]
    public void Bayesian_sampling_over_an_unsupported_distribution_fails_naming_the_parameter()
    {
        var sweep = Sweep(new BayesianSampling()) with
        {
            SearchSpace = EquatableMap<Distribution>.Create([new("lr", LogUniform(-5, -1))]),
        };
        var act = () => SamplerFactory.Create(sweep, 1);
        act.Should().Throw<ArgumentException>().WithMessage("*search_space.lr*loguniform*");
    }

    [Fact]
    public void The_seed_comes_from_the_override_then_the_definition_then_chance()
    {
        SamplerFactory.ResolveSeed(Sweep(new RandomSampling(17)), 99).Should().Be(99);
        SamplerFactory.ResolveSeed(Sweep(new RandomSampling(17))).Should().Be(17);
        var seeds = Enumerable.Range(0, 5).Select(_ => SamplerFactory.ResolveSeed(Sweep(new GridSampling()))).ToList();
        seeds.Should().OnlyContain(s => s >= 0);
        seeds.Distinct().Count().Should().BeGreaterThan(1);
    }
}
