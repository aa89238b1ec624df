using System.Text.Json.Nodes;
using HyperDrive.Fluent.Cli.Tests.Azure;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

/// <summary>A sweep whose trial defines its environment inline (image and a conda file next to the YAML), through the tool:
/// validate, convert, run (locally: a note that the image is not applied) and submit (the anonymous environment first).</summary>
public sealed class InlineEnvironmentCommandTests : FakeAzureCliTest, IDisposable
{
    private const string SweepYaml = """
        $schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
        type: sweep
        name: inline-env-sweep
        trial:
          command: python train.py --alpha ${{search_space.alpha}}
          code: src
          environment:
            image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04
            conda_file: env/conda.yml
        search_space:
          alpha:
            type: choice
            values: [0.1, 0.9]
        sampling_algorithm: grid
        objective:
          goal: maximize
          primary_metric: r2
        limits:
          max_total_trials: 2
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("hyperdrive-cli-env-").FullName;

    public InlineEnvironmentCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "src"));
        Directory.CreateDirectory(Path.Combine(_folder, "env"));
        File.WriteAllText(Path.Combine(_folder, "src", "train.py"), "import sys\nprint(f\"r2={sys.argv[2]}\")\n");
        File.WriteAllText(Path.Combine(_folder, "env", "conda.yml"), "name: train\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n");
        File.WriteAllText(Path.Combine(_folder, "sweep.yml"), SweepYaml);
    }

    private string File_ => Path.Combine(_folder, "sweep.yml");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Validate_accepts_an_inline_environment_for_Azure_ML()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("validate", File_);

        exitCode.Should().Be(0, error);
        output.Should().Contain("valid sweep job (0 warning(s))");
    }

    [Fact]
    public async Task Convert_writes_the_YAML_back_and_leaves_the_environment_out_of_REST_only_when_asked()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("convert", File_, "--to", "yaml");
        exitCode.Should().Be(0, error);
        output.Should().Contain("  environment:\n    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\n    conda_file: env/conda.yml\n");

        var registeredCode = Path.Combine(_folder, "registered-code.yml");
        File.WriteAllText(registeredCode, SweepYaml.Replace("code: src", "code: azureml:ridge:1", StringComparison.Ordinal));
        (exitCode, output, error) = await CliRunner.RunAsync("convert", registeredCode, "--to", "rest-json");
        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("trial.environment: the environment is defined inline")
            .And.Contain("Submit the file with 'hyperdrive submit'").And.Contain("--omit-local-code").And.NotContain("AzureMLJsonOptions");

        (exitCode, output, error) = await CliRunner.RunAsync("convert", File_, "--to", "rest-json", "--omit-local-code");
        exitCode.Should().Be(0, error);
        error.Should().Contain("warning: trial.environment: the inline environment is left out of the REST body");
        output.Should().NotContain("environmentId");
    }

    [Fact]
    public async Task Run_runs_the_trials_here_and_notes_once_that_the_image_and_conda_file_are_not_applied()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("run", File_, "--out", Path.Combine(_folder, "results"));

        exitCode.Should().Be(0, error + output);
        output.Should().Contain("[running 0 | completed 2 | terminated 0 | failed 0]");
        (output + error).Split('\n').Count(l => l.Contains("the environment's image/conda file are not applied locally", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Submit_creates_the_anonymous_environment_from_the_conda_file_next_to_the_YAML_and_sends_its_id()
    {
        var (exitCode, _, error) = await RunAsync("submit", File_);

        exitCode.Should().Be(0, error);
        var environmentPut = Fake.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("/environments/CliV2AnonymousEnvironment/versions/", StringComparison.Ordinal));
        var properties = JsonNode.Parse(environmentPut.Body)!["properties"]!;
        ((string?)properties["condaFile"]).Should().Be("channels:\n- conda-forge\ndependencies:\n- python=3.10\nname: train\n");
        var job = JsonNode.Parse(Fake.Requests.Single(r => r.Method == "PUT" && r.Path.EndsWith("/jobs/inline-env-sweep", StringComparison.Ordinal)).Body)!;
        ((string?)job["properties"]!["trial"]!["environmentId"]).Should().Be(environmentPut.Path);
        error.Should().Contain("anonymous environment CliV2AnonymousEnvironment:");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_of_a_build_context_environment_names_the_field_and_sends_nothing()
    {
        var build = Path.Combine(_folder, "build.yml");
        File.WriteAllText(build, SweepYaml.Replace("    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\n    conda_file: env/conda.yml", "    build:\n      path: ./docker", StringComparison.Ordinal));

        var (exitCode, _, error) = await RunAsync("submit", build);

        exitCode.Should().Be(1);
        error.Should().Contain("trial.environment.build").And.Contain("does not upload build contexts yet").And.NotContain("   at ");
        Fake.Requests.Should().NotContain(r => r.Method == "PUT");
    }
}
