using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core.Diagnostics;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Engines;
using NSubstitute;

namespace HyperDrive.Fluent.Azure.Tests;

public sealed class HyperDriveClientTests : FakeServerTest
{
    private static readonly string RecordingsFolder = Path.Combine(AppContext.BaseDirectory, "TestData", "recordings");

    [Fact]
    public async Task Workspace_GET_gives_the_MLflow_tracking_uri_and_tokens_use_the_configured_audience()
    {
        var client = Fake.CreateClient();

        var workspace = (await client.GetWorkspaceAsync()).Value;

        workspace.MlflowTrackingUri!.Scheme.Should().Be("azureml");
        workspace.Location.Should().Be("centraluseuap", "the fake answers with the recorded workspace");
        workspace.DiscoveryUri.Should().Be(new Uri(Fake.Endpoint, "/discovery"));
        Fake.Credential.Scopes.Should().OnlyContain(s => s == "https://management.azure.com/.default");
        Fake.Requests.Should().ContainSingle().Which.Query.Should().Contain("api-version=2024-10-01");
    }

    [Fact]
    public async Task The_recorded_GET_response_of_a_running_sweep_is_read_with_system_tags_stripped()
    {
        var recording = JsonDocument.Parse(File.ReadAllText(Path.Combine(RecordingsFolder, "azure-sdk-for-python__test_sweep_job_await_completion__02_GET_response_running.json")));
        Fake.ReplayJob("test_716267682714", recording.RootElement.GetProperty("ResponseBody").GetRawText());
        var client = Fake.CreateClient();

        var job = (await client.GetJobAsync("test_716267682714")).Value;

        job.Status.Should().Be(AzureMLJobStatus.Running);
        job.Status.IsTerminal.Should().BeFalse();
        job.JobType.Should().Be("Sweep");
        job.ExperimentName.Should().Be("azure-ai-ml");
        job.PrimaryMetric.Should().Be("accuracy");
        job.Goal.Should().Be(ObjectiveGoal.Maximize);
        job.StudioUri.Should().Be(new Uri("https://ml.azure.com/runs/test_716267682714?wsid=/subscriptions/00000000-0000-0000-0000-000000000/resourcegroups/00000/workspaces/00000"));
        job.Tags.Should().BeEmpty("every recorded tag is a service _aml_system_ tag");
        job.SystemTags.Should().ContainKey("_aml_system_primary_metric_config");
        job.Properties.Should().ContainKey("runTemplate").WhoseValue.Should().Be("HyperDrive");
        job.BestChildRunId.Should().BeNull("a running sweep has no best_child_run_id yet");
        job.CreatedAt.Should().Be(DateTimeOffset.Parse("2023-04-08T23:33:16.0112513+00:00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_recorded_PUT_request_body_is_accepted_by_the_contract_and_the_job_is_created()
    {
        var recording = JsonDocument.Parse(File.ReadAllText(Path.Combine(RecordingsFolder, "azure-sdk-for-python__test_sweep_job_await_completion__01_PUT_request.json")));
        var body = recording.RootElement.GetProperty("RequestBody").GetRawText().Replace("\"goal\": \"maximize\"", "\"goal\": \"Maximize\"", StringComparison.Ordinal);
        var client = Fake.CreateClient();

        var response = await client.CreateOrUpdateJobAsync("test_716267682714", BinaryData.FromString(body));

        response.GetRawResponse().Status.Should().Be(recording.RootElement.GetProperty("StatusCode").GetInt32());
        response.GetRawResponse().Headers.TryGetValue("Location", out var location).Should().BeTrue();
        location.Should().EndWith("/jobs/test_716267682714?api-version=2024-10-01");
        Fake.ContractViolations.Should().BeEmpty();
        response.Value.Name.Should().Be("test_716267682714");
    }

    [Fact]
    public async Task Listing_jobs_follows_nextLink_through_every_page()
    {
        var client = Fake.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.CreateOrUpdateJobAsync($"job-{i}", AzureTestDefinitions.CommandBody());
        }

        var names = new List<string>();
        await foreach (var job in client.GetJobsAsync())
        {
            names.Add(job.Name);
        }

        names.Should().Equal("job-0", "job-1", "job-2", "job-3", "job-4");
        Fake.Count("GET", "/jobs").Should().Be(3, "5 jobs at 2 per page are 3 pages");
        client.GetJobs().Select(j => j.Name).Should().HaveCount(5, "the synchronous pageable follows the same links");
    }

    [Fact]
    public async Task A_service_error_surfaces_its_code_and_message()
    {
        var client = Fake.CreateClient();
        var body = AzureTestDefinitions.CommandBody(compute: "no-such-cluster");

        var act = () => client.CreateOrUpdateJobAsync("bad-compute", body);

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.Status.Should().Be(400);
        error.ErrorCode.Should().Be("UserError");
        error.Message.Should().Contain("Compute 'no-such-cluster' was not found in workspace 'ws'.");
    }

    [Fact]
    public async Task An_MLflow_error_surfaces_its_error_code_and_message()
    {
        Fake.Inject(new Fault
        {
            Method = "GET", PathContains = "/metrics/get-history", Kind = FaultKind.Status, Status = 404,
            Body = """{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run 'gone_0' not found."}""",
        });
        var client = Fake.CreateClient();

        var act = async () =>
        {
            await foreach (var value in client.GetMetricHistoryAsync("gone_0", "r2"))
            {
                value.Name.Should().Be("r2");
            }
        };

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.Status.Should().Be(404);
        error.ErrorCode.Should().Be("RESOURCE_DOES_NOT_EXIST");
        error.Message.Should().Contain("Run 'gone_0' not found.");
    }

    [Fact]
    public async Task Throttling_and_transient_errors_are_retried_by_the_pipeline()
    {
        var client = Fake.CreateClient();
        await client.CreateOrUpdateJobAsync("flaky", AzureTestDefinitions.CommandBody());
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/flaky", Kind = FaultKind.Status, Status = 429, RetryAfterSeconds = 0 });
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/flaky", Kind = FaultKind.Status, Status = 500 });
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/flaky", Kind = FaultKind.Status, Status = 503 });
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/flaky", Kind = FaultKind.ResetBeforeProcessing });

        var job = await client.GetJobAsync("flaky");

        job.Value.Name.Should().Be("flaky");
        Fake.Count("GET", "/jobs/flaky").Should().Be(5);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_request_succeeds()
    {
        var client = Fake.CreateClient();
        await client.CreateOrUpdateJobAsync("tokens", AzureTestDefinitions.CommandBody());
        Fake.Credential.Count.Should().Be(1, "the token is cached between calls");

        Fake.ExpireTokens();
        var job = await client.GetJobAsync("tokens");

        job.Value.Name.Should().Be("tokens");
        Fake.Credential.Count.Should().Be(2);
        var gets = Fake.Requests.Where(r => r.Method == "GET").ToList();
        gets.Should().HaveCount(2);
        gets[0].Authorization.Should().NotBe(gets[1].Authorization);
    }

    [Fact]
    public async Task Tokens_and_SAS_signatures_never_appear_in_the_Azure_Core_logs()
    {
        var log = new ConcurrentQueue<string>();
        using var listener = new AzureEventSourceListener((e, message) => log.Enqueue(message + " " + string.Join(' ', e.Payload ?? [])), EventLevel.Verbose);
        var client = Fake.CreateClient();
        var folder = CodeFolders.Create(("train.py", "print('hi')"));
        await client.UploadCodeAsync(folder);
        await client.CreateOrUpdateJobAsync("logged", AzureTestDefinitions.CommandBody());
        Fake.ExpireTokens();
        await client.GetJobAsync("logged");

        log.Should().NotBeEmpty();
        var text = string.Join('\n', log);
        Fake.Credential.Issued.Should().NotBeEmpty();
        foreach (var token in Fake.Credential.Issued)
        {
            text.Should().NotContain(token);
            text.Should().NotContain(token.Split('.')[1]);
        }

        text.Should().NotContain(FakeAzureML.SasSignature);
        text.Should().NotContain(Uri.UnescapeDataString(FakeAzureML.SasSignature));
    }

    [Fact]
    public async Task Model_versions_are_registered_with_the_trial_output_uri_type_and_job_name()
    {
        var client = Fake.CreateClient();

        var first = await client.RegisterTrialModelAsync("ridge", "sweep-1_2", "model", "custom_model");
        var second = await client.RegisterTrialModelAsync("ridge", "sweep-1_0", "artifacts/model", "mlflow_model");
        var third = await client.RegisterTrialModelAsync("ridge", "sweep-1_0", "model/sklearn", version: "7");

        first.Value.Version.Should().Be("1", "a model that does not exist yet starts at version 1");
        first.Value.ModelUri.Should().Be("azureml://jobs/sweep-1_2/outputs/model");
        first.Value.JobName.Should().Be("sweep-1_2");
        second.Value.Version.Should().Be("2", "the next version comes from the model container");
        second.Value.ModelUri.Should().Be("azureml://jobs/sweep-1_0/outputs/artifacts/paths/model/");
        second.Value.ModelType.Should().Be("mlflow_model");
        third.Value.ModelUri.Should().Be("azureml://jobs/sweep-1_0/outputs/model/paths/sklearn");
        Fake.Models.Keys.Should().BeEquivalentTo("ridge/1", "ridge/2", "ridge/7");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public void Invalid_names_and_workspace_ids_fail_at_the_call_and_say_what_to_do()
    {
        var client = Fake.CreateClient();

        var badName = () => client.CreateOrUpdateJob("-bad name", BinaryData.FromString("{}"));
        var badWorkspace = () => new HyperDriveClient("/subscriptions/x/resourceGroups/y", Fake.Credential);

        badName.Should().Throw<ArgumentException>().WithMessage("*'-bad name' is not a valid Azure ML name*letters, digits*");
        badWorkspace.Should().Throw<FormatException>().WithMessage("*is not an Azure ML workspace resource id*workspaces/{name}*");
        Fake.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Sovereign_cloud_endpoint_and_audience_are_configurable()
    {
        var options = new HyperDriveClientOptions(HyperDriveClientOptions.ServiceVersion.V2024_04_01)
        {
            ArmEndpoint = new Uri("https://management.chinacloudapi.cn/"),
        };

        options.Version.Should().Be(HyperDriveClientOptions.ServiceVersion.V2024_04_01);
        new HyperDriveClientOptions().Version.Should().Be(HyperDriveClientOptions.ServiceVersion.V2024_10_01);
        var client = new HyperDriveClient(WorkspaceId.Parse(FakeAzureML.WorkspacePath), Fake.Credential, options);
        client.WorkspaceId.WorkspaceName.Should().Be("ws");
    }

    [Fact]
    public async Task The_client_can_be_substituted_with_model_factory_objects()
    {
        var client = Substitute.For<HyperDriveClient>();
        var job = HyperDriveModelFactory.AzureMLJob(
            "sweep-1", AzureMLJobStatus.Completed, properties: new Dictionary<string, string> { ["best_child_run_id"] = "sweep-1_3" },
            objective: new Objective(ObjectiveGoal.Minimize, "rmse"));
        client.GetJobAsync("sweep-1", Arg.Any<CancellationToken>()).Returns(Response.FromValue(job, Substitute.For<Response>()));

        var fetched = (await client.GetJobAsync("sweep-1")).Value;

        fetched.BestChildRunId.Should().Be("sweep-1_3");
        fetched.Status.IsTerminal.Should().BeTrue();
        fetched.Goal.Should().Be(ObjectiveGoal.Minimize);
        HyperDriveModelFactory.AzureMLSweepTrial("sweep-1_0", 0, TrialStatus.Completed).Number.Should().Be(0);
    }
}
