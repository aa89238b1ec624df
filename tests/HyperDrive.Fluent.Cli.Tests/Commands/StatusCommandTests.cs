using HyperDrive.Fluent.Cli.Tests.Azure;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

public class StatusCommandTests : FakeAzureCliTest
{
    [Fact]
    public async Task A_running_sweep_shows_status_studio_trials_and_the_best_so_far()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync("status", "ridge-sweep-001");

        exitCode.Should().Be(0, error);
        output.Should().Contain("job ridge-sweep-001 (Sweep): Running")
            .And.Contain("display name: ridge-sweep, experiment: ridge-sweep")
            .And.Contain("studio: https://ml.azure.com/runs/ridge-sweep-001")
            // (the fake moves a sweep one step per GET of the job: listing the trials reads the job again, so trial 0 has finished)
            .And.Contain("trials: 4 (running 3, completed 1)")
            .And.Contain("last r2")
            .And.Contain("  ridge-sweep-001_0  completed")
            .And.Contain("* ridge-sweep-001_1  running")
            .And.Contain("best trial: ridge-sweep-001_1 r2 = 0.5 (maximize) alpha=");
    }

    [Fact]
    public async Task A_completed_sweep_marks_the_services_best_trial()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait")).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync("status", "ridge-sweep-001");

        exitCode.Should().Be(0, error);
        output.Should().Contain("job ridge-sweep-001 (Sweep): Completed")
            .And.Contain("trials: 4 (completed 4)")
            .And.Contain("* ridge-sweep-001_1  completed      0.2  alpha=")
            .And.Contain("best trial: ridge-sweep-001_1 r2 = 0.5");
    }

    [Fact]
    public async Task A_sweep_before_its_first_trial_has_no_trials_yet()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);
        Fake.Jobs["ridge-sweep-001"].TrialCount = 0;

        var (exitCode, output, error) = await RunAsync("status", "ridge-sweep-001");

        exitCode.Should().Be(0, error);
        output.Should().Contain("(Sweep): Running").And.Contain("no trials yet").And.NotContain("best trial");
    }

    [Fact]
    public async Task An_unknown_job_prints_the_services_code_and_message()
    {
        var (exitCode, output, error) = await RunAsync("status", "no-such-job");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("error: UserError (HTTP 404): Job no-such-job was not found.");
    }

    [Fact]
    public async Task A_missing_workspace_is_a_usage_error()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(Services, CancellationToken.None, "status", "ridge-sweep-001");

        exitCode.Should().Be(2);
        error.Should().Contain("--workspace");
        Fake.Requests.Should().BeEmpty();
    }
}
