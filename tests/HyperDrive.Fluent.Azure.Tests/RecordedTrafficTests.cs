using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>Issue 10: the client on the service's real traffic. The fake answers these calls with the replies azure-ai-ml
/// recorded from Azure ML (<c>TestData/recordings/</c>, names substituted), not with replies imagined from the contract.</summary>
public sealed class RecordedTrafficTests : FakeServerTest
{
    private readonly InstantTimeProvider _clock = new();

    private static string RecordedBody(string file) => Recording.Load(file).BodyText;

    [Fact]
    public async Task Trials_are_the_run_history_children_found_through_the_workspace_discovery_api_host()
    {
        var client = Fake.CreateClient();
        await client.CreateOrUpdateJobAsync("children-1", AzureTestDefinitions.SweepBody());
        await client.GetJobAsync("children-1"); // the fake's sweep starts its 3 trials

        var trials = new List<Models.AzureMLSweepTrial>();
        await foreach (var trial in client.GetSweepTrialsAsync("children-1"))
        {
            trials.Add(trial);
        }

        var again = client.GetSweepTrials("children-1").ToList();

        trials.Select(t => t.RunId).Should().Equal("children-1_0", "children-1_1", "children-1_2");
        // (listing reads the job, and the fake moves a sweep one step per GET: trial 0 has finished by then)
        trials.Select(t => t.RunStatus).Should().Equal("Completed", "Running", "Running");
        trials.Select(t => t.Status).Should().Equal(TrialStatus.Completed, TrialStatus.Running, TrialStatus.Running);
        trials.Should().OnlyContain(t => t.MlflowStatus == null && t.LatestMetrics.Count == 0, "run history carries no metrics");
        trials[0].Parameters.Should().ContainKey("alpha", "the sampled values come from the sweep's _aml_system_{trial} tags");
        trials[0].Number.Should().Be(0);
        trials[0].StartTime.Should().NotBeNull();
        again.Should().HaveCount(3);
        var children = Fake.Requests.Where(r => r.Path.EndsWith("/children", StringComparison.Ordinal)).ToList();
        children.Should().HaveCount(2).And.OnlyContain(r => r.Path == $"/history/v1.0{FakeAzureML.WorkspacePath}/runs/children-1/children" && r.Query.Length == 0,
            "azure-ai-ml sends no query string (list_children_runhistory__*)");
        Fake.Count("GET", "/discovery").Should().Be(1, "the discovery document is read once per client");
        Fake.Requests.Count(r => r.Method == "GET" && r.Path == FakeAzureML.WorkspacePath).Should().Be(1);
        Fake.Count("POST", "/runs/search").Should().Be(0, "trials are no longer searched in MLflow");
    }

    [Fact]
    public async Task The_recorded_completed_sweep_has_no_best_child_id_and_its_best_trial_comes_from_the_metrics_by_the_shared_rule()
    {
        const string name = "test_867556268529";
        Fake.ReplayJob(name, Recording.Substitute(RecordedBody(FakeAzureML.Recordings.CompletedSweep), Fake.Endpoint));
        var parameters = new JsonObject();
        Fake.Jobs[name].Trials.Add(new FakeTrial(name + "_0", 0, "accuracy", parameters) { Status = "FINISHED", History = { 0.61, 0.64 } });
        Fake.Jobs[name].Trials.Add(new FakeTrial(name + "_1", 1, "accuracy", parameters) { Status = "FINISHED", History = { 0.70, 0.52 } });
        var client = Fake.CreateClient();

        var job = (await client.GetJobAsync(name)).Value;
        var run = await new AzureMLSweepEngine(client).AttachAsync(name);
        var best = await run.GetBestTrialAsync();
        var all = new List<TrialResult>();
        await foreach (var trial in client.GetSweepTrialResultsAsync(name))
        {
            all.Add(trial);
        }

        client.GetSweepTrialResults(name).Should().BeEquivalentTo(all, "the synchronous pageable reads the same trials");

        job.Status.Should().Be(Models.AzureMLJobStatus.Completed);
        job.BestChildRunId.Should().BeNull("the only recorded Completed sweep carries no best_child_run_id");
        best!.Id.Should().Be(name + "_1", "trial 1 peaked at 0.70 (maximize accuracy) although it ended at 0.52");
        best.Should().BeEquivalentTo(TrialLedger.SelectBest(all, new Objective(ObjectiveGoal.Maximize, "accuracy")));
        best.Parameters["lr"].Should().Be(0.07929150794236431, "the parameters are the recorded _aml_system_test_867556268529_1 tag");
        best.Parameters["conv_size"].Should().Be(2L);
        best.GetMetric("accuracy").Select(m => m.Value).Should().Equal(0.70, 0.52);
    }

