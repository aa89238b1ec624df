using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Tests.Serialization.Yaml;

public class AzureMLYamlWriterTests
{
    private const string Environment = "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest";
    private const string Compute = "azureml:cpu-cluster";

    private static SweepBuilder Base(Distribution distribution) =>
        Sweep.For("train.py").Sample("--x", distribution).Maximize("acc").Runs(20, 4).Environment(Environment).Compute(Compute);

    [Fact]
    public void A_local_code_folder_a_fractional_trial_timeout_and_a_true_string_are_written_as_given_and_read_back()
    {
        // The payload scenarios hold what REST carries too: a code asset id (REST has no field for a local folder), whole
        // seconds (REST rounds a trial timeout up to them) and no string literal that reads as a boolean (REST literals
        // are strings, typed again when read). CLI v2 YAML keeps all three as written.
        var sweep = Base(LogUniform(-6, -1)).Code("./src").TrialTimeout(TimeSpan.FromSeconds(90.5)).Input("note", "true").Build();

        var yaml = AzureMLYaml.Write(sweep);

        yaml.Should().Contain("\n  code: ./src\n").And.Contain("\n  trial_timeout: 90.5\n").And.Contain("\n  note: \"true\"\n");
        AzureMLYaml.Read(yaml).Should().Be(sweep);
        AzureMLYaml.Write(AzureMLYaml.Read(yaml)).Should().Be(yaml);
    }

    [Fact]
    public void A_code_asset_ARM_id_is_written_with_the_azureml_prefix_so_the_CLI_does_not_read_it_as_a_folder()
    {
        // azure-ai-ml's code field takes an asset id only behind azureml: (ArmStr); a bare /subscriptions/... is a local path.
        const string codeId = "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/codes/c/versions/1";
        var sweep = Base(Uniform(0, 1)).Code(codeId).Build();

        var yaml = AzureMLYaml.Write(sweep);

        yaml.Should().Contain($"\n  code: azureml:{codeId}\n");
        AzureMLYaml.Read(yaml).Should().Be(sweep, "the reader strips the azureml: of an ARM id as azure-ai-ml does");
        AzureMLYaml.Read(yaml.Replace($"azureml:{codeId}", codeId, StringComparison.Ordinal)).Should().Be(sweep, "a bare ARM id still reads");
    }

    [Fact]
    public void A_stand_alone_sweep_may_name_a_registered_trial_component_and_reads_back()
    {
        // REST refuses this outside a pipeline (AzureMLJsonErrorTests); the pipeline form is the payload scenario
        // pipeline-sweep-registered-component.
        var registered = Base(Uniform(0, 1)).BuildUnvalidated() with
        {
            Trial = new CommandComponent { ComponentId = "azureml:train_model:3", Resources = new JobResources { InstanceCount = 2 } },
        };

        var yaml = AzureMLYaml.Write(registered);

        yaml.Should().Contain("\ntrial: azureml:train_model:3\nresources:\n  instance_count: 2\n");
        AzureMLYaml.Read(yaml).Should().Be(registered);
        AzureMLYaml.Write(AzureMLYaml.Read(yaml)).Should().Be(yaml);
    }

    [Fact]
    public void Settings_without_a_place_in_CLI_YAML_are_left_out_with_a_warning_each_and_a_comment()
    {
        var sweep = Base(Uniform(0, 1)).MetricFromOutput("acc", @"acc=(\S+)").RegisterBestModel("best", "model").BuildUnvalidated();

        var yaml = AzureMLYaml.Write(sweep, out var warnings);

        AzureMLYaml.Read(yaml).Should().Be(sweep with { MetricPatterns = EquatableList<MetricPattern>.Empty, RegisterBestModel = null });
        warnings.Select(w => w.ToString()).Should().Equal(
            "warning <root>: RegisterBestModel (model 'best' from the best trial's output 'model') has no CLI v2 YAML key; the YAML job will not register it. " +
            "Fix: Submit it with 'hyperdrive submit --wait --register-best best', or run the C# definition (both engines register it).",
            "warning <root>: MetricFromOutput(\"acc\", ...) has no CLI v2 YAML key (Azure ML reads metrics from MLflow only); the YAML job will not read acc from the output. " +
            "Fix: Log it with mlflow.log_metric(\"acc\", value) in the script.");
        warnings.Should().OnlyContain(w => !w.IsError);
        yaml.Split('\n').TakeWhile(l => l.StartsWith('#')).Should().Equal(
            warnings.Select(w => $"# not written: {w.Path}: {w.Message} {w.Fix}"));
        AzureMLYaml.Write(sweep).Should().Be(yaml, "the plain overload writes the same comments");
    }

