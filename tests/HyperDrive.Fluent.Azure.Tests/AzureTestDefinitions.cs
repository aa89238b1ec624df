using System.Text.Json.Nodes;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Serialization;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>Definitions and REST bodies the tests submit.</summary>
public static class AzureTestDefinitions
{
    /// <summary>The seed's sweep (Ridge alpha, maximize r2, Bandit) with 3 trials and a registered code asset.</summary>
    public static SweepDefinition Sweep(string? code = "azureml:ridge-code:1", int trials = 3) =>
        HyperDrive.Fluent.Sweep.For("train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .Maximize("r2")
            .Bandit(2, 0.1)
            .Runs(trials, 2)
            .Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest")
            .Compute("cpu-cluster")
            .Experiment("exp")
            .DisplayName("ridge-sweep")
            .Code(code!)
            .Build();

    public static BinaryData SweepBody() =>
        BinaryData.FromString(AzureMLJson.Write(Sweep(), new AzureMLJsonOptions { WorkspaceId = FakeAzureML.WorkspacePath, Indented = false }));

    public static BinaryData CommandBody(string compute = "cpu-cluster") =>
        BinaryData.FromString(new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["jobType"] = "Command",
                ["experimentName"] = "exp",
                ["command"] = "python train.py",
                ["environmentId"] = "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:33",
                ["computeId"] = FakeAzureML.WorkspacePath + "/computes/" + compute,
            },
        }.ToJsonString());
}
