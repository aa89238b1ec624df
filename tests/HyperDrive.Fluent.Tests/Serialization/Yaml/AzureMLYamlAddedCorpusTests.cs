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
    ];

    private static readonly (string File, int Line, string Key)[] Invalid =
    [
        ("azureml-examples__cli__jobs__basics__hello-sweep__2022-01-25_c607b506.yml", 10, "trial.code.local_path"),
        ("azureml-examples__cli__jobs__single-step__lightgbm__iris__job-sweep__2021-11-04_aad69443.yml", 5, "trial.code.local_path"),
        ("azureml-examples__cli__jobs__single-step__scikit-learn__iris__job-sweep__2021-11-04_f8cc1496.yml", 5, "trial.code.local_path"),
    ];

    public static TheoryData<string> ValidFiles() => new(Valid);

    /// <summary>Rejected by Azure ML's GA schema (the pre-GA <c>code: {local_path}</c>), and by the reader at that line and key.</summary>
    public static TheoryData<string, int, string> InvalidFiles() => Rows(Invalid);

    [Fact]
    public void Every_added_job_file_has_a_verdict_and_an_INDEX_row()
    {
        var jobs = Directory.EnumerateFiles(Folder).Select(f => Path.GetFileName(f)).Where(n => n.Contains("__", StringComparison.Ordinal)).ToList();
        var judged = Valid.Concat(Invalid.Select(r => r.File));
        jobs.Should().BeEquivalentTo(judged).And.HaveCount(19);
        var index = File.ReadAllText(Path.Combine(Folder, "INDEX.md"));
        jobs.Should().OnlyContain(name => index.Contains("| " + name + " |", StringComparison.Ordinal));
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
