using System.Text.Json.Nodes;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Tests.Serialization.Yaml;

namespace HyperDrive.Fluent.Tests.Serialization;

/// <summary>
/// An output named with no settings (<c>model_output:</c>) is <see cref="JobOutput.Unconfigured"/>: a pipeline step's REST
/// node leaves it out so the component's declared type applies (azure-ai-ml <c>NodeIOMixin._build_outputs</c> drops
/// non-configured outputs), a job's is a <c>uri_folder</c> (azure-ai-ml <c>to_rest_data_outputs</c>), and YAML writes it
/// back as it was.
/// </summary>
public class UnconfiguredOutputTests
{
    private const string Pipeline = "azureml-examples__cli__jobs__pipelines-with-components__pipeline_with_hyperparameter_sweep__pipeline__2022-08-10_ba93b26f.yml";

    private static PipelineDefinition ReadPipeline() =>
        (PipelineDefinition)AzureMLYaml.ReadFile(Path.Combine(YamlCorpus.Directory, "added", Pipeline));

    [Fact]
    public void A_sweep_node_output_without_settings_is_unconfigured_and_the_component_keeps_its_declared_type()
    {
        var sweep = (SweepDefinition)ReadPipeline().Jobs["sweep_step"];

        sweep.Outputs["model_output"].Should().BeSameAs(JobOutput.Unconfigured);
        sweep.Outputs["model_output"].IsUnconfigured.Should().BeTrue();
        sweep.Trial.Outputs["model_output"].Should().Be(new JobOutput(AssetType.MLFlowModel));
    }

    [Fact]
    public void The_REST_node_leaves_unconfigured_outputs_to_the_component()
    {
        var json = JsonNode.Parse(AzureMLJson.Write(ReadPipeline(), new AzureMLJsonOptions { LocalCode = LocalCodeHandling.Omit }))!;

        var node = json["properties"]!["jobs"]!["sweep_step"]!;
        node["outputs"]!.AsObject().Should().BeEmpty("model_output and test_data have no settings; an explicit uri_folder would override the component's mlflow_model");
        node["trial"]!.ToJsonString().Should().Contain("\"model_output\":{\"type\":\"mlflow_model\"");
    }

    [Fact]
    public void YAML_writes_an_unconfigured_output_back_without_settings()
    {
        var written = AzureMLYaml.Write(ReadPipeline());

        written.Should().Contain("    outputs:\n      model_output: null\n      test_data: null\n");
        ((SweepDefinition)((PipelineDefinition)AzureMLYaml.Read(written, new AzureMLYamlReadOptions { SourcePath = Path.Combine(YamlCorpus.Directory, "added", Pipeline) })).Jobs["sweep_step"])
            .Outputs["model_output"].IsUnconfigured.Should().BeTrue();
    }

    [Fact]
    public void A_job_output_without_settings_is_a_uri_folder_in_REST()
    {
        var job = AzureMLYaml.Read("""
            type: command
            command: python train.py --out ${{outputs.model}}
            environment: azureml:sklearn:1
            outputs:
              model:
            """);

        var outputs = JsonNode.Parse(AzureMLJson.Write(job))!["properties"]!["outputs"]!;

        outputs.ToJsonString().Should().Be("""{"model":{"jobOutputType":"uri_folder"}}""");
        job.Outputs["model"].IsUnconfigured.Should().BeTrue();
    }

    [Fact]
    public void An_output_with_settings_is_not_unconfigured()
    {
        JobOutput.UriFolder().IsUnconfigured.Should().BeFalse();
        new JobOutput().Should().NotBe(JobOutput.Unconfigured);
    }
}
