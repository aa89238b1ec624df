using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Tests.Snapshots;
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

    /// <summary>Writes, compares with the snapshot, and checks that reading the YAML back gives the same definition.</summary>
    private static void VerifyRoundTrip(JobDefinition definition, string snapshot)
    {
        var yaml = AzureMLYaml.Write(definition);
        SnapshotAssert.Matches(yaml, snapshot, "yaml");
        AzureMLYaml.Read(yaml).Should().Be(definition);
        AzureMLYaml.Write(AzureMLYaml.Read(yaml)).Should().Be(yaml);
    }

    [Fact]
    public void Seed_case()
    {
        var sweep = Sweep.For("02_train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .Maximize("r2")
            .Bandit(2, 0.1)
            .Runs(4, 2)
            .Environment(Environment)
            .Compute(Compute)
            .Build();

        VerifyRoundTrip(sweep, "seed");
    }

    public static TheoryData<string, Distribution> EachDistribution() => new()
    {
        { "choice", Choice(1, 2.5, "three", true) },
        { "choice_nested", Choice(Option(("model", "svm"), ("C", Uniform(0.1, 10))), Option(("model", "forest"), ("depth", RandInt(12)), ("split", Choice("gini", "entropy")))) },
        { "randint", RandInt(50) },
        { "uniform", Uniform(0.05, 1.0) },
        { "quniform", QUniform(10, 50, 5) },
        { "loguniform", LogUniform(-6, -1) },
        { "qloguniform", QLogUniform(1, 5, 5) },
        { "normal", Normal(0, 1) },
        { "qnormal", QNormal(10, 5, 2) },
        { "lognormal", LogNormal(0, 1) },
        { "qlognormal", QLogNormal(5, 1, 5) },
    };

    [Theory]
    [MemberData(nameof(EachDistribution))]
    public void Each_distribution(string name, Distribution distribution)
    {
        VerifyRoundTrip(Base(distribution).BuildUnvalidated(), "distribution_" + name);
    }

    public static TheoryData<string> EachPolicy() => ["bandit_factor", "bandit_amount", "median_stopping", "truncation_selection", "none"];

    [Theory]
    [MemberData(nameof(EachPolicy))]
    public void Each_policy(string name)
    {
        var builder = Base(Uniform(0, 1));
        builder = name switch
        {
            "bandit_factor" => builder.Bandit(2, 0.1, delayEvaluation: 5),
            "bandit_amount" => builder.BanditAmount(1, 0.2),
            "median_stopping" => builder.MedianStopping(1, 5),
            "truncation_selection" => builder.TruncationSelection(20, 1, 5),
            _ => builder.NoEarlyTermination(),
        };

        VerifyRoundTrip(builder.Build(), "policy_" + name);
    }

    public static TheoryData<string> EachSampler() => ["random", "random_seeded_sobol", "grid", "bayesian"];

    [Theory]
    [MemberData(nameof(EachSampler))]
    public void Each_sampler(string name)
    {
        var builder = Base(Choice(0.01, 0.1, 1.0));
        builder = name switch
        {
            "random" => builder.RandomSampling(),
            "random_seeded_sobol" => builder.SobolSampling(seed: 42),
            "grid" => builder.GridSampling(),
            _ => builder.BayesianSampling(),
        };

        VerifyRoundTrip(builder.Build(), "sampler_" + name);
    }

    [Fact]
    public void Pipeline_prep_tune_consume()
    {
        var pipeline = Pipeline.Create("ridge-pipeline")
            .Input("raw", JobInput.UriFile("azureml://datastores/workspaceblobstore/paths/data/diabetes.csv", AssetMode.ReadOnlyMount))
            .DefaultCompute(Compute)
            .Step("prep", "01_prep.py", s => s.Input("--raw", BindingInput.ToPipelineInput("raw")).Output("--data").Environment(Environment))
            .Sweep("tune", Sweep.For("02_train.py")
                .BindInput("--data", "prep", "data")
                .Sample("--alpha", Uniform(0.05, 1.0))
                .Maximize("r2")
                .Bandit(2, 0.1)
                .Runs(4, 2)
                .Output("--model", JobOutput.MLFlowModel())
                .Environment(Environment))
            .Step("consume", "03_score.py", s => s.BindInput("--model", "tune", "model").Output("--scores").Environment(Environment))
            .Build();

        VerifyRoundTrip(pipeline, "pipeline_prep_tune_consume");
        pipeline.GetExecutionOrder().Should().Equal("prep", "tune", "consume");
    }

    [Fact]
    public void Sweep_with_every_field()
    {
        var sweep = Sweep.ForCommand("python train.py --lr ${{search_space.lr}} --data ${{inputs.data}} --epochs ${{inputs.epochs}} --note ${{inputs.note}} --out ${{outputs.model}}")
            .Sample("lr", LogUniform(-6, -1))
            .Minimize("loss")
            .MedianStopping()
            .Runs(30, 5)
            .Timeout(TimeSpan.FromHours(2))
            .TrialTimeout(TimeSpan.FromSeconds(90.5))
            .Input("data", JobInput.MLTable("azureml:iris:3", AssetMode.Download))
            .Input("epochs", 10)
            .Input("note", "true")
            .Output("model", JobOutput.CustomModel("azureml://datastores/x/paths/model", AssetMode.Upload) with { AssetName = "ridge", AssetVersion = "7" })
            .Code("./src")
            .Environment(Environment)
            .EnvironmentVariable("MLFLOW_TRACKING", "1")
            .Resources(2, "Standard_NC6")
            .DistributedTraining(new PyTorchDistribution(4))
            .Compute(Compute)
            .Name("ridge-sweep-001")
            .DisplayName("ridge sweep")
            .Experiment("ridge")
            .Description("Every field: 'quoted', #hash, and: colon")
            .Tag("owner", "team")
            .Tag("version", "2.0")
            .Property("flag", "yes")
            .Identity(new ManagedIdentity(ClientId: "00000000-0000-0000-0000-000000000001"))
            .QueueTier(JobTier.Spot)
            .Build();

        VerifyRoundTrip(sweep, "sweep_every_field");
    }

    [Fact]
    public void Command_job_and_component_references_round_trip()
    {
        var command = new CommandJobDefinition
        {
            Name = "score",
            Component = new CommandComponent { Command = "python score.py", Environment = Environment, Distribution = new TensorFlowDistribution(2, 1) },
            Inputs = EquatableMap<JobInput>.Create([new("threshold", new LiteralInput(0.5) { Description = "cut-off" }), new("flag", new LiteralInput(false))]),
            Identity = new UserIdentity(),
            Compute = Compute,
        };
        var registered = Base(Uniform(0, 1)).BuildUnvalidated() with
        {
            Trial = new CommandComponent { ComponentId = "azureml:train_model:3", Resources = new JobResources { InstanceCount = 2 } },
        };

        VerifyRoundTrip(command, "command_job");
        VerifyRoundTrip(registered, "sweep_registered_component");
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