    [Fact]
    public void A_pipelines_RegisterBestModel_is_left_out_with_a_warning_naming_it()
    {
        var pipeline = Pipeline.Create("ridge-pipeline")
            .DefaultCompute(Compute)
            .Sweep("tune", Sweep.For("02_train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2").Runs(4, 2).Output("--model").Environment(Environment))
            .RegisterBestModel("tune", "model", "ridge-model")
            .Build();

        var yaml = AzureMLYaml.Write(pipeline, out var warnings);

        var warning = warnings.Should().ContainSingle().Which;
        warning.Severity.Should().Be(ValidationSeverity.Warning);
        warning.Path.Should().Be("jobs.tune");
        warning.Message.Should().Be("RegisterBestModel(\"tune\", \"model\", \"ridge-model\") has no CLI v2 YAML key; the YAML pipeline will not register model 'ridge-model'.");
        yaml.Should().StartWith($"# not written: jobs.tune: {warning.Message} {warning.Fix}\n$schema: ");
        ((PipelineDefinition)AzureMLYaml.Read(yaml)).Should().Be(pipeline with { ModelRegistrations = EquatableList<ModelRegistration>.Empty });
    }

    [Fact]
    public void A_definition_YAML_holds_whole_gives_no_warning_and_no_comment()
    {
        var yaml = AzureMLYaml.Write(Base(Uniform(0, 1)).Build(), out var warnings);

        warnings.Should().BeEmpty();
        yaml.Should().StartWith("$schema: ");
    }

    [Fact]
    public void An_in_process_sweep_is_refused_not_written_with_an_empty_command()
    {
        var sweep = Sweep.For((ctx, ct) => Task.CompletedTask).Sample("alpha", Uniform(0, 1)).Maximize("r2").Runs(2, 1).Build();
        var pipeline = Pipeline.Create("p").Step("tune", sweep).Build();

        FluentActions.Invoking(() => AzureMLYaml.Write(sweep)).Should().Throw<ArgumentException>()
            .WithMessage("'trial' runs a .NET delegate in this process (Sweep.For(async (ctx, ct) => ...)), which CLI v2 YAML cannot express: the job would have an empty command. Give the trial a command*");
        FluentActions.Invoking(() => AzureMLYaml.Write(pipeline, out _)).Should().Throw<ArgumentException>().WithMessage("'jobs.tune.trial' runs a .NET delegate*");
        FluentActions.Invoking(() => AzureMLYaml.WriteFile(sweep, Path.Combine(Path.GetTempPath(), $"hd-{Guid.NewGuid():N}.yml"))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => AzureMLJson.Write(sweep)).Should().Throw<InvalidOperationException>()
            .WithMessage("trial: the trials run a .NET delegate in this process*empty command*");
        FluentActions.Invoking(() => AzureMLJson.Write(pipeline)).Should().Throw<InvalidOperationException>().WithMessage("jobs.tune.trial: the trials run a .NET delegate*");
    }

    [Fact]
    public void Write_refuses_a_trial_that_is_both_a_registered_component_and_inline()
    {
        var sweep = Base(Uniform(0, 1)).BuildUnvalidated();
        sweep = sweep with { Trial = sweep.Trial with { ComponentId = "azureml:c:1" } };

        var act = () => AzureMLYaml.Write(sweep);

        act.Should().Throw<ArgumentException>().WithMessage("'trial' refers to the registered component 'azureml:c:1' and also defines*");
    }

    [Fact]
    public async Task WriteFile_replaces_the_file_atomically_and_reads_back()
    {
        var directory = Directory.CreateTempSubdirectory("hyperdrive-yaml-");
        try
        {
            var path = Path.Combine(directory.FullName, "sweep.yml");
            File.WriteAllText(path, "old");
            var sweep = Base(Uniform(0, 1)).Build();

            AzureMLYaml.WriteFile(sweep, path);
            AzureMLYaml.ReadFile(path).Should().Be(sweep);

            await AzureMLYaml.WriteFileAsync(sweep with { Description = "async" }, path);
            (await AzureMLYaml.ReadFileAsync(path)).Should().Be(sweep with { Description = "async" });
            Directory.GetFiles(directory.FullName).Should().Equal(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
