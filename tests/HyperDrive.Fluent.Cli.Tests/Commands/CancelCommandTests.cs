using HyperDrive.Fluent.Azure.Tests.Fakes;
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
        Fake.Count("GET", "/mfeOperationResults/jc:").Should().Be(2, "the recorded Location is polled: 202 {}, then 200 with an empty body");
        Fake.Jobs["ridge-sweep-001"].Status.Should().Be("Canceled");
    }

    [Fact]
    public async Task A_finished_job_is_not_canceled_and_that_is_not_a_failure()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait")).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync("cancel", "ridge-sweep-001");

        exitCode.Should().Be(0, error);
        output.Should().Contain("job ridge-sweep-001 has already finished (Completed); nothing to cancel.");
        Fake.Count("POST", "/cancel").Should().Be(0);
    }

    [Fact]
    public async Task A_job_that_ended_before_the_cancel_reached_it_gets_the_recorded_400_terminal_status_and_exits_0()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);
        Fake.Inject(Fault.Recorded("POST", "/jobs/ridge-sweep-001/cancel", FakeAzureML.Recordings.CancelTerminal));

        var (exitCode, output, error) = await RunAsync("cancel", "ridge-sweep-001");

        exitCode.Should().Be(0, error);
        output.Should().Contain("job ridge-sweep-001 has already finished; nothing to cancel (Azure ML: The pipeline run 000000000000000000000 is in terminal status, it can't be canceled.)");
        error.Should().BeEmpty();
    }

    [Fact]
    public async Task A_direct_200_to_cancel_is_done_at_once()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);
        Fake.CancelAnswersDirectly = true;

        var (exitCode, output, error) = await RunAsync("cancel", "ridge-sweep-001", "--wait");

        exitCode.Should().Be(0, error);
        output.Should().Contain("job ridge-sweep-001 is Canceled");
        Fake.Count("GET", "/mfeOperationResults/").Should().Be(0);
    }

    [Fact]
    public async Task A_lasting_504_to_cancel_is_retried_then_a_clear_error_with_the_services_code_and_request_id()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);
        Fake.Inject(Fault.Recorded("POST", "/jobs/ridge-sweep-001/cancel", FakeAzureML.Recordings.Timeout504, count: 100));

        var (exitCode, _, error) = await RunAsync("cancel", "ridge-sweep-001");

        exitCode.Should().Be(1);
        Fake.Count("POST", "/jobs/ridge-sweep-001/cancel").Should().Be(4, "the first attempt and 3 retries");
        error.Should().Contain("error: TransientError (HTTP 504): Service invocation timed out.")
            .And.Contain("request id: 15b6de89-1741-45ba-805b-ca751a968a25")
            .And.Contain("Azure ML did not confirm the cancel request for job ridge-sweep-001 (HTTP 504, after retrying); it may or may not be canceling.")
            .And.Contain("hyperdrive status ridge-sweep-001");
        error.Should().NotContain("   at ").And.NotContain("Exception");
    }

    [Fact]
    public async Task An_unknown_job_prints_the_services_code_and_message()
    {
        var (exitCode, _, error) = await RunAsync("cancel", "no-such-job");

        exitCode.Should().Be(1);
        error.Should().Contain("error: UserError (HTTP 404): Job no-such-job not found.").And.Contain("request id: 4efb4eb2-4ce4-472c-a8ff-137cae433301");
    }
}
