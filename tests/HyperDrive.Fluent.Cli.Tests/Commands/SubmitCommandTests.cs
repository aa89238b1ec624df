using System.Text.Json.Nodes;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Cli.Tests.Azure;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

public class SubmitCommandTests : FakeAzureCliTest
{
    [Fact]
    public async Task Submit_creates_one_job_whose_body_passes_the_contract()
    {
        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"));

        exitCode.Should().Be(0, error);
        output.Should().StartWith("submitting sweep job ridge-sweep-001" + System.Environment.NewLine, "the name is printed before the first PUT");
        output.Should().Contain("submitted sweep job ridge-sweep-001 (NotStarted)")
            .And.Contain("studio: https://ml.azure.com/runs/ridge-sweep-001")
            .And.Contain("hyperdrive status ridge-sweep-001 --workspace " + Workspace);
        Fake.Count("PUT", "/jobs/").Should().Be(1);
        Fake.Jobs.Keys.Should().Equal("ridge-sweep-001");
        Fake.ContractViolations.Should().BeEmpty();
        Fake.Credential.Count.Should().BeGreaterThan(0, "without HYPERDRIVE_ACCESS_TOKEN the default credential is used");
        var body = JsonNode.Parse(Fake.Requests.Single(r => r.Method == "PUT").Body)!["properties"]!;
        ((string?)body["jobType"]).Should().Be("Sweep");
        ((string?)body["computeId"]).Should().Be(Workspace + "/computes/cpu-cluster");
        ((string?)body["objective"]!["primaryMetric"]).Should().Be("r2");
    }

