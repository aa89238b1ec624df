using HyperDrive.Fluent.Cli.Tests.Azure;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

public class CancelCommandTests : FakeAzureCliTest
{
    [Fact]
    public async Task Cancel_requests_the_cancellation_once()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync("cancel", "ridge-sweep-001");

        exitCode.Should().Be(0, error);
        output.Should().Contain("cancel requested for job ridge-sweep-001");
        Fake.Count("POST", "/jobs/ridge-sweep-001/cancel").Should().Be(1);
        Fake.Jobs["ridge-sweep-001"].Status.Should().Be("CancelRequested");
    }

    [Fact]
    public async Task Cancel_wait_follows_the_operation_until_the_job_is_canceled()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync("cancel", "ridge-sweep-001", "--wait");

        exitCode.Should().Be(0, error);
        output.Should().Contain("cancel requested for job ridge-sweep-001").And.Contain("job ridge-sweep-001 is Canceled");
        Fake.Count("POST", "/jobs/ridge-sweep-001/cancel").Should().Be(1);
        Fake.Count("GET", "/cancelOperations/").Should().BeGreaterThanOrEqualTo(2, "the operation is polled until it reports 200");
        Fake.Jobs["ridge-sweep-001"].Status.Should().Be("Canceled");
    }

    [Fact]
    public async Task A_finished_job_is_not_canceled()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait")).ExitCode.Should().Be(0);

        var (exitCode, _, error) = await RunAsync("cancel", "ridge-sweep-001");

        exitCode.Should().Be(1);
        error.Should().Contain("job ridge-sweep-001 is already Completed; nothing to cancel.");
        Fake.Count("POST", "/cancel").Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_job_prints_the_services_code_and_message()
    {
        var (exitCode, _, error) = await RunAsync("cancel", "no-such-job");

        exitCode.Should().Be(1);
        error.Should().Contain("error: UserError (HTTP 404): Job no-such-job was not found.");
    }
}
