using HyperDrive.Fluent.Trials;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Testing.Tests;

public class PipelineDefinitionAssertionsTests
{
    private const string TuneYaml = """


        Step "tune" compiles to:
            $schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
            type: sweep
            trial:
              command: python 02_train.py --alpha ${{search_space.alpha}} --data_X ${{inputs.data_X}} --model ${{outputs.model}}
            inputs:
              data_X: ${{parent.jobs.prep.outputs.data_X}}
            outputs:
              model:
                type: uri_folder
            sampling_algorithm: random
            search_space:
              alpha:
                type: uniform
                min_value: 0.05
                max_value: 1.0
            objective:
              goal: maximize
              primary_metric: r2
            early_termination:
              type: bandit
              evaluation_interval: 2
              delay_evaluation: 0
              slack_factor: 0.1
            limits:
              max_total_trials: 4
              max_concurrent_trials: 2
        """;

    private static PipelineDefinition RidgePipeline() => Pipeline.Create("ridge-pipeline")
        .Input("raw_data", JobInput.UriFile("data/diabetes.csv"))
        .Step("prep", "01_prep.py", s => s.Input("--raw", BindingInput.ToPipelineInput("raw_data")).Output("--data_X"))
        .Sweep("tune", Sweep.For("02_train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .BindInput("--data_X", "prep", "data_X")
            .Output("--model")
            .Maximize("r2").Bandit(2, 0.1).Runs(4, 2))
        .RegisterBestModel("tune", "model", "ridge-model")
        .Build();

    private static string FailureOf(Action assertion) => assertion.Should().Throw<Exception>().Which.Message.TrimEnd();

    [Fact]
    public void Every_assertion_passes_on_a_matching_pipeline()
    {
        var pipeline = RidgePipeline();

        pipeline.Should().HaveStep("tune").ThatSweeps(s => s.Sample("alpha").FromUniform(0.05, 1.0).And.Maximize("r2").And.UseBandit(2, 0.1));
        pipeline.Should().HaveStep("tune").BindInput("data_X").From("prep", "data_X");
        pipeline.Should().HaveStep("prep").BindInput("raw").FromPipelineInput("raw_data");
        pipeline.Should().HaveStep("prep").ThatRunsCommand().Which!.Component.Command.Should().StartWith("python 01_prep.py");
        pipeline.Should().HaveStep("tune").ThatSweeps().Which!.Limits.MaxTotalTrials.Should().Be(4);
        pipeline.Should().RegisterBestModel("tune", "model", "ridge-model").And.BeValid();
    }

    [Fact]
    public void A_failure_inside_ThatSweeps_names_the_step_and_shows_its_yaml()
    {
        var pipeline = RidgePipeline();

        FailureOf(() => pipeline.Should().HaveStep("tune").ThatSweeps(s => s.HaveLimits(8))).Should().Be(
            "Expected step \"tune\" to run at most 8 trials, but its limits are max_total_trials: 4, max_concurrent_trials: 2." + TuneYaml);
    }

    [Fact]
    public void A_wrong_binding_shows_the_binding_and_the_step_yaml()
    {
        var pipeline = RidgePipeline();

        FailureOf(() => pipeline.Should().HaveStep("tune").BindInput("data_X").From("prep", "data_y")).Should().Be(
            "Expected pipeline to have step \"tune\" bind its input \"data_X\" to the output \"data_y\" of step \"prep\", " +
            "but it is bound to ${{parent.jobs.prep.outputs.data_X}}." + TuneYaml);
    }

    [Fact]
    public void A_missing_step_names_the_steps_there_are()
    {
        var pipeline = RidgePipeline();

        var message = FailureOf(() => pipeline.Should().HaveStep("train").ThatSweeps(s => s.Maximize("r2")));

        message.Should().StartWith("Expected pipeline to have a step \"train\", but it has only \"prep\", \"tune\".")
            .And.Contain("The pipeline compiles to:").And.Contain("type: pipeline");
    }

    [Fact]
    public void A_step_of_the_wrong_kind_says_what_it_is()
    {
        var pipeline = RidgePipeline();

        FailureOf(() => pipeline.Should().HaveStep("prep").ThatSweeps()).Should().StartWith(
            "Expected pipeline to have step \"prep\" sweep, but it is a command step.\n\nStep \"prep\" compiles to:");
        FailureOf(() => pipeline.Should().HaveStep("tune").ThatRunsCommand()).Should().StartWith(
            "Expected pipeline to have step \"tune\" run a command, but it is a sweep step.");
    }

    [Fact]
    public void A_missing_model_registration_lists_the_registrations()
    {
        var pipeline = RidgePipeline();

        FailureOf(() => pipeline.Should().RegisterBestModel("tune", "model", "lasso-model")).Should().StartWith(
            "Expected pipeline to register the output \"model\" of step \"tune\" as the model \"lasso-model\", but it registers \"model\" of step \"tune\" as \"ridge-model\".");
    }
}
