using System.Text.Json.Nodes;
using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

public class ConvertCommandTests
{
    private const string Workspace = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";

    [Fact]
    public async Task Yaml_converts_to_the_contracts_REST_body()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("convert", CliRunner.TestData("seed-sweep.yml"), "--to", "rest-json", "--workspace", Workspace);

        exitCode.Should().Be(0, error);
        error.Should().BeEmpty();
        JsonNode.DeepEquals(JsonNode.Parse(output), JsonNode.Parse(File.ReadAllText(CliRunner.TestData("seed-sweep.rest.json")))).Should().BeTrue(output);
        output.Should().Contain("\"computeId\": \"" + Workspace + "/computes/cpu-cluster\"");
    }

    [Fact]
    public async Task Rest_json_converts_back_to_yaml_that_reads_as_the_same_sweep()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("convert", CliRunner.TestData("seed-sweep.rest.json"), "--to", "yaml", "--workspace", Workspace);

        exitCode.Should().Be(0, error);
        var fromYaml = AzureMLYaml.Read(output);
        var original = AzureMLYaml.ReadFile(CliRunner.TestData("seed-sweep.yml"));
        // The REST body carries no job name (it is in the URL); with the workspace, the compute ARM id maps back to its name.
        fromYaml.Should().Be(original with { Name = null });
    }

    [Fact]
    public async Task Output_file_is_written_whole_and_stdout_stays_empty()
    {
        var directory = Directory.CreateTempSubdirectory("hyperdrive-cli-");
        try
        {
            var target = Path.Combine(directory.FullName, "out", "job.json");
            var (exitCode, output, error) = await CliRunner.RunAsync("convert", CliRunner.TestData("seed-sweep.yml"), "--to", "rest-json", "-o", target);

            exitCode.Should().Be(0, error);
            output.Should().BeEmpty();
            AzureMLJson.Read(File.ReadAllText(target)).Should().BeOfType<SweepDefinition>();
            Directory.GetFiles(Path.GetDirectoryName(target)!).Should().ContainSingle("no temporary file is left behind");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_local_code_folder_fails_unless_omitted_explicitly()
    {
        var path = CliRunner.TestData("local-code-sweep.yml");

        var (exitCode, output, error) = await CliRunner.RunAsync("convert", path, "--to", "rest-json");
        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("trial.code");

        (exitCode, output, error) = await CliRunner.RunAsync("convert", path, "--to", "rest-json", "--omit-local-code");
        exitCode.Should().Be(0, error);
        error.Should().Contain("warning: trial.code: the local code folder 'src' is left out");
        output.Should().NotContain("codeId");
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("convert", CliRunner.TestData("seed-sweep.yml"), "--to", "xml");

        exitCode.Should().Be(2);
        error.Should().Contain("xml");
    }

    [Fact]
    public async Task A_recorded_GET_converts_to_YAML_naming_every_field_it_leaves_out()
    {
        var path = CliRunner.TestData("recorded-sweep-get.json");

        var (exitCode, output, error) = await CliRunner.RunAsync("convert", path, "--to", "yaml");

        exitCode.Should().Be(0, error);
        output.Should().Contain("type: sweep").And.Contain("primary_metric: accuracy");
        error.Should().Contain($"warning: {path}: properties.status: is set by the service")
            .And.Contain($"warning: {path}: properties.services.Studio: is set by the service")
            .And.Contain($"warning: {path}: properties.tags._aml_system_*: is set by the service")
            .And.Contain($"warning: {path}: systemData: is set by the service");
        error.Should().NotContain("is not carried by HyperDrive.Fluent", "every other field of the recorded GET is carried");
    }
}
