using HyperDrive.Fluent;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace QuickStart;

/// <summary>The same sweep as an Azure ML job: the trial runs the seed's 02_train.py (samples/DiabetesPipeline/src)
/// instead of the in-process trainer. Written as CLI v2 YAML (<c>az ml job create -f sweep-job.yml</c>) and as the ARM
/// REST body (<c>PUT .../jobs/{name}</c>).</summary>
internal static class AzurePayloads
{
    // Placeholders: the Azure engine (HyperDriveClient) fills the workspace and uploads the code folder on submit.
    private const string Workspace = "/subscriptions/{subscription}/resourceGroups/{resource-group}/providers/Microsoft.MachineLearningServices/workspaces/{workspace}";
    private const string CodeFolder = "./src";

    public static SweepDefinition Definition() => Sweep.For("02_train.py")
        .Name("ridge-sweep-001")
        .DisplayName("ridge-sweep")
        .Experiment("ridge-sweep")
        .Code(CodeFolder)
        .Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest")
        .Compute("cpu-cluster")
        .Input("--train_data", JobInput.UriFolder("azureml://datastores/workspaceblobstore/paths/diabetes/train/", AssetMode.ReadOnlyMount))
        .Input("--test_data", JobInput.UriFolder("azureml://datastores/workspaceblobstore/paths/diabetes/test/", AssetMode.ReadOnlyMount))
        .Output("--model_output")
        .Sample("--alpha", Uniform(0.05, 1.0))
        .Maximize("r2")
        .Bandit(2, 0.1)
        .Runs(4, 2)
        .Build(ValidationTarget.AzureML);

    /// <summary>Writes <c>azureml/sweep-job.yml</c> and <c>azureml/sweep-job.json</c> under <paramref name="folder"/>.</summary>
    public static (string Yaml, string Json) Write(string folder)
    {
        var definition = Definition();
        var target = Path.Combine(folder, "azureml");
        Directory.CreateDirectory(target);
        var yaml = Path.Combine(target, "sweep-job.yml");
        AzureMLYaml.WriteFile(definition, yaml);

        var json = Path.Combine(target, "sweep-job.json");
        var body = AzureMLJson.Write(definition, new AzureMLJsonOptions
        {
            WorkspaceId = Workspace,
            CodeIds = new Dictionary<string, string> { [CodeFolder] = Workspace + "/codes/ridge-sweep-src/versions/1" },
        });
        var temporary = json + ".tmp";
        File.WriteAllText(temporary, body);
        File.Move(temporary, json, overwrite: true);
        return (yaml, json);
    }
}
