using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Tests.Serialization.Yaml;

/// <summary>
/// The real public files added to the corpus for issue 10 (TestData/corpus/yaml/added, origins and verdicts in its
/// INDEX.md). Each has a verdict: valid (validates for Azure ML, converts to REST, round-trips through YAML exactly) or
/// invalid (rejected naming the file, line and key). The two <c>logbase</c> files, held until the field was modelled,
/// are valid now; they convert for a preview api-version (the only ones whose RandomSamplingAlgorithm has logbase).
/// </summary>
public class AzureMLYamlAddedCorpusTests
{
    private const string Workspace = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";

    private static string Folder => Path.Combine(YamlCorpus.Directory, "added");

    private static readonly string[] Valid =
    [
        "azure-sdk-for-python__test_configs__sweep_job__object_sampling_algorithm__sweep_job_bayesian_sampling_algorithm_object.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep-bandit.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep-median.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_minimal_outputs.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_minimal_test.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_output_types.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_test_with_resources.yaml",
        "azureml-examples__cli__jobs__basics__hello-sweep__2024-03-22_5a52f02b.yml",
        "azureml-examples__cli__jobs__basics__hello-sweep__2024-05-07_a365239e.yml",
        "azureml-examples__cli__jobs__pipelines-with-components__pipeline_with_hyperparameter_sweep__pipeline__2022-08-10_ba93b26f.yml",
        "azureml-examples__cli__jobs__single-step__scikit-learn__iris__job-sweep__2022-04-04_c5884bf3.yml",
        "azureml-examples__cli__jobs__single-step__scikit-learn__iris__job-sweep__2024-04-22_b599bd55.yml",
        "azureml-examples__cli__jobs__single-step__scikit-learn__iris__job-sweep__2024-05-08_e68c4aa4.yml",
        "azureml-examples__cli__jobs__single-step__scikit-learn__iris__job-sweep__2024-07-19_d40aa599.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__logbase_values__sweep_job_random_logbase_e.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__logbase_values__sweep_job_random_logbase_float.yml",
        "azure-sdk-for-python__test_configs__sweep_job__object_sampling_algorithm__sweep_job_random_sampling_algorithm_object.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__logbase_values__sweep_job_random_logbase_number.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__sweep_job_random_logbase.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__sweep_job_random_seed.yml",
        "azure-sdk-for-python__test_configs__sweep_job__string_sampling_algorithm__sweep_job_bayesian_sampling_algorithm_string.yml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep-search.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_minimal_test_input.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_recursive_search_space.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_test_inputs.yaml",
        "azure-sdk-for-python__test_configs__sweep_job__sweep_job_test_registry.yaml",
        "azureml-examples__cli__jobs__basics__hello-world__2023-06-22_59eb0f40.yml",
        "azureml-examples__cli__jobs__basics__hello-world-org__2023-06-22_be5ef923.yml",
    ];

    /// <summary>Real pipelines whose command components define their environment inline (<c>environment: {image, conda_file}</c>),
    /// each copied with the component files it refers to into a folder of its own (its <c>pipeline.yml</c> is the job).</summary>
    private static readonly string[] ValidFolders =
    [
        "azureml-examples__cli__jobs__pipelines-with-components__basics__2a_basic_component__2022-08-10_a0b84591",
        "azureml-examples__cli__jobs__pipelines-with-components__basics__5a_env_public_docker_image__2022-08-10_a0b84591",
        "azureml-examples__cli__jobs__pipelines-with-components__basics__5c_env_conda_file__2026-03-20_50f168d7",
    ];

    /// <summary>Read, but rejected by <c>Validate(AzureML)</c>: grid sampling over uniforms (how-to-tune-hyperparameters:
    /// grid sampling "can only be used with choice hyperparameters").</summary>
    private static readonly string[] InvalidByValidation =
    [
        "azure-sdk-for-python__test_configs__sweep_job__object_sampling_algorithm__sweep_job_grid_sampling_algorithm_object.yml",
        "azure-sdk-for-python__test_configs__sweep_job__string_sampling_algorithm__sweep_job_grid_sampling_algorithm_string.yml",
    ];

