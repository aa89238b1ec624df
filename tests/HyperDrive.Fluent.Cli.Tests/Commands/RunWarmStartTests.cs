using System.Globalization;
using System.Text.Json.Nodes;
using HyperDrive.Fluent.Cli.Tests.Local;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

public sealed class RunWarmStartTests : IDisposable
{
    // r2 peaks at alpha = 0.8; the script appends every alpha it is given to runs.log.
    private const string TrainScript = """
        import os, sys
        alpha = float(sys.argv[2])
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.log"), "a") as log:
            log.write(f"{alpha!r}\n")
        print(f"r2={1 - (alpha - 0.8) ** 2}", flush=True)
        """;

    private const string RandomYaml = """
        type: sweep
        name: ridge-random
        trial:
          command: python train.py --alpha ${{search_space.alpha}}
          code: src
        search_space:
          alpha:
            type: uniform
            min_value: 0.0
            max_value: 1.0
        sampling_algorithm:
          type: random
          seed: 11
        objective:
          goal: maximize
          primary_metric: r2
        limits:
          max_total_trials: 6
          max_concurrent_trials: 3
        """;

    private readonly LocalJobFolder _folder = new();

    public RunWarmStartTests()
    {
        _folder.Write("src/train.py", TrainScript);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_bayesian_sweep_warm_started_from_a_random_one_learns_from_its_trials()
    {
        var earlier = _folder.Combine("random");
        var random = await CliRunner.RunAsync("run", _folder.Write("random.yml", RandomYaml), "--out", earlier);
        random.ExitCode.Should().Be(0, random.Error + random.Out);
        var earlierAlphas = Alphas();
        earlierAlphas.Should().HaveCount(6);
        File.Delete(_folder.Combine("src", "runs.log"));

        var bayesian = _folder.Write("bayesian.yml", RandomYaml
            .Replace("name: ridge-random", "name: ridge-bayes", StringComparison.Ordinal)
            .Replace("sampling_algorithm:\n  type: random\n  seed: 11", "sampling_algorithm: bayesian", StringComparison.Ordinal)
            .Replace("max_total_trials: 6\n  max_concurrent_trials: 3", "max_total_trials: 2\n  max_concurrent_trials: 1", StringComparison.Ordinal));
        var (exitCode, output, error) = await CliRunner.RunAsync("run", bayesian, "--out", _folder.Combine("bayes"), "--warm-start", earlier);

        exitCode.Should().Be(0, error + output);
        output.Should().Contain($"warm start: 6 earlier trial(s) from {earlier} (6 with r2)");
        var proposed = Alphas();
        proposed.Should().HaveCount(2).And.NotIntersectWith(earlierAlphas);
        // Six earlier trials exceed the Bayesian initial design (5 for one parameter), so the model proposes at once:
        // closer to the peak than any earlier trial, not anywhere in [0, 1].
        var bestEarlier = earlierAlphas.MinBy(a => Math.Abs(a - 0.8));
        Math.Abs(proposed[0] - 0.8).Should().BeLessThan(Math.Abs(bestEarlier - 0.8), $"the first proposal ({proposed[0]}) comes from a model of the earlier trials {string.Join(", ", earlierAlphas)}");
    }

    [Fact]
    public async Task An_incompatible_search_space_exits_1_naming_the_parameter()
    {
        var earlier = _folder.Combine("random");
        var random = await CliRunner.RunAsync("run", _folder.Write("random.yml", RandomYaml), "--out", earlier);
        random.ExitCode.Should().Be(0, random.Error + random.Out);
        File.Delete(_folder.Combine("src", "runs.log"));

        var narrow = _folder.Write("narrow.yml", RandomYaml
            .Replace("max_value: 1.0", "max_value: 0.01", StringComparison.Ordinal));
        var (exitCode, output, error) = await CliRunner.RunAsync("run", narrow, "--out", _folder.Combine("narrow"), "--warm-start", earlier);

        exitCode.Should().Be(1, output);
        error.Should().Contain("warm_start.search_space.alpha").And.Contain("differs in 'alpha'").And.Contain("cannot run locally");
        File.Exists(_folder.Combine("src", "runs.log")).Should().BeFalse("no trial ran");
        Directory.Exists(_folder.Combine("narrow")).Should().BeFalse("nothing was started");
    }

    [Fact]
    public async Task A_folder_without_results_exits_1_naming_the_missing_file()
    {
        var empty = _folder.Combine("empty");
        Directory.CreateDirectory(empty);

        var (exitCode, _, error) = await CliRunner.RunAsync("run", _folder.Write("random.yml", RandomYaml), "--out", _folder.Combine("r"), "--warm-start", empty);

        exitCode.Should().Be(1);
        error.Should().Contain($"error: --warm-start: '{empty}' holds no sweep.json");
    }

    [Fact]
    public async Task A_pipeline_cannot_be_warm_started()
    {
        var file = _folder.Write("pipeline.yml", """
            type: pipeline
            jobs:
              prep:
                type: command
                command: python train.py --alpha 0.5
                code: src
            """);

        var (exitCode, _, error) = await CliRunner.RunAsync("run", file, "--warm-start", _folder.Path);

        exitCode.Should().Be(1);
        error.Should().Contain("--warm-start seeds a sweep, but").And.Contain("is a pipeline job");
    }

    private List<double> Alphas() => File.ReadAllLines(_folder.Combine("src", "runs.log"))
        .Select(line => double.Parse(line, CultureInfo.InvariantCulture))
        .ToList();
}