    /// <summary><c>sampling_algorithm.logbase</c> exists only in the preview api-versions: for the default GA one the tool
    /// names its flag and sends nothing; with <c>--api-version 2024-01-01-preview</c> the PUT carries it.</summary>
    [Fact]
    public async Task A_sweep_with_logbase_needs_the_preview_api_version_flag_and_is_sent_with_it()
    {
        var path = WriteSweep("logbase.yml", ("sampling_algorithm: random", "sampling_algorithm:\n  type: random\n  logbase: 10"));

        var (refused, _, refusedError) = await RunAsync("submit", path);

        refused.Should().Be(1);
        refusedError.Should().Contain("api-version 2024-10-01 has no logbase").And.Contain("run it again with --api-version 2024-01-01-preview").And.NotContain("AzureMLJsonOptions");
        Fake.Count("PUT", "/jobs/").Should().Be(0);

        var (exitCode, _, error) = await RunAsync("submit", path, "--api-version", FakeAzureML.PreviewApiVersion);

        exitCode.Should().Be(0, error);
        var put = Fake.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("/jobs/", StringComparison.Ordinal));
        put.Query.Should().Contain("api-version=2024-01-01-preview");
        ((string?)JsonNode.Parse(put.Body)!["properties"]!["samplingAlgorithm"]!["logbase"]).Should().Be("10");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_api_version_is_a_usage_error()
    {
        var (exitCode, _, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--api-version", "2023-13-01");

        exitCode.Should().Be(2);
        error.Should().Contain("2023-13-01");
        Fake.Count("PUT", "/jobs/").Should().Be(0);
    }

    [Fact]
    public async Task Name_option_names_the_job()
    {
        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--name", "ridge-cli-7");

        exitCode.Should().Be(0, error);
        output.Should().Contain("submitted sweep job ridge-cli-7");
        Fake.Jobs.Keys.Should().Equal("ridge-cli-7");
    }

    [Fact]
    public async Task Wait_streams_the_trials_and_prints_the_best_trial()
    {
        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait");

        exitCode.Should().Be(0, error);
        output.Should().Contain("Job ridge-sweep-001 is Running.")
            .And.Contain("trial ridge-sweep-001_0 started: alpha=")
            .And.Contain("trial ridge-sweep-001_0 completed")
            .And.Contain("[running 0 | completed 4 | terminated 0 | failed 0]")
            .And.Contain("best so far: trial ridge-sweep-001_1 r2 = 0.5")
            .And.Contain("job ridge-sweep-001 completed")
            .And.Contain("* ridge-sweep-001_1  completed")
            .And.Contain("best trial: ridge-sweep-001_1 r2 = 0.5 (maximize) alpha=");
        // Trial 1 peaks at 0.50 then falls to 0.20; trial 2 ends at 0.45 - the best is by each trial's best value.
        output.IndexOf("started", StringComparison.Ordinal).Should().BeLessThan(output.IndexOf("best trial:", StringComparison.Ordinal));
        Fake.Count("PUT", "/jobs/").Should().Be(1);
        Fake.Models.Should().BeEmpty();
    }

    [Fact]
    public async Task Register_best_registers_the_best_trials_model()
    {
        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait", "--register-best", "ridge-best", "--model-type", "mlflow_model", "--model-path", "artifacts/model");

        exitCode.Should().Be(0, error);
        output.Should().Contain("registered model ridge-best version 1 from azureml://jobs/ridge-sweep-001_1/outputs/artifacts/paths/model/");
        var model = Fake.Models.Should().ContainSingle().Which;
        model.Key.Should().Be("ridge-best/1");
        ((string?)model.Value["properties"]!["jobName"]).Should().Be("ridge-sweep-001_1");
        ((string?)model.Value["properties"]!["modelType"]).Should().Be("mlflow_model");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Register_best_defaults_to_the_model_output()
    {
        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait", "--register-best", "ridge-best");

        exitCode.Should().Be(0, error);
        output.Should().Contain("registered model ridge-best version 1 from azureml://jobs/ridge-sweep-001_1/outputs/model");
    }

    [Fact]
    public async Task Register_best_without_wait_is_a_usage_error_and_sends_nothing()
    {
        var (exitCode, _, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--register-best", "ridge-best");

        exitCode.Should().Be(2);
        error.Should().Contain("--register-best needs --wait");
        Fake.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_compute_prints_the_services_code_and_message()
    {
        var path = WriteSweep("gpu.yml", ("compute: azureml:cpu-cluster", "compute: azureml:gpu-cluster"));

        var (exitCode, output, error) = await RunAsync("submit", path);

        exitCode.Should().Be(1);
        output.Should().Be("submitting sweep job ridge-sweep-001" + System.Environment.NewLine);
        error.Should().Contain("error: UserError (HTTP 400): Compute 'gpu-cluster' was not found in workspace 'ws'. Create it or pick an existing compute.");
        error.Should().NotContain("Headers").And.NotContain("Content:");
        error.Should().NotContain("To see whether job", "a 400 means the service did not create the job");
        Fake.Jobs.Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_file_lists_every_problem_and_sends_nothing()
    {
        var path = CliRunner.TestData("invalid-sweep.yml");

        var (exitCode, output, error) = await RunAsync("submit", path, "--wait");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("error search_space.alpha: Grid sampling needs every parameter to be a choice")
            .And.Contain("error trial.command: ${{search_space.beta}} names no search-space parameter.")
            .And.Contain("warning limits.max_concurrent_trials:")
            .And.Contain("not valid for Azure ML: 2 error(s)")
            .And.Contain("nothing was submitted");
        Fake.Requests.Should().BeEmpty();
        Fake.Credential.Count.Should().Be(0, "no token is even requested");
    }

    [Fact]
    public async Task An_Azure_only_problem_is_caught_before_sending()
    {
        // No compute is fine for Azure ML (serverless); no environment is not.
        var path = WriteSweep("no-environment.yml", ("  environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n", string.Empty));

        var (exitCode, _, error) = await RunAsync("submit", path);

        exitCode.Should().Be(1);
        error.Should().Contain("error trial.environment:").And.Contain("nothing was submitted");
        Fake.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Register_best_on_a_command_job_is_refused_before_sending()
    {
        var path = WriteSweep("command.yml");
        File.WriteAllText(path, """
            type: command
            command: python train.py
            code: azureml:ridge-code:1
            environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
            compute: azureml:cpu-cluster
            """);

        var (exitCode, _, error) = await RunAsync("submit", path, "--wait", "--register-best", "m");

        exitCode.Should().Be(1);
        error.Should().Contain("error --register-best: --register-best needs a sweep job;").And.Contain("is a command job");
        Fake.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_local_code_folder_next_to_the_file_is_uploaded_and_referenced()
    {
        var path = WriteSweep("local.yml", ("code: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/codes/ridge/versions/1", "code: src"));
        var src = Path.Combine(Path.GetDirectoryName(path)!, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "train.py"), "print('r2=0.5')\n");

        // Run from another directory: the code folder is resolved against the file's folder, not the current one.
        var (exitCode, _, error) = await RunAsync("submit", path);

        exitCode.Should().Be(0, error);
        Fake.Blobs.Keys.Should().ContainSingle().Which.Should().EndWith("/train.py");
        var codeId = (string?)JsonNode.Parse(Fake.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("/jobs/", StringComparison.Ordinal)).Body)!["properties"]!["trial"]!["codeId"];
        codeId.Should().StartWith(Workspace + "/codes/");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_stops_watching_and_says_how_to_cancel()
    {
        var (exitCode, output, error) = await RunAndCancelAsync("started", "submit", CliRunner.TestData("seed-sweep.yml"), "--wait");

        exitCode.Should().Be(130);
        output.Should().Contain("trial ridge-sweep-001_0 started");
        error.Should().Contain("Stopped waiting; job ridge-sweep-001 keeps running on Azure ML.")
            .And.Contain("Cancel it with: hyperdrive cancel ridge-sweep-001 --workspace " + Workspace);
        Fake.Jobs["ridge-sweep-001"].Status.Should().NotBe("Canceled").And.NotBe("CancelRequested");
        Fake.Count("POST", "/cancel").Should().Be(0);
    }

    [Fact]
    public async Task The_token_from_HYPERDRIVE_ACCESS_TOKEN_is_sent_and_never_printed()
    {
        const string token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.env-secret-token-0123456789";
        Environment["HYPERDRIVE_ACCESS_TOKEN"] = token;
        Fake.Credential.Issued.Add(token);

        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait");

        exitCode.Should().Be(0, error);
        Fake.Requests.Where(r => !r.Path.StartsWith("/fakestorage/", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(r => r.Authorization == "Bearer " + token);
        Fake.Credential.Count.Should().Be(0, "the default credential is not used when the variable is set");
        output.Should().NotContain(token).And.NotContain("env-secret");
        error.Should().NotContain(token).And.NotContain("env-secret");
    }

    [Fact]
    public async Task A_refused_token_is_reported_with_the_services_code_and_never_printed()
    {
        const string token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.expired-secret-token-42";
        Environment["HYPERDRIVE_ACCESS_TOKEN"] = token;

        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"));

        exitCode.Should().Be(1);
        error.Should().Contain("error: ExpiredAuthenticationToken (HTTP 401):")
            .And.Contain("AzureML Data Scientist");
        (output + error).Should().NotContain("expired-secret-token");
        Fake.Jobs.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--workspace", "/subscriptions/x/resourceGroups/rg")]
    [InlineData("--endpoint", "http://127.0.0.1:1")]
    public async Task A_malformed_workspace_or_endpoint_is_a_usage_error(string option, string value)
    {
        var args = new List<string> { "submit", CliRunner.TestData("seed-sweep.yml"), "--workspace", Workspace, "--endpoint", "https://management.azure.com" };
        args[args.IndexOf(option) + 1] = value;

        var (exitCode, _, error) = await CliRunner.RunAsync(Services, CancellationToken.None, [.. args]);

        exitCode.Should().Be(2);
        error.Should().Contain(option).And.Contain(value);
        Fake.Requests.Should().BeEmpty();
    }

    public static TheoryData<string> ReplyFaults => new(FaultMatrix.Names);

    [Theory]
    [MemberData(nameof(ReplyFaults))]
    public async Task A_lost_or_malformed_PUT_reply_never_makes_a_second_job_even_when_the_submission_is_run_again(string fault)
    {
        foreach (var injected in FaultMatrix.Create(fault))
        {
            Fake.Inject(injected);
        }

        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"));
        var again = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"));

        exitCode.Should().Be(0, error);
        output.Should().StartWith("submitting sweep job ridge-sweep-001").And.Contain("submitted sweep job ridge-sweep-001");
        if (fault != "reset-after-processing")
        {
            error.Should().Contain("hyperdrive: The reply to the PUT of job ridge-sweep-001 was lost or unreadable").And.Contain("the job exists on Azure ML");
        }

        error.Should().NotContain("   at ").And.NotContain("Exception");
        again.ExitCode.Should().Be(0, again.Error);
        Fake.Jobs.Keys.Should().Equal(["ridge-sweep-001"], "faults tried: 1; jobs created by the submission (and its rerun): 1");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task A_malformed_PUT_reply_whose_lookup_fails_too_names_the_job_to_look_for_and_exits_1()
    {
        Fake.Inject(FaultMatrix.Reply("PUT", "/jobs/", "truncated-json", status: 201));
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/ridge-sweep-001", Kind = FaultKind.Status, Status = 503, Count = 100 });

        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"));

        exitCode.Should().Be(1);
        output.Should().Be("submitting sweep job ridge-sweep-001" + System.Environment.NewLine);
        error.Should().Contain("error: job ridge-sweep-001 may or may not have been created: the reply to its PUT was lost or unreadable (Unexpected reply from Azure ML (HTTP 201, request id fault-")
            .And.Contain("To see whether job ridge-sweep-001 exists: hyperdrive status ridge-sweep-001 --workspace " + Workspace)
            .And.Contain("submitting again with --name ridge-sweep-001 never creates a second job");
        error.Should().NotContain("   at ");
        Fake.Jobs.Should().ContainSingle("the service did create it");
    }

    [Fact]
    public async Task Wait_rides_out_a_storm_says_how_to_reattach_and_still_registers_the_best_model()
    {
        // Two storms that each outlast the client's 3 retries (4 attempts per call), on the watch's job GETs.
        Fake.Inject(Fault.Recorded("GET", "/jobs/ridge-sweep-001", FakeAzureML.Recordings.Throttled429Get, count: 4));
        Fake.Inject(Fault.Recorded("GET", "/jobs/ridge-sweep-001", FakeAzureML.Recordings.Gateway500, count: 4));

        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait", "--register-best", "ridge-best");

        exitCode.Should().Be(0, error);
        output.Should().Contain("note: Azure ML did not answer (").And.Contain("job ridge-sweep-001 keeps running on the service. Watching again in")
            .And.Contain("note: Azure ML answers again; watching job ridge-sweep-001 goes on.")
            .And.Contain("job ridge-sweep-001 completed")
            .And.Contain("registered model ridge-best version 1 from azureml://jobs/ridge-sweep-001_1/outputs/model");
        error.Should().Contain("Reattach with: hyperdrive status ridge-sweep-001 --wait --workspace " + Workspace);
        Fake.Count("PUT", "/jobs/").Should().Be(1);
        Fake.Models.Keys.Should().Equal("ridge-best/1");
    }

    [Fact]
    public async Task Wait_gives_up_on_an_endless_storm_and_says_the_job_keeps_running_and_how_to_reattach()
    {
        EngineOptions = new HyperDrive.Fluent.Azure.AzureMLSweepEngineOptions { TimeProvider = Clock, DefaultWatchBound = TimeSpan.FromMinutes(3) };
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/ridge-sweep-001", Kind = FaultKind.Status, Status = 503, Count = 100_000 });

        var (exitCode, output, error) = await RunAsync("submit", CliRunner.TestData("seed-sweep.yml"), "--wait", "--register-best", "ridge-best");

        exitCode.Should().Be(1);
        output.Should().Contain("submitted sweep job ridge-sweep-001").And.Contain("keeps running on the service");
        error.Should().Contain("error: Azure ML kept failing to answer for ").And.Contain("(longer than 3 min)")
            .And.Contain("Job ridge-sweep-001 keeps running on Azure ML; this only stopped watching it.")
            .And.Contain("Reattach with: hyperdrive status ridge-sweep-001 --wait --workspace " + Workspace);
        error.Should().NotContain("   at ");
        Fake.Models.Should().BeEmpty();
        Fake.Jobs["ridge-sweep-001"].Status.Should().NotBe("Canceled");
    }

    [Fact]
    public async Task Wait_on_a_status_the_client_does_not_know_counts_it_as_running_until_the_sweeps_timeout_then_exits_1()
    {
        var path = WriteSweep("timeout.yml", ("  max_concurrent_trials: 2", "  max_concurrent_trials: 2\n  timeout: 1800"));
        Fake.TrialScript = _ => new FakeTrialScript([0.4], "FINISHED");
        var submitted = await RunAsync("submit", path);
        submitted.ExitCode.Should().Be(0, submitted.Error);
        Fake.Jobs["ridge-sweep-001"].StatusOverride = "Hibernating";

        var (exitCode, output, error) = await RunAsync("status", "ridge-sweep-001", "--wait");

        exitCode.Should().Be(1);
        output.Should().Contain("note: Azure ML reports job ridge-sweep-001 as 'Hibernating', a status this client does not know; it is counted as running for at most the sweep's timeout (30 min).")
            .And.Contain("job ridge-sweep-001 failed");
        error.Should().Contain("error: Azure ML reported job ridge-sweep-001 as 'Hibernating' (a status this client does not know) for longer than the sweep's timeout (30 min); watching stopped.");
        error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task A_generated_name_is_kept_until_the_service_confirms_it_so_a_rerun_after_a_lost_reply_makes_no_second_job()
    {
        var path = WriteSweep("unnamed.yml", ("name: ridge-sweep-001\n", string.Empty));
        Fake.Inject(FaultMatrix.Reply("PUT", "/jobs/", "truncated-json", status: 201));
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/", Kind = FaultKind.Status, Status = 503, Count = 4 });

        var first = await RunAsync("submit", path);

        first.ExitCode.Should().Be(1, "the reply was unreadable and the lookup failed too");
        var name = System.Text.RegularExpressions.Regex.Match(first.Out, "submitting sweep job (\\S+)").Groups[1].Value;
        name.Should().MatchRegex("^ridge-sweep-[0-9]{14}-[0-9a-f]{8}$");
        Fake.Jobs.Keys.Should().Equal([name], "the service created the job although its reply was lost");

        var second = await RunAsync("submit", path);

        second.ExitCode.Should().Be(0, second.Error);
        second.Error.Should().Contain($"hyperdrive: job {name} of an earlier submit of this file was not confirmed; submitting it again under the same name.");
        second.Out.Should().StartWith($"submitting sweep job {name}");
        Fake.Jobs.Should().ContainSingle("the rerun found the same job: one job for the submission");

        var third = await RunAsync("submit", path);

        third.ExitCode.Should().Be(0, third.Error);
        third.Out.Should().NotContain(name, "a confirmed submission is done: the next submit is a new one");
        Fake.Jobs.Should().HaveCount(2);
        File.Exists(Path.Combine(Path.GetDirectoryName(path)!, ".hyperdrive", "submissions.json")).Should().BeTrue();
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_code_folder_is_not_uploaded_and_the_CLI_says_so()
    {
        var path = WriteSweep("linked.yml", ("code: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/codes/ridge/versions/1", "code: src"));
        var src = Path.Combine(Path.GetDirectoryName(path)!, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "train.py"), "print('r2=0.5')\n");
        var secret = Path.Combine(Path.GetDirectoryName(path)!, "secret.txt");
        File.WriteAllText(secret, "do-not-upload\n");
        File.CreateSymbolicLink(Path.Combine(src, "secret.txt"), secret);

        var (exitCode, _, error) = await RunAsync("submit", path);

        exitCode.Should().Be(0, error);
        error.Should().Contain($"hyperdrive: Code folder src: Skipped 'secret.txt': a symbolic link to '{secret}', outside the code folder");
        Fake.Blobs.Keys.Should().ContainSingle().Which.Should().EndWith("/src/train.py");
    }

    [Fact]
    public async Task Help_says_where_the_credentials_come_from()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("submit", "--help");

        exitCode.Should().Be(0);
        output.Should().Contain("HYPERDRIVE_ACCESS_TOKEN").And.Contain("DefaultAzureCredential").And.Contain("--register-best").And.Contain("--endpoint");
    }
}
