using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
using static HyperDrive.Fluent.Distributions;

using HyperDrive.Fluent.Tests.Serialization.Json;

namespace HyperDrive.Fluent.Tests.Serialization;

/// <summary>
/// The payload scenarios, one list for both formats: each builds a definition with the DSL (or the model where the DSL
/// has no step for it: a stand-alone command job, a trial's shm size and docker args, a registered trial component), and
/// <see cref="PayloadScenarioTests"/> writes it as REST JSON and as CLI v2 YAML, compares each with its golden file
/// (<c>Snapshots/{name}.verified.json</c> and <c>.verified.yaml</c>) and reads both back.
/// </summary>
internal static class PayloadScenarios
{
    public const string CodeId = JsonTestSupport.WorkspaceId + "/codes/{codeName}/versions/1";

    public const string Environment = "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest";

    public static readonly Dictionary<string, Func<JobDefinition>> All = new(StringComparer.Ordinal)
    {
        ["seed"] = Seed,
        ["distribution-choice"] = () => WithParameter("choice", Choice(1, 2.5, 1.0, "adam", true)),
        ["distribution-choice-nested"] = () => WithParameter(
            "model",
            Choice(
                Option(("name", "svm"), ("C", Uniform(0.1, 10.0)), ("kernel", Choice("rbf", "linear"))),
                Option(("name", "forest"), ("n_estimators", RandInt(500)), ("max_depth", 12), ("bootstrap", false)),
                Option(("name", "ridge"), ("alpha", 1.0)))),
        ["distribution-randint"] = () => WithParameter("trees", RandInt(100)),
        ["distribution-uniform"] = () => WithParameter("alpha", Uniform(0.0, 1.0)),
        ["distribution-quniform"] = () => WithParameter("batch", QUniform(16, 256, 16)),
        ["distribution-loguniform"] = () => WithParameter("lr", LogUniform(-11.5, -2.3)),
        ["distribution-qloguniform"] = () => WithParameter("units", QLogUniform(2.0, 6.0, 8)),
        ["distribution-normal"] = () => WithParameter("bias", Normal(0, 1.5)),
        ["distribution-qnormal"] = () => WithParameter("offset", QNormal(10, 2, 0.5)),
        ["distribution-lognormal"] = () => WithParameter("scale", LogNormal(0.0, 1.0)),
        ["distribution-qlognormal"] = () => WithParameter("width", QLogNormal(3, 0.25, 4)),
        ["policy-bandit-slack-factor"] = () => Base().Bandit(2, 0.1, delayEvaluation: 5).Build(),
        ["policy-bandit-slack-amount"] = () => Base().BanditAmount(1, 0.05).Build(),
        ["policy-median-stopping"] = () => Base().MedianStopping(1, 5).Build(),
        ["policy-truncation-selection"] = () => Base().TruncationSelection(20, 2, 4).Build(),
        ["policy-none"] = () => Base().NoEarlyTermination().Build(),
        ["sampler-random"] = () => Base().RandomSampling().Build(),
        ["sampler-random-seed"] = () => Base().RandomSampling(42).Build(),
        ["sampler-sobol-seed"] = () => Base().SobolSampling(7).Build(),
        ["sampler-grid"] = () => Sweep.For("train.py").Sample("--optimizer", Choice("adam", "sgd")).Sample("--layers", Choice(2, 3, 4))
            .Maximize("accuracy").GridSampling().Runs(6, 3).Environment(Environment).Compute("azureml:cpu-cluster").Code(CodeId).Name("grid-sweep").Build(),
        ["sampler-bayesian"] = () => Sweep.For("train.py").Sample("--lr", Uniform(0.001, 0.1)).Sample("--batch", QUniform(16, 128, 16)).Sample("--optimizer", Choice("adam", "sgd"))
            .Minimize("loss").BayesianSampling().Runs(60, 2).Environment(Environment).Compute("azureml:cpu-cluster").Code(CodeId).Name("bayes-sweep").Build(),
        ["limits-timeouts"] = () => Base().Runs(20, 4).Timeout(TimeSpan.FromHours(2)).TrialTimeout(TimeSpan.FromSeconds(90)).Build(),
        ["inputs-outputs-every-type-and-mode"] = InputsAndOutputs,
        ["settings-managed-identity-spot-pytorch"] = () => Settings(
            new ManagedIdentity("00000000-0000-0000-0000-000000000001", null, null), JobTier.Spot, new PyTorchDistribution(4)),
        ["settings-user-identity-premium-tensorflow"] = () => Settings(new UserIdentity(), JobTier.Premium, new TensorFlowDistribution(2, 1)),
        ["settings-aml-token-standard-mpi"] = () => Settings(new AmlTokenIdentity(), JobTier.Standard, new MpiDistribution(2)),
        ["command-job"] = CommandJob,
        ["pipeline-sweep-step"] = PipelineWithSweepStep,
        ["pipeline-sweep-registered-component"] = PipelineWithRegisteredTrialComponent,
        ["sweep-every-field"] = SweepWithEveryField,
    };

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>The contract's §3 seed: Ridge <c>--alpha</c> uniform(0.05, 1.0), maximize r2, Bandit(2, 0.1), 4 trials, 2 at once.</summary>
    public static SweepDefinition Seed() => Sweep.For("train.py")
        .Sample("--alpha", Uniform(0.05, 1.0))
        .Input("--data", JobInput.UriFile("azureml://datastores/workspaceblobstore/paths/data/diabetes.csv", AssetMode.ReadOnlyMount))
        .Maximize("r2")
        .Bandit(2, 0.1)
        .Runs(4, 2)
        .Environment(Environment)
        .Compute("azureml:cpu-cluster")
        .Code(CodeId)
        .Resources(1)
        .Name("ridge-sweep-001")
        .DisplayName("ridge-sweep")
        .Experiment("ridge-sweep")
        .Build();

