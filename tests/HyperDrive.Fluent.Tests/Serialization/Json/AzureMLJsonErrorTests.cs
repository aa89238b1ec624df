using System.Text.Json.Nodes;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;
using static HyperDrive.Fluent.Tests.Serialization.Json.JsonTestSupport;

namespace HyperDrive.Fluent.Tests.Serialization.Json;

public class AzureMLJsonErrorTests
{
    private static readonly AzureMLJsonOptions Options = new() { WorkspaceId = WorkspaceId };

    private static string SeedWith(Action<JsonObject> change)
    {
        var body = JsonNode.Parse(AzureMLJson.Write(PayloadScenarios.Seed(), Options))!;
        change(body["properties"]!.AsObject());
        return body.ToJsonString();
    }

    [Fact]
    public void Malformed_JSON_names_the_file_line_and_column()
    {
        var act = () => AzureMLJson.Read("{\n  \"properties\": {\n    \"jobType\": \"Sweep\",,\n  }\n}", "job.json");

        act.Should().Throw<AzureMLFormatException>().WithMessage("job.json(3,*): *not valid JSON*Fix the syntax*")
            .Which.Line.Should().Be(3);
    }

    [Fact]
    public void A_document_without_properties_or_jobType_says_what_a_job_body_looks_like()
    {
        var act = () => AzureMLJson.Read("""{"name": "x"}""", "job.json");

        act.Should().Throw<AzureMLFormatException>().WithMessage("job.json: properties: is missing. An Azure ML job body is {\"properties\": {\"jobType\": \"Sweep\", ...}}*");
    }