    [Fact]
    public async Task Attaching_to_the_recorded_completed_sweep_reads_its_definition_back_and_picks_the_best_by_the_shared_rule()
    {
        const string name = "test_867556268529";
        Fake.ReplayJob(name, Recording.Substitute(RecordedBody(FakeAzureML.Recordings.CompletedSweep), Fake.Endpoint));
        Fake.Jobs[name].Trials.Add(new FakeTrial(name + "_0", 0, "accuracy", new JsonObject()) { Status = "FINISHED", History = { 0.81 } });
        Fake.Jobs[name].Trials.Add(new FakeTrial(name + "_1", 1, "accuracy", new JsonObject()) { Status = "FAILED" });
        var engine = new AzureMLSweepEngine(Fake.CreateClient(_clock), new AzureMLSweepEngineOptions { TimeProvider = _clock });

        var run = await engine.AttachAsync(name);
        var result = await run.WaitForCompletionAsync();

        run.Definition.Should().BeOfType<SweepDefinition>().Which.Objective.Should().Be(new Objective(ObjectiveGoal.Maximize, "accuracy"));
        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Select(t => (t.Id, t.Status)).Should().Equal((name + "_0", TrialStatus.Completed), (name + "_1", TrialStatus.Failed));
        result.BestTrial!.Id.Should().Be(name + "_0", "the failed trial reported nothing; the recorded sweep names no best child");
        result.BestTrial.Parameters["dropout_rate"].Should().Be(0.2621088915779564);
        Fake.Count("PUT", "/jobs/").Should().Be(0);
    }

    [Fact]
    public async Task Children_pages_are_followed_by_nextLink_one_page_at_a_time()
    {
        Fake.ChildrenPageSize = 100;
        var client = Fake.CreateClient();
        await client.CreateOrUpdateJobAsync("big", AzureTestDefinitions.SweepBody());
        Fake.Jobs["big"].TrialCount = 1000;
        await client.GetJobAsync("big");

        var pages = new List<int>();
        await foreach (var page in client.GetSweepTrialsAsync("big").AsPages())
        {
            pages.Add(page.Values.Count);
        }

        pages.Should().HaveCount(10).And.OnlyContain(c => c == 100);
        client.GetSweepTrials("big").Select(t => t.Number).Should().BeEquivalentTo(Enumerable.Range(0, 1000));
    }

