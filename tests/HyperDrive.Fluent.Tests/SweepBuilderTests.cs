using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Tests;

public class SweepBuilderTests
{
    [Fact]
    public void Design_card_line_means_what_it_says()
    {
        var sweep = Sweep.For("02_train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2").Bandit(2, 0.1).Runs(4, 2).Build();

        sweep.Trial.Command.Should().Be("python 02_train.py --alpha ${{search_space.alpha}}");
        sweep.SearchSpace.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, Distribution>("alpha", new UniformDistribution(0.05, 1.0)));
        sweep.Objective.Should().Be(new Objective(ObjectiveGoal.Maximize, "r2"));
        sweep.EarlyTermination.Should().Be(new BanditPolicy(0.1, null, 2, 0));
        sweep.Limits.MaxTotalTrials.Should().Be(4);
        sweep.Limits.MaxConcurrentTrials.Should().Be(2);
        sweep.SamplingAlgorithm.Should().Be(new RandomSampling());
    }

    [Fact]
    public void Two_builds_of_the_same_sweep_are_equal()
    {
        SweepDefinition Make() => Sweep.For("train.py").Sample("--kernel", Choice("linear", "rbf")).Sample("--c", LogUniform(-3, 3))
            .Minimize("loss").Build();
        var make = Make();
        make.Trial.Command.Should().Be("python train.py --kernel ${{search_space.kernel}} --c ${{search_space.c}}");
        Make().Should().Be(make);
    }

    [Fact]
    public void Build_lists_every_problem_at_once()
    {
        var act = () => Sweep.ForCommand("python train.py --lr ${{search_space.lr}} --x ${{search_space.missing}}")
            .Sample("lr", Uniform(0, 1))
            .Sample("unused", Normal(0, 1))
            .GridSampling()
            .Runs(5, 10)
            .Build();

        var ex = act.Should().Throw<HyperDriveValidationException>().Which;
        ex.Problems.Where(p => p.IsError).Select(p => p.Path).Should().BeEquivalentTo(
            "search_space.lr", "search_space.unused", "objective.primary_metric", "limits.max_concurrent_trials",
            "trial.command", "search_space.unused");
        ex.Message.Should().StartWith("The sweep definition is not valid. 6 errors");
    }

    [Theory]
    [InlineData(1.0, 0.05)]
    [InlineData(double.NaN, 1)]
    public void Uniform_with_bad_bounds_fails_at_the_call(double min, double max)
    {
        var act = () => Uniform(min, max);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