    [Fact]
    public void An_unsupported_job_type_is_named()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["jobType"] = "AutoML"));

        act.Should().Throw<AzureMLFormatException>().WithMessage("<document>: properties.jobType: 'AutoML' jobs are not supported; HyperDrive.Fluent reads Sweep, Command and Pipeline jobs.");
    }

    [Fact]
    public void An_unknown_distribution_names_its_path_and_the_valid_names()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["searchSpace"]!["alpha"]![0] = "uniformm"));

        act.Should().Throw<AzureMLFormatException>()
            .WithMessage("*properties.searchSpace.alpha[0]: unknown distribution 'uniformm'; use one of choice, randint, uniform*")
            .Which.Key.Should().Be("properties.searchSpace.alpha[0]");
    }

    [Fact]
    public void A_choice_without_its_extra_list_says_how_to_wrap_the_values()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["searchSpace"]!["alpha"] = JsonNode.Parse("""["choice", [1, 2]]""")));

        act.Should().Throw<AzureMLFormatException>()
            .WithMessage("*properties.searchSpace.alpha[1]: a choice's arguments are its values wrapped in one extra list: [\"choice\", [[v1, v2, ...]]].");
    }

    [Fact]
    public void Bounds_the_model_rejects_are_reported_at_their_path()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["searchSpace"]!["alpha"] = JsonNode.Parse("""["uniform", [1.0, 0.05]]""")));

        act.Should().Throw<AzureMLFormatException>().WithMessage("*properties.searchSpace.alpha[1]: 'max' (0.05) must be greater than 'min' (1)*");
    }

    [Fact]
    public void A_duration_that_is_not_ISO_8601_shows_the_expected_form()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["limits"]!["timeout"] = "5 minutes"));

        act.Should().Throw<AzureMLFormatException>().WithMessage("*properties.limits.timeout: '5 minutes' is not an ISO-8601 duration; write it like PT30M, PT1H or PT90S.");
    }

    [Fact]
    public void An_unknown_goal_lists_the_goals()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["objective"]!["goal"] = "biggest"));

        act.Should().Throw<AzureMLFormatException>().WithMessage("*properties.objective.goal: unknown goal 'biggest'; use Maximize or Minimize.");
    }

    [Theory]
    [InlineData("maximize")]
    [InlineData("Maximize")]
    [InlineData("MAXIMIZE")]
    public void Goal_is_read_in_any_case(string goal) =>
        AzureMLJson.ReadSweep(SeedWith(p => p["objective"]!["goal"] = goal)).Objective.Goal.Should().Be(ObjectiveGoal.Maximize);

    [Fact]
    public void A_wrong_type_names_the_key_and_what_was_found()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["limits"]!["maxTotalTrials"] = "four"), "sweep.json");

        act.Should().Throw<AzureMLFormatException>().WithMessage("sweep.json: properties.limits.maxTotalTrials: expected an integer, found the string \"four\".");
    }

    [Fact]
    public void Missing_required_parts_of_a_sweep_are_named_with_the_fix()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p.Remove("objective")));

        act.Should().Throw<AzureMLFormatException>().WithMessage("*properties.objective: is required. Give it as {\"goal\": \"Maximize\", \"primaryMetric\": \"accuracy\"}.");
    }

    [Fact]
    public void Missing_trial_command_is_named()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["trial"]!.AsObject().Remove("command")));

        act.Should().Throw<AzureMLFormatException>().WithMessage("*properties.trial.command: is required.*");
    }

    [Fact]
    public void Unknown_input_type_lists_the_types()
    {
        var act = () => AzureMLJson.Read(SeedWith(p => p["inputs"]!["data"]!["jobInputType"] = "csv_file"));

        act.Should().Throw<AzureMLFormatException>().WithMessage("*properties.inputs.data.jobInputType: unknown input type 'csv_file'; use literal, uri_folder, uri_file, mltable*");
    }

    [Fact]
    public void ReadSweep_of_a_pipeline_says_what_it_found()
    {
        var json = AzureMLJson.Write(PayloadScenarios.All["pipeline-sweep-step"](), Options);

        var act = () => AzureMLJson.ReadSweep(json, "pipeline.json");

        act.Should().Throw<AzureMLFormatException>().WithMessage("pipeline.json: properties.jobType: expected a Sweep job, found a pipeline job*");
    }

    [Fact]
    public void A_local_code_folder_is_never_silently_dropped()
    {
        var sweep = PayloadScenarios.Seed() with { Trial = PayloadScenarios.Seed().Trial with { Code = "./src" } };

        var act = () => AzureMLJson.Write(sweep, Options);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("trial.code: './src' is a local folder, but the Azure ML REST body needs the ARM id of an uploaded code asset (codeId)*AzureMLJsonOptions.CodeIds[\"./src\"]*LocalCodeHandling.Omit*");
    }

    [Fact]
    public void A_failed_write_leaves_the_callers_writer_untouched()
    {
        var sweep = PayloadScenarios.Seed() with { Trial = PayloadScenarios.Seed().Trial with { Code = "./src" } };
        using var buffer = new MemoryStream();
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);

        var act = () => AzureMLJson.Write(writer, sweep, Options);

        act.Should().Throw<InvalidOperationException>();
        writer.Flush();
        buffer.Length.Should().Be(0);
    }

    [Fact]
    public void A_local_code_folder_uses_the_uploaded_code_id_from_the_options()
    {
        var sweep = PayloadScenarios.Seed() with { Trial = PayloadScenarios.Seed().Trial with { Code = "./src" } };
        var options = Options with { CodeIds = new Dictionary<string, string> { ["./src"] = "azureml:ridge-code:3" } };

        var json = AzureMLJson.Write(sweep, options);

        json.Should().Contain($"\"codeId\": \"{WorkspaceId}/codes/ridge-code/versions/3\"");
        ShouldPassContract(json);
    }

    [Fact]
    public void The_omit_policy_writes_the_body_without_a_code_id()
    {
        var sweep = PayloadScenarios.Seed() with { Trial = PayloadScenarios.Seed().Trial with { Code = "./src" } };

        var json = AzureMLJson.Write(sweep, Options with { LocalCode = LocalCodeHandling.Omit });

        json.Should().NotContain("codeId");
        ShouldPassContract(json);
    }

    [Fact]
    public void A_local_code_folder_of_a_pipeline_step_is_named_by_its_step()
    {
        var pipeline = Pipeline.Create("p").Step("prep", "prep.py", s => s.Code("./prep").Environment(PayloadScenarios.Environment)).Build();

        var act = () => AzureMLJson.Write(pipeline, Options);

        act.Should().Throw<InvalidOperationException>().WithMessage("jobs.prep.code: './prep' is a local folder*");
    }

    [Fact]
    public void A_stand_alone_sweep_cannot_refer_to_a_registered_trial_component()
    {
        var sweep = PayloadScenarios.Seed() with { Trial = new CommandComponent { ComponentId = "azureml:train:1" } };

        var act = () => AzureMLJson.Write(sweep, Options);

        act.Should().Throw<InvalidOperationException>().WithMessage("trial: the sweep's trial refers to the registered component 'azureml:train:1'*pipeline*");
    }

    [Fact]
    public void A_pipeline_sweep_node_may_refer_to_a_registered_trial_component_and_reads_back()
    {
        var sweep = (SweepDefinition)((PipelineDefinition)PayloadScenarios.All["pipeline-sweep-step"]()).Jobs["tune"];
        var pipeline = (PipelineDefinition)PayloadScenarios.All["pipeline-sweep-step"]();
        pipeline = pipeline with { Jobs = pipeline.Jobs.SetItem("tune", sweep with { Trial = new CommandComponent { ComponentId = "azureml:train:1" } }) };
        var options = Options with { IncludeName = true };

        var json = AzureMLJson.Write(pipeline, options);

        json.Should().Contain("\"componentId\": \"azureml:train:1\"");
        AzureMLJson.Read(json, options: options).Should().Be(pipeline);
    }

    [Fact]
    public void Pipeline_queue_settings_have_no_REST_form_and_are_not_dropped()
    {
        var pipeline = (PipelineDefinition)PayloadScenarios.All["pipeline-sweep-step"]() with { QueueTier = JobTier.Spot };

        var act = () => AzureMLJson.Write(pipeline, Options);

        act.Should().Throw<InvalidOperationException>().WithMessage("queue_settings: a pipeline job has no queue settings*");
    }
}