    [Fact]
    public async Task Cancel_202_with_body_null_polls_the_mfeOperationResults_Location_without_Retry_After_until_200()
    {
        var client = Fake.CreateClient(_clock);
        await client.CreateOrUpdateJobAsync("to-cancel", AzureTestDefinitions.CommandBody());

        var started = await client.CancelJobAsync(WaitUntil.Started, "to-cancel");

        started.HasCompleted.Should().BeFalse();
        started.GetRawResponse().Status.Should().Be(202);
        started.GetRawResponse().Content.ToString().Should().Be("null", "the recorded 202 body is the four characters null");
        started.GetRawResponse().Headers.TryGetValue("Retry-After", out _).Should().BeFalse();

        var response = await started.WaitForCompletionResponseAsync();

        response.Status.Should().Be(200);
        response.Content.ToMemory().IsEmpty.Should().BeTrue("the recorded final poll has an empty body");
        started.HasCompleted.Should().BeTrue();
        var polls = Fake.Requests.Where(r => r.Path.Contains("/mfeOperationResults/", StringComparison.Ordinal)).ToList();
        polls.Should().HaveCount(2, "one 202 {} poll, then the 200");
        polls.Should().OnlyContain(p => p.Path == $"/subscriptions/{FakeAzureML.SubscriptionId}/providers/Microsoft.MachineLearningServices/locations/eastus/mfeOperationResults/jc:72e8eff8-148b-4582-a07d-efc79559f19f:to-cancel");
        _clock.Delays.Should().Equal(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        Fake.Jobs["to-cancel"].Status.Should().Be("Canceled");
    }

    [Fact]
    public async Task A_direct_200_to_cancel_has_completed_at_once()
    {
        Fake.CancelAnswersDirectly = true;
        var client = Fake.CreateClient(_clock);
        await client.CreateOrUpdateJobAsync("direct", AzureTestDefinitions.CommandBody());

        var operation = await client.CancelJobAsync(WaitUntil.Completed, "direct");

        operation.HasCompleted.Should().BeTrue();
        operation.GetRawResponse().Status.Should().Be(200);
        Fake.Count("GET", "/mfeOperationResults/").Should().Be(0);
        _clock.Delays.Should().BeEmpty();
    }

    [Fact]
    public async Task Canceling_a_finished_job_is_the_recorded_400_terminal_status()
    {
        var client = Fake.CreateClient();
        await client.CreateOrUpdateJobAsync("done", AzureTestDefinitions.CommandBody());
        Fake.Jobs["done"].Status = "Completed";

        var act = () => client.CancelJobAsync(WaitUntil.Started, "done");

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.Status.Should().Be(400);
        error.ErrorCode.Should().Be("UserError");
        error.Message.Should().Contain("The pipeline run done is in terminal status, it can't be canceled.");
    }

    [Fact]
    public async Task A_504_to_cancel_is_retried_and_a_lasting_one_fails_with_the_services_code()
    {
        var client = Fake.CreateClient();
        await client.CreateOrUpdateJobAsync("slow", AzureTestDefinitions.CommandBody());
        Fake.Inject(Fault.Recorded("POST", "/jobs/slow/cancel", FakeAzureML.Recordings.Timeout504));

        var operation = await client.CancelJobAsync(WaitUntil.Started, "slow");

        operation.GetRawResponse().Status.Should().Be(202);
        Fake.Count("POST", "/jobs/slow/cancel").Should().Be(2);

        Fake.Inject(Fault.Recorded("POST", "/jobs/slow/cancel", FakeAzureML.Recordings.Timeout504, count: 5));
        var act = () => client.CancelJobAsync(WaitUntil.Started, "slow");

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.Status.Should().Be(504);
        error.ErrorCode.Should().Be("TransientError");
        Fake.Count("POST", "/jobs/slow/cancel").Should().Be(2 + 5, "4 retries after the first attempt");
    }

    [Fact]
    public async Task The_recorded_429s_without_Retry_After_back_off_with_jitter_and_name_the_recorded_correlation_id()
    {
        var notices = new ConcurrentQueue<string>();
        var options = Fake.CreateOptions(_clock);
        options.Retry.Delay = TimeSpan.FromSeconds(2);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(20);
        options.RetryNotice = notices.Enqueue;
        var client = new HyperDriveClient(FakeAzureML.WorkspacePath, Fake.Credential, options);
        await client.CreateOrUpdateJobAsync("throttled", AzureTestDefinitions.CommandBody());
        Fake.Inject(Fault.Recorded("GET", "/jobs/throttled", FakeAzureML.Recordings.Throttled429Get));
        Fake.Inject(Fault.Recorded("PUT", "/jobs/throttled", FakeAzureML.Recordings.Throttled429Put, count: 2));

        await client.GetJobAsync("throttled");
        await client.CreateOrUpdateJobAsync("throttled", AzureTestDefinitions.CommandBody());

        var delays = _clock.Delays.ToArray();
        delays.Should().HaveCount(3);
        delays[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        delays[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(4));
        notices.Should().HaveCount(3).And.OnlyContain(n => n.Contains("HTTP 429", StringComparison.Ordinal) && n.Contains("gave no Retry-After", StringComparison.Ordinal));
        notices.First().Should().Contain("request id 90bfa8f5-a431-4bf4-b436-3cf1995d32ad", "the recorded reply's only id is x-ms-correlation-request-id");
    }

    [Fact]
    public async Task Code_upload_follows_the_recorded_new_flow_and_a_re_PUT_of_an_existing_version_answers_200()
    {
        var folder = CodeFolders.Create(("train.py", "print('recorded')\n"));
        var client = Fake.CreateClient();

        var code = (await client.UploadCodeAsync(folder)).Value;

        var calls = Fake.Requests.Where(r => !r.Path.StartsWith("/fakestorage/", StringComparison.Ordinal)).Select(r => r.Method + " " + r.Path[(FakeAzureML.WorkspacePath.Length + 1)..]).ToList();
        calls.Should().Equal(
            $"GET codes/hdf-code-{code.ContentHash![..32]}/versions",
            $"POST codes/hdf-code-{code.ContentHash[..32]}/versions/1/startPendingUpload",
            $"PUT codes/hdf-code-{code.ContentHash[..32]}/versions/1");
        Fake.Requests.First().Query.Should().Contain("hash=" + code.ContentHash).And.Contain("hashVersion=202208");
        var stored = Fake.Codes.Values.Single();
        ((bool?)stored["properties"]!["isAnonymous"]).Should().BeFalse("the recorded reply says isAnonymous false although the request said true");

        // Another client whose hash lookup misses (here: the stored version's hash was changed) registers the same version again.
        stored["properties"]!["properties"]!["hash_sha256"] = "0000000000000";
        var again = (await Fake.CreateClient().UploadCodeAsync(CodeFolders.Create(("train.py", "print('recorded')\n")))).Value;

        again.Reused.Should().BeFalse();
        again.Id.Should().Be(code.Id, "the recorded re-PUT of an existing version answers 200 with that version");
        Fake.Count("PUT", "/codes/").Should().Be(2);
    }
}
