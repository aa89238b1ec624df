using System.Text.RegularExpressions;
using HyperDrive.Fluent.Cli.Tests.Local;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

/// <summary>
/// The tool speaks CLI (issue 10): a message <c>hyperdrive</c> prints names its flags and the YAML keys to change,
/// never the C# API the library's own message names (<c>AzureMLJsonOptions.LocalCode</c>, <c>ResumeAsync</c>,
/// <c>.Environment(...)</c>). Each case is a real invocation whose library message carries C# advice.
/// </summary>
public sealed partial class CliAdviceTests : IDisposable
{
    private const string Logbase = """
        type: sweep
        compute: azureml:cpu-cluster
        trial:
          command: python train.py --lr ${{search_space.lr}}
          environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
        sampling_algorithm:
          type: random
          logbase: 10
        search_space:
          lr:
            type: loguniform
            min_value: -4
            max_value: -1
        objective:
          goal: maximize
          primary_metric: accuracy
        """;

    private readonly LocalJobFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_local_code_folder_names_the_omit_local_code_flag()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("convert", CliRunner.TestData("local-code-sweep.yml"), "--to", "rest-json");

        exitCode.Should().Be(1);
        error.Should().Contain("run it again with --omit-local-code to write the body without it")
            .And.Contain("'hyperdrive submit' (it uploads the folder)");
        ShouldNotNameCSharp(error);
    }

    [Fact]
    public async Task A_logbase_for_a_GA_api_version_names_the_api_version_flag_and_converts_with_it()
    {
        var file = _folder.Write("logbase.yml", Logbase);

        var (exitCode, _, error) = await CliRunner.RunAsync("convert", file, "--to", "rest-json");

        exitCode.Should().Be(1);
        error.Should().Contain("error: sampling_algorithm.logbase: api-version 2024-10-01 has no logbase")
            .And.Contain("run it again with --api-version 2024-01-01-preview")
            .And.Contain("or remove sampling_algorithm.logbase (base e).");
        ShouldNotNameCSharp(error);

        var (again, output, againError) = await CliRunner.RunAsync("convert", file, "--to", "rest-json", "--api-version", "2024-01-01-preview");
        again.Should().Be(0, againError);
        output.Should().Contain("\"logbase\": \"10\"");
    }

    [Fact]
    public async Task Validation_fixes_name_the_YAML_keys()
    {
        var file = _folder.Write("sweep.yml", """
            type: sweep
            trial:
              command: python train.py --alpha ${{search_space.alpha}} --beta ${{search_space.beta}}
            search_space:
              alpha:
                type: uniform
                min_value: 0.05
                max_value: 1.0
            sampling_algorithm: grid
            objective:
              goal: maximize
              primary_metric: r2
            early_termination:
              type: bandit
            """);

        var (exitCode, _, error) = await CliRunner.RunAsync("validate", file, "--target", "azureml");

        exitCode.Should().Be(1);
        error.Should().Contain("Fix: Set it, e.g. environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest")
            .And.Contain("Fix: Add 'beta' under search_space or fix the name")
            .And.Contain("Fix: Make it type: choice with the values to try")
            .And.Contain("Fix: Set slack_factor (e.g. slack_factor: 0.1) or slack_amount (e.g. slack_amount: 0.05).");
        ShouldNotNameCSharp(error);
    }

    [Fact]
    public async Task A_log_bound_warning_gives_the_YAML_bounds_only()
    {
        var file = _folder.Write("sweep.yml", """
            type: sweep
            trial:
              command: python train.py --lr ${{search_space.lr}}
              environment: azureml:sklearn:1
            search_space:
              lr:
                type: loguniform
                min_value: 0.0001
                max_value: 0.1
            sampling_algorithm: random
            objective:
              goal: maximize
              primary_metric: r2
            """);

        var (exitCode, _, error) = await CliRunner.RunAsync("validate", file);

        exitCode.Should().Be(0, error);
        error.Should().Contain("write min_value: -9.21034 and max_value: -2.30259.");
        ShouldNotNameCSharp(error);
    }

    [Fact]
    public async Task A_missing_component_file_does_not_name_the_reader_option()
    {
        var file = _folder.Write("sweep.yml", """
            type: sweep
            trial: ./missing.yml
            search_space:
              alpha:
                type: uniform
                min_value: 0.05
                max_value: 1.0
            sampling_algorithm: random
            objective:
              goal: maximize
              primary_metric: r2
            """);

        var (exitCode, _, error) = await CliRunner.RunAsync("validate", file);

        exitCode.Should().Be(1);
        error.Should().Contain("the component file './missing.yml' does not exist").And.Contain(", or add the file.");
        ShouldNotNameCSharp(error);
    }

    /// <summary>No C# member access (<c>X.Y</c> with both parts PascalCase, <c>.Name(</c>) and no <c>...Async</c> method.</summary>
    private static void ShouldNotNameCSharp(string text) =>
        CSharpApi().Matches(text).Select(m => m.Value).Should().BeEmpty($"the tool names its flags and YAML keys, not C# APIs:\n{text}");

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+\b|(?<![\w$])\.[A-Z][A-Za-z]+\(|\b[A-Z][A-Za-z]+Async\b")]
    private static partial Regex CSharpApi();
}
