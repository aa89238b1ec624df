using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Testing.Contract;
using HyperDrive.Fluent.Tests.Snapshots;
using static HyperDrive.Fluent.Tests.Serialization.Json.JsonTestSupport;

namespace HyperDrive.Fluent.Tests.Serialization;

/// <summary>
/// Every payload scenario (<see cref="PayloadScenarios"/>) written in both formats, each compared with its golden file
/// beside this test (<c>Snapshots/{scenario}.verified.json</c> and <c>Snapshots/{scenario}.verified.yaml</c>), and each
/// golden read back into the same definition. A missing or different golden fails the test and leaves
/// <c>{scenario}.received.{ext}</c> beside it; <c>HYPERDRIVE_ACCEPT_SNAPSHOTS=1</c> rewrites them all.
/// </summary>
public class PayloadScenarioTests
{
    private static readonly AzureMLJsonOptions Options = new() { WorkspaceId = WorkspaceId };

    /// <summary>The 2024-04-01 definitions, plus the output asset name and version that newer api-versions accept and the
    /// writer sends when a definition sets them (sweep-every-field; see RestContractValidatorTests).</summary>
    private static readonly Lazy<RestContractValidator> ContractWithOutputAssetNames = new(() =>
        RestContractValidator.Load(ContractPath).AllowProperties("AssetJobOutput", "assetName", "assetVersion"));

    public static IEnumerable<object[]> Scenarios => PayloadScenarios.Names;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Json_matches_its_golden_file(string scenario) =>
        SnapshotAssert.Matches(AzureMLJson.Write(PayloadScenarios.All[scenario](), Options), scenario, "json");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Yaml_matches_its_golden_file(string scenario) =>
        SnapshotAssert.Matches(AzureMLYaml.Write(PayloadScenarios.All[scenario]()), scenario, "yaml");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_scenario_has_both_golden_files_side_by_side(string scenario)
    {
        var json = SnapshotAssert.VerifiedPath(scenario, "json");
        var yaml = SnapshotAssert.VerifiedPath(scenario, "yaml");

        File.Exists(json).Should().BeTrue(json);
        File.Exists(yaml).Should().BeTrue(yaml);
        Path.GetDirectoryName(json).Should().Be(Path.GetDirectoryName(yaml));
    }

    [Fact]
    public void Every_golden_file_belongs_to_a_scenario()
    {
        var directory = Path.GetDirectoryName(SnapshotAssert.VerifiedPath("seed", "json"))!;
        var names = Directory.GetFiles(directory, "*.verified.*")
            .Select(f => Path.GetFileName(f)[..Path.GetFileName(f).IndexOf(".verified.", StringComparison.Ordinal)])
            .Distinct();

        names.Should().BeEquivalentTo(PayloadScenarios.All.Keys, "a golden without a scenario is a scenario lost");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Json_golden_passes_the_REST_contract(string scenario)
    {
        var json = File.ReadAllText(SnapshotAssert.VerifiedPath(scenario, "json"));

        ContractWithOutputAssetNames.Value.Validate(json).Should().BeEmpty($"scenario {scenario}'s body must pass the REST contract:\n{json}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Json_golden_reads_back_as_the_definition_without_its_name(string scenario)
    {
        // A PUT body carries the job name only in the URL.
        var read = AzureMLJson.Read(File.ReadAllText(SnapshotAssert.VerifiedPath(scenario, "json")), options: Options);

        read.Should().Be(PayloadScenarios.All[scenario]() with { Name = null });
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Yaml_golden_reads_back_as_the_definition_and_writes_the_same_text(string scenario)
    {
        var golden = File.ReadAllText(SnapshotAssert.VerifiedPath(scenario, "yaml"));

        var read = AzureMLYaml.Read(golden);

        read.Should().Be(PayloadScenarios.All[scenario]());
        AzureMLYaml.Write(read).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Should().Be(golden.TrimEnd('\n'));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Model_to_JSON_to_model_is_lossless_with_the_name(string scenario)
    {
        var definition = PayloadScenarios.All[scenario]();
        var options = Options with { IncludeName = true };

        var read = AzureMLJson.Read(AzureMLJson.Write(definition, options), options: options);

        read.Should().Be(definition);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Stream_reader_and_utf8_writer_agree_with_the_string_forms(string scenario)
    {
        var definition = PayloadScenarios.All[scenario]();
        var options = Options with { IncludeName = true };
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            AzureMLJson.Write(writer, definition, options);
        }

        System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Should().Be(AzureMLJson.Write(definition, options));
        buffer.Position = 0;
        AzureMLJson.Read(buffer, "scenario.json", options).Should().Be(definition);
    }

    [Fact]
    public void The_pipeline_scenario_runs_prep_then_tune_then_consume()
    {
        var pipeline = (PipelineDefinition)PayloadScenarios.All["pipeline-sweep-step"]();

        pipeline.GetExecutionOrder().Should().Equal("prep", "tune", "consume");
    }
}
