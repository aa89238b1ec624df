using HyperDrive.Fluent.Cli.Tests.Local;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private const string SweepYaml = """
        type: sweep
        name: report-me
        trial:
          command: python train.py --alpha ${{search_space.alpha}}
          code: src
        search_space:
          alpha:
            type: choice
            values: [0.25, 0.75]
        sampling_algorithm: grid
        objective:
          goal: maximize
          primary_metric: r2
        limits:
          max_total_trials: 2
        """;

    private readonly LocalJobFolder _folder = new();

    public ReportCommandTests()
    {
        _folder.Write("src/train.py", """
            import sys
            alpha = float(sys.argv[2])
            for step in range(3):
                print(f"r2={alpha * (step + 1)}", flush=True)
            """);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Renders_the_report_of_a_run_folder_into_report_html_replacing_the_old_one()
    {
        var results = await RunSweepAsync();
        var report = Path.Combine(results, "report.html");
        File.WriteAllText(report, "stale");

        var (exitCode, output, error) = await CliRunner.RunAsync("report", results);

        exitCode.Should().Be(0, error);
        output.Should().Be($"sweep results completed: 2 trial(s); report: {report}{Environment.NewLine}");
        var html = File.ReadAllText(report);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("Sweep results").And.Contain("alpha").And.Contain("0.75").And.Contain("<svg");
        Directory.EnumerateFiles(results, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task Out_writes_the_report_elsewhere_creating_its_folder()
    {
        var results = await RunSweepAsync();
        var target = _folder.Combine("reports", "nested", "ridge.html");

        var (exitCode, output, error) = await CliRunner.RunAsync("report", results, "-o", target);

        exitCode.Should().Be(0, error);
        output.Should().EndWith($"report: {target}{Environment.NewLine}");
        File.ReadAllText(target).Should().Contain("Sweep results");
        Directory.EnumerateFiles(Path.GetDirectoryName(target)!).Should().ContainSingle("nothing but the report is left behind");
    }

    [Fact]
    public async Task A_pipeline_folder_gets_one_section_per_step()
    {
        _folder.Write("src/prep.py", "print('prepared')\n");
        var file = _folder.Write("pipeline.yml", """
            type: pipeline
            jobs:
              prep:
                type: command
                command: python prep.py
                code: src
            """);
        var results = _folder.Combine("pipeline-results");
        var run = await CliRunner.RunAsync("run", file, "--out", results);
        run.ExitCode.Should().Be(0, run.Error + run.Out);
        File.Delete(Path.Combine(results, "report.html"));

        var (exitCode, output, error) = await CliRunner.RunAsync("report", results);

        exitCode.Should().Be(0, error);
        output.Should().StartWith("pipeline pipeline-results completed: 1 trial(s)");
        File.ReadAllText(Path.Combine(results, "report.html")).Should().Contain("Pipeline pipeline-results").And.Contain("Step prep");
    }

    [Fact]
    public async Task A_folder_that_is_not_a_run_exits_1_naming_the_missing_file()
    {
        var empty = _folder.Combine("empty");
        Directory.CreateDirectory(empty);

        var (exitCode, output, error) = await CliRunner.RunAsync("report", empty);

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("holds no sweep.json or pipeline.json").And.Contain($"Looked for {Path.Combine(empty, "sweep.json")}.");
        File.Exists(Path.Combine(empty, "report.html")).Should().BeFalse();
    }

    [Fact]
    public async Task A_damaged_sweep_json_exits_1_naming_the_file_and_the_key()
    {
        var results = await RunSweepAsync();
        var sweep = Path.Combine(results, "sweep.json");
        File.WriteAllText(sweep, File.ReadAllText(sweep).Replace("\"status\": \"Completed\"", "\"status\": \"Done\"", StringComparison.Ordinal));
        File.Delete(Path.Combine(results, "report.html"));

        var (exitCode, _, error) = await CliRunner.RunAsync("report", results);

        exitCode.Should().Be(1);
        error.Should().Contain($"{sweep}: trials[0].status 'Done' is not one of Queued, Running, Completed, Failed, Terminated, Canceled.");
        File.Exists(Path.Combine(results, "report.html")).Should().BeFalse();
    }

    private async Task<string> RunSweepAsync()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var results = _folder.Combine("results");
        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", results);
        exitCode.Should().Be(0, error + output);
        return results;
    }
}
