using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Tests.Pipelines;

public class PipelineBuilderTests
{
    private static PipelineBuilder SeedPipeline() => Pipeline.Create("diabetes-ridge")
        .DefaultCompute("cpu-cluster")
        .Input("raw_data", JobInput.UriFile("azureml://datastores/workspaceblobstore/paths/data/diabetes.csv"))
        .Step("prep", "01_prep_data.py", s => s
            .Input("--raw_data", BindingInput.ToPipelineInput("raw_data"))
            .Output("--data_X")
            .Output("--data_y")
            .Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest"))
        .Sweep("tune", Sweep.For("02_train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .BindInput("--data_X", "prep", "data_X")
            .BindInput("--data_y", "prep", "data_y")
            .Output("--model_output", JobOutput.MLFlowModel())
            .Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest")
            .Maximize("r2").Bandit(2, 0.1).Runs(4, 2))
        .Step("register", "03_reg_model.py", s => s
            .BindInput("--model", "tune", "model_output")
            .Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest"))
        .RegisterBestModel("tune", "model_output", "diabetes-ridge", AssetType.MLFlowModel);

    [Fact]
    public void Setting_a_key_again_moves_it_last_in_a_pipeline_and_its_steps()
    {
        var pipeline = Pipeline.Create("p")
            .Input("a", JobInput.Literal(1)).Input("b", JobInput.Literal(2)).Input("a", JobInput.Literal(3))
            .Output("o").Output("p").Output("o", JobOutput.UriFile())
            .Tag("a", "1").Tag("b", "2").Tag("a", "3")
            .Step("s", "s.py", s => s
                .Input("a", JobInput.Literal(1)).Input("b", JobInput.Literal(2)).Input("a", JobInput.Literal(3))
                .Output("o").Output("p").Output("o", JobOutput.UriFile())
                .EnvironmentVariable("A", "1").EnvironmentVariable("B", "2").EnvironmentVariable("A", "3")
                .Environment("azureml:env:1"))
            .Build();
        var step = (CommandJobDefinition)pipeline.Jobs["s"];

        pipeline.Inputs.Keys.Should().Equal("b", "a");
        pipeline.Inputs["a"].Should().Be(JobInput.Literal(3));
        pipeline.Outputs.Keys.Should().Equal("p", "o");
        pipeline.Outputs["o"].Should().Be(JobOutput.UriFile());
        pipeline.Tags.Should().Equal(new KeyValuePair<string, string>("b", "2"), new KeyValuePair<string, string>("a", "3"));
        step.Inputs.Keys.Should().Equal("b", "a");
        step.Outputs.Keys.Should().Equal("p", "o");
        step.Component.EnvironmentVariables.Should().Equal(new KeyValuePair<string, string>("B", "2"), new KeyValuePair<string, string>("A", "3"));
    }

    [Fact]
    public void Every_pipeline_and_step_setter_lands_in_the_definition()
    {
        var pipeline = Pipeline.Create("p").DisplayName("d").Experiment("e").Description("text")
            .Step("s", "s.py", s => s.Code("./s").Environment("azureml:env:1").Compute("gpu").DisplayName("step"))
            .Build();
        var step = (CommandJobDefinition)pipeline.Jobs["s"];

        (pipeline.Name, pipeline.DisplayName, pipeline.ExperimentName, pipeline.Description).Should().Be(("p", "d", "e", "text"));
        pipeline.Compute.Should().BeNull();
        step.Should().Be(new CommandJobDefinition
        {
            Compute = "gpu",
            DisplayName = "step",
            Component = new CommandComponent { Command = "python s.py", Code = "./s", Environment = "azureml:env:1" },
        });
    }

    public static TheoryData<string, Action<PipelineBuilder>> BadArguments() => new()
    {
        { "name", b => b.Input(" ", JobInput.Literal(1)) },
        { "input", b => b.Input("a", null!) },
        { "name", b => b.Output("") },
        { "displayName", b => b.DisplayName("") },
        { "experimentName", b => b.Experiment(" ") },
        { "description", b => b.Description(null!) },
        { "name", b => b.Tag("", "v") },
        { "value", b => b.Tag("t", null!) },
        { "key", b => b.Step("s", "s.py", s => s.Input("", JobInput.Literal(1))) },
        { "input", b => b.Step("s", "s.py", s => s.Input("a", null!)) },
        { "key", b => b.Step("s", "s.py", s => s.Output("-")) },
        { "code", b => b.Step("s", "s.py", s => s.Code(" ")) },
        { "environment", b => b.Step("s", "s.py", s => s.Environment("")) },
        { "environment", b => b.Step("s", "s.py", s => s.Environment((EnvironmentDefinition)null!)) },
        { "name", b => b.Step("s", "s.py", s => s.EnvironmentVariable("", "v")) },
        { "value", b => b.Step("s", "s.py", s => s.EnvironmentVariable("N", null!)) },
        { "compute", b => b.Step("s", "s.py", s => s.Compute("")) },
        { "displayName", b => b.Step("s", "s.py", s => s.DisplayName(" ")) },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void A_bad_argument_fails_at_the_call_naming_its_parameter(string parameter, Action<PipelineBuilder> call)
    {
        var act = () => call(Pipeline.Create("p"));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void A_pipeline_builder_builds_once()
    {
        var builder = Pipeline.Create("p").Step("s", "s.py", s => s.Environment("azureml:env:1"));
        builder.Build();

        var act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("This builder was already built; start a new one with Pipeline.Create(...).");
    }

    [Fact]
    public void The_seed_pipeline_is_expressible_and_valid_for_Azure()
    {
        var pipeline = SeedPipeline().Build(ValidationTarget.AzureML);

        pipeline.Jobs.Keys.Should().Equal("prep", "tune", "register");
        pipeline.GetExecutionOrder().Should().Equal("prep", "tune", "register");
        var tune = pipeline.Jobs["tune"].Should().BeOfType<SweepDefinition>().Subject;
        tune.Trial.Command.Should().Be(
            "python 02_train.py --alpha ${{search_space.alpha}} --data_X ${{inputs.data_X}} --data_y ${{inputs.data_y}} --model_output ${{outputs.model_output}}");
        tune.Inputs["data_X"].Should().Be(new BindingInput("${{parent.jobs.prep.outputs.data_X}}"));
        var prep = pipeline.Jobs["prep"].Should().BeOfType<CommandJobDefinition>().Subject;
        prep.Component.Command.Should().Be("python 01_prep_data.py --raw_data ${{inputs.raw_data}} --data_X ${{outputs.data_X}} --data_y ${{outputs.data_y}}");
        pipeline.ModelRegistrations.Should().ContainSingle().Which.StepName.Should().Be("tune");
    }

    [Fact]
    public void Bindings_that_name_nothing_are_all_reported()
    {
        var act = () => Pipeline.Create("p")
            .Step("a", "a.py", s => s.BindInput("--x", "missing", "out").Input("--y", BindingInput.ToPipelineInput("nope")))
            .Step("b", "b.py", s => s.BindInput("--z", "a", "not_an_output"))
            .RegisterBestModel("a", "model", "m")
            .Build();

        var problems = act.Should().Throw<HyperDriveValidationException>().Which.Problems.Where(p => p.IsError).ToList();
        problems.Select(p => p.Path).Should().BeEquivalentTo(
            "jobs.a.inputs.x", "jobs.a.inputs.y", "jobs.b.inputs.z", "model_registrations[0].output");
        problems.Should().OnlyContain(p => p.Fix.Length > 0);
    }

    [Fact]
    public void A_cycle_between_steps_is_an_error_naming_it()
    {
        var act = () => Pipeline.Create("p")
            .Step("a", "a.py", s => s.BindInput("--x", "b", "out").Output("--out"))
            .Step("b", "b.py", s => s.BindInput("--y", "a", "out").Output("--out"))
            .Build();

        act.Should().Throw<HyperDriveValidationException>()
            .WithMessage("*The steps bind to each other in a cycle: a -> b -> a.*");
    }

    [Fact]
    public void Azure_target_needs_a_compute_for_every_step()
    {
        var act = () => Pipeline.Create("p")
            .Step("a", "a.py", s => s.Environment("azureml:env:1"))
            .Build(ValidationTarget.AzureML);

        act.Should().Throw<HyperDriveValidationException>().Which.Problems
            .Should().ContainSingle(p => p.IsError).Which.Path.Should().Be("jobs.a.compute");
    }

    [Fact]
    public void Duplicate_step_names_fail_at_the_call()
    {
        var builder = Pipeline.Create("p").Step("a", "a.py");
        var act = () => builder.Step("a", "b.py");
        act.Should().Throw<ArgumentException>().WithMessage("The pipeline already has a step 'a'.*").And.ParamName.Should().Be("name");
    }
}