    private static readonly (string File, int Line, string Key)[] Invalid =
    [
        ("azureml-examples__cli__jobs__basics__hello-sweep__2022-01-25_c607b506.yml", 10, "trial.code.local_path"),
        ("azureml-examples__cli__jobs__single-step__lightgbm__iris__job-sweep__2021-11-04_aad69443.yml", 5, "trial.code.local_path"),
        ("azureml-examples__cli__jobs__single-step__scikit-learn__iris__job-sweep__2021-11-04_f8cc1496.yml", 5, "trial.code.local_path"),
    ];

    public static TheoryData<string> ValidFiles() => new([.. Valid, .. ValidFolders.Select(folder => Path.Combine(folder, "pipeline.yml"))]);

    /// <summary>Rejected by Azure ML's GA schema (the pre-GA <c>code: {local_path}</c>), and by the reader at that line and key.</summary>
    public static TheoryData<string, int, string> InvalidFiles() => Rows(Invalid);

    [Fact]
    public void Every_added_job_file_has_a_verdict_and_an_INDEX_row()
    {
        var jobs = Directory.EnumerateFiles(Folder).Select(f => Path.GetFileName(f)).Where(n => n.Contains("__", StringComparison.Ordinal) && !n.EndsWith(".json", StringComparison.Ordinal)).ToList();
        var judged = Valid.Concat(Invalid.Select(r => r.File)).Concat(InvalidByValidation);
        jobs.Should().BeEquivalentTo(judged).And.HaveCount(33);
        var index = File.ReadAllText(Path.Combine(Folder, "INDEX.md"));
        jobs.Should().OnlyContain(name => index.Contains("| " + name + " |", StringComparison.Ordinal));
        Directory.EnumerateDirectories(Folder).Select(d => Path.GetFileName(d)).Should().BeEquivalentTo(ValidFolders);
        var folderFiles = ValidFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Folder, folder)).Select(f => folder + "/" + Path.GetFileName(f))).ToList();
        folderFiles.Should().HaveCount(7).And.OnlyContain(name => index.Contains("| " + name + " |", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_files_validate_for_Azure_ML_convert_and_round_trip_exactly(string file)
    {
        var path = Path.Combine(Folder, file);
        var job = AzureMLYaml.ReadFile(path);

        var problems = job switch
        {
            SweepDefinition sweep => sweep.Validate(ValidationTarget.AzureML),
            PipelineDefinition pipeline => pipeline.Validate(ValidationTarget.AzureML),
            CommandJobDefinition command => command.Validate(ValidationTarget.AzureML),
            _ => throw new InvalidOperationException(job.JobType),
        };
        problems.Where(p => p.IsError).Should().BeEmpty();

        var apiVersion = job is SweepDefinition { SamplingAlgorithm: Fluent.Sampling.RandomSampling { LogBase: not null } } ? "2024-01-01-preview" : AzureMLJsonOptions.DefaultApiVersion;
        var rest = AzureMLJson.Write(job, new AzureMLJsonOptions { WorkspaceId = Workspace, LocalCode = LocalCodeHandling.Omit, ApiVersion = apiVersion });
        rest.Should().Contain("\"jobType\"");
        rest.Should().NotMatchRegex(@"(?<![${])\{(search_space|inputs|outputs)\.", "legacy single-brace placeholders are sent as ${{...}}");

        var written = AzureMLYaml.Write(job);
        var again = AzureMLYaml.Read(written, new AzureMLYamlReadOptions { SourcePath = path });
        again.Should().Be(job);
        AzureMLYaml.Write(again).Should().Be(written);
    }

    public static TheoryData<string> InvalidByValidationFiles() => new(InvalidByValidation);

    /// <summary>The SDK's own oracle for the recursive search space (its test compares the REST body with it): the
    /// REST <c>searchSpace</c> this library writes for the same YAML has the same values.</summary>
    [Fact]
    public void The_recursive_search_space_is_written_as_the_SDKs_expected_REST_search_space()
    {
        var job = AzureMLYaml.ReadFile(Path.Combine(Folder, "azure-sdk-for-python__test_configs__sweep_job__sweep_job_recursive_search_space.yaml"));

        var written = System.Text.Json.Nodes.JsonNode.Parse(AzureMLJson.Write(job))!["properties"]!["searchSpace"]!;
        var expected = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "azure-sdk-for-python__test_configs__sweep_job__expected_recursive_search_space.json")))!;
        Canonical(written).Should().Be(Canonical(expected));
    }

    /// <summary>JSON with numbers by value (the oracle writes 0 where the writer writes 0.0) and members in order.</summary>
    private static string Canonical(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => "{" + string.Join(",", o.Select(m => $"{m.Key}:{Canonical(m.Value)}")) + "}",
        System.Text.Json.Nodes.JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        null => "null",
        _ => node.ToJsonString(),
    };

    [Theory]
    [MemberData(nameof(InvalidByValidationFiles))]
    public void Files_that_read_but_Azure_ML_rejects_are_reported_by_validation(string file)
    {
        var sweep = (SweepDefinition)AzureMLYaml.ReadFile(Path.Combine(Folder, file));

        sweep.Validate(ValidationTarget.AzureML).Where(p => p.IsError).Select(p => p.Path)
            .Should().Equal("search_space.lr", "search_space.dropout_rate");
    }

    [Fact]
    public void The_real_inline_environments_read_as_the_CLI_reads_them()
    {
        var helloWorld = (CommandJobDefinition)AzureMLYaml.ReadFile(Path.Combine(Folder, "azureml-examples__cli__jobs__basics__hello-world__2023-06-22_59eb0f40.yml"));
        var org = (CommandJobDefinition)AzureMLYaml.ReadFile(Path.Combine(Folder, "azureml-examples__cli__jobs__basics__hello-world-org__2023-06-22_be5ef923.yml"));
        var conda = (PipelineDefinition)AzureMLYaml.ReadFile(Path.Combine(Folder, ValidFolders[2], "pipeline.yml"));

        helloWorld.Component.InlineEnvironment.Should().Be(new Fluent.Trials.EnvironmentDefinition { Image = "library/python:latest" });
        org.Component.InlineEnvironment!.Image.Should().Be("library/python:latest");
        org.Tags.Should().Equal(new Dictionary<string, string> { ["hello"] = "world" });
        var component = ((CommandJobDefinition)conda.Jobs["hello_python_world_job"]).Component;
        component.InlineEnvironment!.Image.Should().Be("mcr.microsoft.com/azureml/openmpi5.0-cuda12.4-ubuntu22.04:latest");
        component.InlineEnvironment.CondaFile!.Path.Should().Be("./conda.yaml");
        component.InlineEnvironment.CondaFile.Content.Should().Be(File.ReadAllText(Path.Combine(Folder, ValidFolders[2], "conda.yaml")), "the conda file is read next to the component file");
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_files_are_rejected_with_file_line_and_key(string file, int line, string key) =>
        Rejected(file, line, key).Message.Should().Contain("pre-GA");

    [Theory]
    [InlineData("azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__logbase_values__sweep_job_random_logbase_e.yml", "\"logbase\": \"e\"")]
    [InlineData("azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__logbase_values__sweep_job_random_logbase_float.yml", "\"logbase\": \"2.5\"")]
    public void The_logbase_files_keep_their_base_in_the_preview_body_and_name_the_api_version_for_a_GA_one(string file, string field)
    {
        var job = AzureMLYaml.ReadFile(Path.Combine(Folder, file));

        AzureMLJson.Write(job, new AzureMLJsonOptions { LocalCode = LocalCodeHandling.Omit, ApiVersion = "2024-01-01-preview" }).Should().Contain(field);
        var ga = () => AzureMLJson.Write(job, new AzureMLJsonOptions { LocalCode = LocalCodeHandling.Omit });
        ga.Should().Throw<InvalidOperationException>().WithMessage("sampling_algorithm.logbase: api-version 2024-10-01 has no logbase*2024-01-01-preview*");
    }

    private static TheoryData<string, int, string> Rows((string File, int Line, string Key)[] rows)
    {
        var data = new TheoryData<string, int, string>();
        foreach (var (file, line, key) in rows)
        {
            data.Add(file, line, key);
        }

        return data;
    }

    private static AzureMLFormatException Rejected(string file, int line, string key)
    {
        var path = Path.Combine(Folder, file);
        var act = () => AzureMLYaml.ReadFile(path);
        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.File.Should().Be(path);
        error.Line.Should().Be(line);
        error.Key.Should().Be(key);
        return error;
    }
}
