using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
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

    [Fact]
    public void Setting_a_key_again_replaces_its_value_where_it_stands()
    {
        var sweep = Sweep.For("train.py").Sample("--x", Uniform(0, 1)).Maximize("m").Runs(1)
            .Input("a", 1).Input("b", 2).Input("a", 3)
            .Output("o").Output("p").Output("o", JobOutput.UriFile())
            .EnvironmentVariable("A", "1").EnvironmentVariable("B", "2").EnvironmentVariable("A", "3")
            .Tag("a", "1").Tag("b", "2").Tag("a", "3")
            .Property("a", "1").Property("b", "2").Property("a", "3")
            .BuildUnvalidated();

        sweep.Inputs.Keys.Should().Equal("a", "b");
        sweep.Inputs["a"].Should().Be(new LiteralInput(3));
        sweep.Outputs.Keys.Should().Equal("o", "p");
        sweep.Outputs["o"].Should().Be(JobOutput.UriFile());
        sweep.Trial.EnvironmentVariables.Should().Equal(new KeyValuePair<string, string>("A", "3"), new KeyValuePair<string, string>("B", "2"));
        sweep.Tags.Should().Equal(new KeyValuePair<string, string>("a", "3"), new KeyValuePair<string, string>("b", "2"));
        sweep.Properties.Should().Equal(new KeyValuePair<string, string>("a", "3"), new KeyValuePair<string, string>("b", "2"));
    }

    [Fact]
    public void Every_job_setter_lands_in_the_definition()
    {
        var sweep = Sweep.For("train.py").Sample("--x", Uniform(0, 1)).Maximize("m").Runs(1)
            .Code("./src").Environment("azureml:env:1").EnvironmentVariable("A", "1").Resources(2, "Standard_NC6")
            .DistributedTraining(new PyTorchDistribution(4)).Compute("cpu").Name("n").DisplayName("d").Experiment("e")
            .Description("text").Identity(new UserIdentity()).QueueTier(JobTier.Spot)
            .BuildUnvalidated();

        sweep.Trial.Should().Be(new CommandComponent
        {
            Command = "python train.py --x ${{search_space.x}}",
            Code = "./src",
            Environment = "azureml:env:1",
            EnvironmentVariables = EquatableMap<string>.Create([new("A", "1")]),
            Resources = new JobResources { InstanceCount = 2, InstanceType = "Standard_NC6" },
            Distribution = new PyTorchDistribution(4),
        });
        (sweep.Compute, sweep.Name, sweep.DisplayName, sweep.ExperimentName, sweep.Description).Should().Be(("cpu", "n", "d", "e", "text"));
        sweep.Identity.Should().Be(new UserIdentity());
        sweep.QueueTier.Should().Be(JobTier.Spot);
    }

    public static TheoryData<string, Action<SweepBuilder>> BadArguments() => new()
    {
        { "key", b => b.Input(" ", JobInput.Literal(1)) },
        { "input", b => b.Input("--a", (JobInput)null!) },
        { "key", b => b.Output("--") },
        { "code", b => b.Code("") },
        { "environment", b => b.Environment(" ") },
        { "environment", b => b.Environment((EnvironmentDefinition)null!) },
        { "name", b => b.EnvironmentVariable("", "v") },
        { "value", b => b.EnvironmentVariable("N", null!) },
        { "compute", b => b.Compute("") },
        { "instanceCount", b => b.Resources(0) },
        { "distribution", b => b.DistributedTraining(null!) },
        { "name", b => b.Name(" ") },
        { "displayName", b => b.DisplayName("") },
        { "experimentName", b => b.Experiment("") },
        { "description", b => b.Description(null!) },
        { "name", b => b.Tag("", "v") },
        { "value", b => b.Tag("t", null!) },
        { "name", b => b.Property(" ", "v") },
        { "value", b => b.Property("p", null!) },
        { "identity", b => b.Identity(null!) },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void A_bad_argument_fails_at_the_call_naming_its_parameter(string parameter, Action<SweepBuilder> call)
    {
        var act = () => call(Sweep.For("train.py"));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void A_builder_builds_once()
    {
        var builder = Sweep.For("train.py").Sample("--x", Uniform(0, 1)).Maximize("m").Runs(1);
        builder.BuildUnvalidated();

        var act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("This builder was already built; start a new one with Sweep.For(...).");
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
