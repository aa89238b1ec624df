using HyperDrive.Fluent.Serialization;
using static HyperDrive.Fluent.Tests.Serialization.Json.JsonTestSupport;

namespace HyperDrive.Fluent.Tests.Serialization.Json;

public class AzureMLJsonSeedTests
{
    /// <summary>The contract's §3 seed example body, verbatim (its {sub}/{rg}/{ws}/{codeName} placeholders kept as values).</summary>
    private const string ContractSeedBody = """
        {
          "properties": {
            "jobType": "Sweep",
            "displayName": "ridge-sweep",
            "experimentName": "ridge-sweep",
            "computeId": "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}/computes/cpu-cluster",
            "tags": {},
            "properties": {},
            "trial": {
              "codeId": "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}/codes/{codeName}/versions/1",
              "command": "python train.py --alpha ${{search_space.alpha}} --data ${{inputs.data}}",
              "environmentId": "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
              "environmentVariables": {},
              "resources": { "instanceCount": 1 }
            },
            "inputs": {
              "data": { "jobInputType": "uri_file", "uri": "azureml://datastores/workspaceblobstore/paths/data/diabetes.csv", "mode": "ReadOnlyMount" }
            },
            "outputs": {},
            "searchSpace": { "alpha": ["uniform", [0.05, 1.0]] },
            "samplingAlgorithm": { "samplingAlgorithmType": "Random" },
            "objective": { "goal": "Maximize", "primaryMetric": "r2" },
            "earlyTermination": { "policyType": "Bandit", "evaluationInterval": 2, "delayEvaluation": 0, "slackFactor": 0.1 },
            "limits": { "jobLimitsType": "Sweep", "maxTotalTrials": 4, "maxConcurrentTrials": 2 }
          }
        }
        """;

    private static readonly AzureMLJsonOptions Options = new() { WorkspaceId = WorkspaceId };

    [Fact]
    public void Seed_built_with_the_DSL_writes_exactly_the_contract_body()
    {
        var json = AzureMLJson.Write(PayloadScenarios.Seed(), Options);

        ShouldBeSameJson(json, ContractSeedBody);
        ShouldPassContract(json);
    }

    [Fact]
    public void The_contract_seed_body_itself_passes_the_contract_checker() =>
        Contract.Validate(ContractSeedBody).Should().BeEmpty();

    [Fact]
    public void Bare_compute_name_expands_to_the_same_compute_id()
    {
        var seed = PayloadScenarios.Seed() with { Compute = "cpu-cluster" };

        ShouldBeSameJson(AzureMLJson.Write(seed, Options), ContractSeedBody);
    }

    [Fact]
    public void Reading_the_contract_seed_body_gives_the_seed_without_its_name()
    {
        var read = AzureMLJson.Read(ContractSeedBody, options: Options);

        read.Should().Be(PayloadScenarios.Seed() with { Name = null }, "a PUT body carries the name only in the URL");
    }

    [Fact]
    public void Seed_round_trips_with_its_name_when_the_name_is_included()
    {
        var options = Options with { IncludeName = true };
        var json = AzureMLJson.Write(PayloadScenarios.Seed(), options);

        json.Should().Contain("\"name\": \"ridge-sweep-001\"");
        AzureMLJson.Read(json, options: options).Should().Be(PayloadScenarios.Seed());
    }

    [Fact]
    public void Without_a_workspace_the_compute_is_written_as_given_and_read_back_unchanged()
    {
        var json = AzureMLJson.Write(PayloadScenarios.Seed(), new AzureMLJsonOptions { IncludeName = true });

        json.Should().Contain("\"computeId\": \"azureml:cpu-cluster\"");
        AzureMLJson.Read(json).Should().Be(PayloadScenarios.Seed());
    }

    [Fact]
    public void Compact_output_when_not_indented()
    {
        var json = AzureMLJson.Write(PayloadScenarios.Seed(), Options with { Indented = false });

        json.Should().NotContain("\n").And.StartWith("{\"properties\":{\"jobType\":\"Sweep\"");
        ShouldBeSameJson(json, ContractSeedBody);
    }

    [Fact]
    public void Options_document_their_defaults()
    {
        var options = new AzureMLJsonOptions();

        options.ApiVersion.Should().Be("2024-10-01").And.Be(AzureMLJson.DefaultApiVersion);
        options.Indented.Should().BeTrue();
        options.WorkspaceId.Should().BeNull();
        options.IncludeName.Should().BeFalse();
        options.LocalCode.Should().Be(LocalCodeHandling.Reject);
        options.CodeIds.Should().BeEmpty();
    }

    [Fact]
    public void A_workspace_id_that_is_not_an_ARM_workspace_id_is_rejected()
    {
        var act = () => new AzureMLJsonOptions { WorkspaceId = "my-workspace" };

        act.Should().Throw<ArgumentException>().WithMessage("*'my-workspace' is not a workspace ARM id*/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<workspace>*");
    }
}
