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
            "search_space.lr", "search_space.unused", "objective.primary_metric", "trial.command");
        ex.Message.Should().StartWith("The sweep definition is not valid. 4 errors");
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

public class DistributionsTests
{
    [Fact]
    public void A_single_string_or_object_is_one_choice_value()
    {
        Choice("rbf").Values.Should().Equal("rbf");
        var option = Option(("kind", "svm"), ("C", Uniform(0.1, 10)));
        Choice(option).Values.Should().Equal(option);
        ChoiceOf(Enumerable.Range(1, 3)).Values.Should().Equal(1L, 2L, 3L);
    }

    [Fact]
    public void Choice_values_are_normalized_to_long_double_string_bool()
    {
        Choice(1, 2.5f, "x", true, 3m).Values.Should().Equal(1L, 2.5, "x", true, 3.0);
    }

    [Fact]
    public void Log_bounds_are_natural_log_exponents_and_the_real_bounds_form_converts()
    {
        var d = LogUniformBetween(1e-4, 1e-1);
        d.Min.Should().BeApproximately(Math.Log(1e-4), 1e-12);
        d.Max.Should().BeApproximately(Math.Log(1e-1), 1e-12);
        var act = () => LogUniformBetween(0, 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("low");
    }

    [Fact]
    public void Arguments_wrong_on_their_own_fail_at_the_call_naming_the_parameter()
    {
        ((Action)(() => RandInt(0))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("upper");
        ((Action)(() => Normal(0, -1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sigma");
        ((Action)(() => QUniform(0, 1, 0))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("q");
        ((Action)(() => Uniform(1.0, 0.05))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("max")
            .WithMessage("'max' (0.05) must be greater than 'min' (1).*");
        ((Action)(() => Choice())).Should().Throw<ArgumentException>().WithMessage("A choice needs at least one value.*");
        ((Action)(() => Choice(new object()))).Should().Throw<ArgumentException>().WithMessage("Choice value #0 has type Object*");
    }
}
