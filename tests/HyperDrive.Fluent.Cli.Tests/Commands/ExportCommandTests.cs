using System.Text.Json;
using HyperDrive.Fluent.Cli.Tests.Dashboard;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

[Collection(DashboardGroup.Name)]
public sealed class ExportCommandTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Csv_has_a_header_and_one_row_per_trial_and_never_a_formula()
    {
        var (exit, output, error) = await CliRunner.RunAsync("export", Path.Combine(fixture.Runs, "demo"), "--format", "csv");

        exit.Should().Be(0, error);
        var lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("number,trial,status,params.lr,params.dropout,params.layers,params.optimizer,best_loss,last_loss,reports,");
        lines.Should().HaveCount(DashboardFixture.Trials + 1);
        lines.Skip(1).Should().OnlyContain(l => !l.Contains(",=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_is_an_array_of_trial_objects_the_dashboard_serves_too()
    {
        var (exit, output, _) = await CliRunner.RunAsync("export", Path.Combine(fixture.Runs, "demo"), "--format", "json");
        using var client = new HttpClient { BaseAddress = fixture.Address };
        var served = await client.GetStringAsync("/runs/demo/export.json");

        exit.Should().Be(0);
        served.Should().Be(output);
        using var document = JsonDocument.Parse(output);
        document.RootElement.GetArrayLength().Should().Be(DashboardFixture.Trials);
        document.RootElement[0].GetProperty("params.lr").ValueKind.Should().Be(JsonValueKind.Number);
        document.RootElement[0].GetProperty("status").GetString().Should().BeOneOf("completed", "terminated");
    }

    [Fact]
    public async Task A_folder_that_is_no_run_is_an_error_that_says_what_to_pass()
    {
        var (exit, _, error) = await CliRunner.RunAsync("export", fixture.Root, "--format", "csv");

        exit.Should().Be(1);
        error.Should().Contain("is not a local run's folder").And.Contain("--out folder of 'hyperdrive run'");
    }
}