    private static SweepBuilder Base() => Sweep.For("train.py")
        .Sample("--alpha", Uniform(0.05, 1.0))
        .Maximize("r2")
        .Runs(10, 2)
        .Environment(Environment)
        .Compute("azureml:cpu-cluster")
        .Code(CodeId)
        .Name("ridge-sweep");

    private static SweepDefinition WithParameter(string name, Distribution distribution) => Sweep.For("train.py")
        .Sample("--" + name, distribution)
        .Maximize("accuracy")
        .Runs(10, 2)
        .Environment(Environment)
        .Compute("azureml:cpu-cluster")
        .Code(CodeId)
        .Name("distribution-sweep")
        .Build();

    private static SweepDefinition InputsAndOutputs() => Base()
        .Input("--epochs", JobInput.Literal(20))
        .Input("--dropout", JobInput.Literal(0.25))
        .Input("--momentum", JobInput.Literal(1.0))
        .Input("--optimizer", JobInput.Literal("adam"))
        .Input("--shuffle", JobInput.Literal(true))
        .Input("--train", JobInput.UriFile("azureml://datastores/workspaceblobstore/paths/data/train.csv", AssetMode.ReadOnlyMount) with { Description = "training rows" })
        .Input("--images", JobInput.UriFolder("azureml://datastores/workspaceblobstore/paths/images/", AssetMode.Download))
        .Input("--table", JobInput.MLTable("azureml:diabetes-table:3", AssetMode.Direct))
        .Input("--base_model", JobInput.MLFlowModel("azureml:base-model:1", AssetMode.EvalMount))
        .Input("--custom", JobInput.CustomModel("azureml:custom-model:2", AssetMode.EvalDownload))
        .Input("--triton", new AssetInput(AssetType.TritonModel, "azureml:triton-model:1", AssetMode.ReadWriteMount))
        .Input("--default_mode", JobInput.UriFolder("https://example.blob.core.windows.net/data/folder/"))
        .Output("--model", JobOutput.MLFlowModel(mode: AssetMode.ReadWriteMount) with { Description = "the trained model" })
        .Output("--metrics", JobOutput.UriFile("azureml://datastores/workspaceblobstore/paths/metrics/run.json", AssetMode.Upload))
        .Output("--scores", new JobOutput(AssetType.MLTable, null, AssetMode.Direct))
        .Output("--weights", JobOutput.CustomModel())
        .Output("--served", new JobOutput(AssetType.TritonModel))
        .Output("--logs")
        .Build();

    private static SweepDefinition Settings(JobIdentity identity, JobTier tier, DistributedTraining distribution)
    {
        var sweep = Base()
            .Identity(identity)
            .QueueTier(tier)
            .DistributedTraining(distribution)
            .EnvironmentVariable("NCCL_DEBUG", "INFO")
            .Tag("team", "vision")
            .Property("owner", "ml-platform")
            .Description("tuned on GPUs")
            .Build();
        return sweep with
        {
            Trial = sweep.Trial with
            {
                Resources = new JobResources { InstanceCount = 2, InstanceType = "Standard_NC6s_v3", ShmSize = "8g", DockerArgs = "--ipc=host" },
            },
        };
    }

