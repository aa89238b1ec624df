using HyperDrive.Fluent.Azure.Tests.Fakes;
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
    public async Task A_service_that_cannot_be_reached_exits_1_with_the_reason_not_a_crash()
    {
        var services = new CliServices
        {
            GetEnvironmentVariable = name => name == "HYPERDRIVE_ACCESS_TOKEN" ? "token" : null,
            ConfigureClient = options =>
            {
                options.Retry.MaxRetries = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(1);
            },
        };

        // Port 9 (discard) on the loopback address: nothing listens, the connection is refused at once.
        var (exitCode, output, error) = await CliRunner.RunAsync(
            services,
            CancellationToken.None,
            "status", "job1", "--workspace", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws", "--endpoint", "https://127.0.0.1:9");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("error: the service could not be reached (2 attempts):").And.Contain("127.0.0.1:9").And.Contain("--endpoint");
    }

    [Fact]
    public async Task An_unknown_job_prints_the_services_code_and_message()
    {
        var (exitCode, output, error) = await RunAsync("status", "no-such-job");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("error: UserError (HTTP 404): Job no-such-job not found.")
            .And.Contain("request id: 4efb4eb2-4ce4-472c-a8ff-137cae433301", "the recorded 404's x-ms-correlation-request-id");
        error.Should().NotContain("additionalInfo").And.NotContain("   at ");
    }

    [Fact]
    public async Task An_MLflow_error_while_reading_metrics_prints_its_error_code_and_message()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);
        Fake.Inject(new Fault
        {
            Method = "GET", PathContains = "/metrics/get-history", Kind = FaultKind.Status, Status = 403,
            Body = """{"error_code": "PERMISSION_DENIED", "message": "The identity may not read runs of experiment ridge-sweep."}""",
        });

        var (exitCode, _, error) = await RunAsync("status", "ridge-sweep-001");

        exitCode.Should().Be(1);
        error.Should().Contain("error: PERMISSION_DENIED (HTTP 403): The identity may not read runs of experiment ridge-sweep.").And.Contain("request id: ");
        error.Should().NotContain("unexpected reply");
    }

    [Fact]
    public async Task An_empty_bodied_404_says_so_with_the_request_id()
    {
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/ghost", Kind = FaultKind.Status, Status = 404, Body = string.Empty });

        var (exitCode, output, error) = await RunAsync("status", "ghost");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("error: HTTP 404 (Not Found): Azure ML sent no error details.").And.Contain("request id: ");
        error.Should().NotContain("   at ").And.NotContain("Service request failed");
    }

    [Fact]
    public async Task A_gateways_HTML_error_page_is_an_unexpected_reply_not_a_crash()
    {
        Fake.Inject(new Fault
        {
            Method = "GET", PathContains = "/jobs/html", Kind = FaultKind.Status, Status = 502, Count = 100, ContentType = "text/html",
            Body = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
        });

        var (exitCode, _, error) = await RunAsync("status", "html");

        exitCode.Should().Be(1);
        error.Should().Contain("error: unexpected reply from Azure ML (HTTP 502, request id ").And.Contain("an HTML page, not a JSON error.");
        error.Should().NotContain("<html>").And.NotContain("   at ");
    }

    [Theory]
    [InlineData("truncated-json")]
    [InlineData("empty-200")]
    [InlineData("html-200")]
    [InlineData("no-name")]
    [InlineData("numeric-status")]
    public async Task A_malformed_job_reply_is_reported_as_an_unexpected_reply_with_exit_1(string fault)
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);
        Fake.Inject(FaultMatrix.Reply("GET", "/jobs/ridge-sweep-001", fault, status: 200));

        var (exitCode, output, error) = await RunAsync("status", "ridge-sweep-001");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().StartWith("error: unexpected reply from Azure ML (HTTP 200, request id fault-");
        error.Should().NotContain("   at ").And.NotContain("JsonException").And.NotContain("FormatException");
    }

    [Fact]
    public async Task Status_wait_reattaches_to_a_submitted_sweep_and_watches_it_to_its_best_trial()
    {
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"))).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync("status", "ridge-sweep-001", "--wait");

        exitCode.Should().Be(0, error);
        output.Should().Contain("watching sweep job ridge-sweep-001")
            .And.Contain("job ridge-sweep-001 completed")
            .And.Contain("best trial: ridge-sweep-001_1 r2 = 0.5 (maximize)");
        Fake.Count("PUT", "/jobs/").Should().Be(1, "reattaching never submits");
    }

    [Fact]
    public async Task A_completed_sweep_without_best_child_id_marks_the_best_by_the_shared_rule()
    {
        Fake.SetBestChildRunId = false;
        (await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait")).ExitCode.Should().Be(0);

        var (exitCode, output, error) = await RunAsync("status", "ridge-sweep-001");

        exitCode.Should().Be(0, error);
        output.Should().Contain("* ridge-sweep-001_1  completed      0.2  alpha=").And.Contain("best trial: ridge-sweep-001_1 r2 = 0.5");
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