    private static CommandJobDefinition CommandJob() => new()
    {
        Name = "prep-data-001",
        DisplayName = "prep data",
        ExperimentName = "ridge",
        Compute = "azureml:cpu-cluster",
        Tags = EquatableMap<string>.Create([new("stage", "prep")]),
        Inputs = EquatableMap<JobInput>.Create([
            new("raw", JobInput.UriFile("azureml://datastores/workspaceblobstore/paths/data/diabetes.csv", AssetMode.Download)),
            new("test_ratio", JobInput.Literal(0.2)),
            new("threshold", new LiteralInput(0.5) { Description = "cut-off" }),
            new("flag", new LiteralInput(false)),
        ]),
        Outputs = EquatableMap<JobOutput>.Create([new("data", JobOutput.UriFolder(mode: AssetMode.ReadWriteMount))]),
        Component = new CommandComponent
        {
            Command = "python prep.py --raw ${{inputs.raw}} --test_ratio ${{inputs.test_ratio}} --data ${{outputs.data}}",
            Code = CodeId,
            Environment = Environment,
            EnvironmentVariables = EquatableMap<string>.Create([new("PYTHONUNBUFFERED", "1")]),
            Resources = new JobResources { InstanceCount = 1, InstanceType = "Standard_DS3_v2" },
            Distribution = new TensorFlowDistribution(2, 1),
        },
        Identity = new UserIdentity(),
    };

    /// <summary>prep → tune (a sweep step bound to prep's output) → consume (bound to the sweep's best model).</summary>
    private static PipelineDefinition PipelineWithSweepStep() => Pipeline.Create("ridge-pipeline")
        .DisplayName("ridge pipeline")
        .Experiment("ridge")
        .Input("raw_data", JobInput.UriFile("azureml://datastores/workspaceblobstore/paths/data/diabetes.csv", AssetMode.ReadOnlyMount))
        .Output("report", JobOutput.UriFolder())
        .DefaultCompute("azureml:cpu-cluster")
        .ContinueOnStepFailure(false)
        .Step("prep", "prep.py", s => s
            .Input("--raw", BindingInput.ToPipelineInput("raw_data"))
            .Output("--data")
            .Code(CodeId)
            .Environment(Environment))
        .Sweep("tune", Sweep.For("train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .Sample("--solver", Choice("auto", "svd", "cholesky"))
            .BindInput("--data", "prep", "data")
            .Output("--model", JobOutput.MLFlowModel())
            .Maximize("r2")
            .Bandit(2, 0.1)
            .Runs(4, 2)
            .Timeout(TimeSpan.FromMinutes(30))
            .TrialTimeout(TimeSpan.FromMinutes(5))
            .Code(CodeId)
            .Environment(Environment)
            .Resources(1, "Standard_DS3_v2"))
        .Step("consume", "score.py", s => s
            .BindInput("--model", "tune", "model")
            .Input("--test", BindingInput.ToPipelineInput("raw_data"))
            .Output("--report")
            .Code(CodeId)
            .Environment(Environment)
            .Compute("azureml:gpu-cluster"))
        .Build();

    /// <summary>A pipeline whose sweep step runs a registered component as its trial (REST allows it only in a pipeline
    /// node; a stand-alone sweep job needs an inline trial).</summary>
    private static PipelineDefinition PipelineWithRegisteredTrialComponent()
    {
        var tune = Sweep.For("train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .Maximize("r2")
            .Runs(20, 4)
            .BuildUnvalidated();
        tune = tune with
        {
            Trial = new CommandComponent { ComponentId = "azureml:train_model:3", Resources = new JobResources { InstanceCount = 2 } },
        };
        return Pipeline.Create("registered-trial-pipeline").DefaultCompute("azureml:cpu-cluster").Step("tune", tune).Build();
    }

    /// <summary>A sweep that sets every field the DSL has a step for and CLI v2 YAML and REST can both carry (an output's
    /// asset name and version are newer than the REST contract's 2024-04-01; see <see cref="PayloadScenarioTests"/>).</summary>
    private static SweepDefinition SweepWithEveryField() => Sweep
        .ForCommand("python train.py --lr ${{search_space.lr}} --data ${{inputs.data}} --epochs ${{inputs.epochs}} --note ${{inputs.note}} --out ${{outputs.model}}")
        .Sample("lr", LogUniform(-6, -1))
        .Minimize("loss")
        .MedianStopping()
        .Runs(30, 5)
        .Timeout(TimeSpan.FromHours(2))
        .TrialTimeout(TimeSpan.FromSeconds(90))
        .Input("data", JobInput.MLTable("azureml:iris:3", AssetMode.Download))
        .Input("epochs", 10)
        .Input("note", "yes")
        .Output("model", JobOutput.CustomModel("azureml://datastores/x/paths/model", AssetMode.Upload) with { AssetName = "ridge", AssetVersion = "7" })
        .Code(CodeId)
        .Environment(Environment)
        .EnvironmentVariable("MLFLOW_TRACKING", "1")
        .Resources(2, "Standard_NC6")
        .DistributedTraining(new PyTorchDistribution(4))
        .Compute("azureml:cpu-cluster")
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
}
