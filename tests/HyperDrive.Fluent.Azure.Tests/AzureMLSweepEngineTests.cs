using System.Text.Json;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Azure.Tests;

public sealed class AzureMLSweepEngineTests : FakeServerTest
{
    private readonly InstantTimeProvider _clock = new();

    private AzureMLSweepEngine CreateEngine(bool registerBestModel = true) =>
        new(Fake.CreateClient(_clock), new AzureMLSweepEngineOptions
        {
            TimeProvider = _clock,
            PollInterval = TimeSpan.FromSeconds(5),
            MaxPollInterval = TimeSpan.FromSeconds(40),
            RegisterBestModel = registerBestModel,
        });

    [Fact]
    public async Task An_invalid_definition_is_never_sent()
    {
        var definition = AzureTestDefinitions.Sweep() with { Compute = null, Trial = AzureTestDefinitions.Sweep().Trial with { Environment = null } };
        var engine = CreateEngine();

        var act = () => engine.StartAsync(definition);

        (await act.Should().ThrowAsync<HyperDriveValidationException>())
            .WithMessage("*not valid for Azure ML; nothing was submitted*trial.environment*");
        Fake.Requests.Should().BeEmpty();
        engine.Name.Should().Be("azureml");
    }

    [Fact]
    public async Task A_sweep_is_submitted_once_watched_to_completion_and_its_best_trial_is_the_services()
    {
        var folder = CodeFolders.Create(("train.py", "print('ridge')"));
        var definition = AzureTestDefinitions.Sweep(code: "src") with { Name = "ridge-sweep-001" };
        var engine = CreateEngine();

        var run = await engine.StartAsync(definition, new SweepRunOptions { BaseDirectory = Path.GetDirectoryName(folder) });
        var updates = new List<TrialUpdate>();
        await foreach (var update in run.WatchAsync())
        {
            updates.Add(update);
        }

        var result = await run.WaitForCompletionAsync();

        Fake.Count("PUT", "/jobs/").Should().Be(1);
        Fake.Jobs.Should().ContainSingle().Which.Key.Should().Be("ridge-sweep-001");
        Fake.ContractViolations.Should().BeEmpty();
        var put = Fake.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("/jobs/", StringComparison.Ordinal));
        using (var body = JsonDocument.Parse(put.Body))
        {
            var trial = body.RootElement.GetProperty("properties").GetProperty("trial");
            trial.GetProperty("codeId").GetString().Should().Be(Fake.Codes.Keys.Single(), "the uploaded code version replaces the local folder");
            body.RootElement.GetProperty("properties").GetProperty("computeId").GetString().Should().Be(FakeAzureML.WorkspacePath + "/computes/cpu-cluster");
        }

        run.StudioUri.Should().Be(new Uri($"https://ml.azure.com/runs/ridge-sweep-001?wsid={FakeAzureML.WorkspacePath}"));
        run.Status.Should().Be(SweepRunStatus.Completed);
        updates.Where(u => u.Kind == TrialUpdateKind.Started).Select(u => u.TrialId).Should().Equal("ridge-sweep-001_0", "ridge-sweep-001_1", "ridge-sweep-001_2");
        updates.Where(u => u.Kind == TrialUpdateKind.Finished).Should().HaveCount(3);
        updates.Count(u => u.Kind == TrialUpdateKind.Metric).Should().Be(6, "each trial reported r2 twice");
        updates.Where(u => u.Kind == TrialUpdateKind.BestChanged).Select(u => u.TrialId).Last().Should().Be("ridge-sweep-001_1");
        updates.Where(u => u.Kind == TrialUpdateKind.Started).First().Parameters!["alpha"].Should().BeOfType<double>();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Select(t => t.Id).Should().Equal("ridge-sweep-001_0", "ridge-sweep-001_1", "ridge-sweep-001_2");
        result.Trials[1].GetMetric("r2").Select(m => m.Value).Should().Equal(0.50, 0.20);
        result.Trials.Should().OnlyContain(t => t.Status == TrialStatus.Completed && t.Parameters.ContainsKey("alpha"));
        result.BestTrial!.Id.Should().Be("ridge-sweep-001_1");
        result.Objective.Should().Be(new Objective(ObjectiveGoal.Maximize, "r2"));
        Fake.Count("GET", "/metrics/get-history").Should().BeGreaterThan(0);
        _clock.Delays.Should().OnlyContain(d => d >= TimeSpan.FromSeconds(5) && d <= TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task Without_best_child_run_id_the_best_trial_is_the_best_of_each_history_by_the_shared_rule()
    {
        Fake.SetBestChildRunId = false;
        var engine = CreateEngine();
        var run = await engine.StartAsync(AzureTestDefinitions.Sweep() with { Name = "no-best-id" });

        var result = await run.WaitForCompletionAsync();

        ((AzureMLSweepRun)run).Job.BestChildRunId.Should().BeNull();
        result.BestTrial!.Id.Should().Be("no-best-id_1", "trial 1 peaked at 0.50 although its last value 0.20 is the lowest");
        result.BestTrial.Should().Be(TrialLedger.SelectBest(result.Trials, result.Objective!));
        (await ((AzureMLSweepRun)run).GetBestTrialAsync())!.Id.Should().Be("no-best-id_1", "the run finds it by the same rule");
    }

    [Fact]
    public async Task Under_faults_one_submission_creates_exactly_one_job_with_the_same_name_on_every_attempt()
    {
        Fake.Inject(new Fault { Method = "PUT", PathContains = "/jobs/", Kind = FaultKind.ResetAfterProcessing });
        Fake.Inject(new Fault { Method = "PUT", PathContains = "/jobs/", Kind = FaultKind.Status, Status = 503 });
        Fake.Inject(new Fault { Method = "PUT", PathContains = "/jobs/", Kind = FaultKind.Status, Status = 429, RetryAfterSeconds = 1 });
        Fake.Inject(new Fault { Method = "PUT", PathContains = "/jobs/", Kind = FaultKind.ExpireToken });
        var engine = CreateEngine();

        var run = await engine.StartAsync(AzureTestDefinitions.Sweep() with { DisplayName = "faulty sweep!" });

        var puts = Fake.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/jobs/", StringComparison.Ordinal)).ToList();
        puts.Should().HaveCount(5);
        puts.Select(p => p.Path).Distinct().Should().ContainSingle("every retry reuses the client-generated name");
        Fake.Jobs.Should().ContainSingle().Which.Key.Should().Be(run.Id);
        run.Id.Should().MatchRegex("^faulty-sweep-[0-9]{14}-[0-9a-f]{8}$");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task RegisterBestModel_on_the_definition_registers_the_best_trials_output_and_the_run_can_register_more()
    {
        var definition = AzureTestDefinitions.Sweep() with
        {
            Name = "reg-sweep",
            RegisterBestModel = new ModelRegistration("ridge-best", "model", AssetType.CustomModel),
        };
        var engine = CreateEngine();
        var run = (AzureMLSweepRun)await engine.StartAsync(definition);

        await run.WaitForCompletionAsync();
        var extra = await run.RegisterBestModelAsync("ridge-mlflow", "artifacts/model", "mlflow_model");

        run.RegisteredModel.Should().BeSameAs(extra);
        var registered = Fake.Models["ridge-best/1"]["properties"]!;
        ((string?)registered["modelUri"]).Should().Be("azureml://jobs/reg-sweep_1/outputs/model");
        ((string?)registered["jobName"]).Should().Be("reg-sweep_1");
        ((string?)registered["modelType"]).Should().Be("custom_model");
        extra.ModelUri.Should().Be("azureml://jobs/reg-sweep_1/outputs/artifacts/paths/model/");
        Fake.ContractViolations.Should().BeEmpty();
    }

    [Fact]
    public async Task Watching_honours_a_Retry_After_longer_than_the_poll_interval()
    {
        Fake.RunningRetryAfterSeconds = 90;
        var engine = CreateEngine();
        var run = await engine.StartAsync(AzureTestDefinitions.Sweep() with { Name = "slow" });

        await run.WaitForCompletionAsync();

        _clock.Delays.Should().NotBeEmpty().And.OnlyContain(d => d == TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_run_can_be_canceled_and_submit_and_wait_reports_every_update()
    {
        var engine = CreateEngine();
        var run = await engine.StartAsync(AzureTestDefinitions.Sweep() with { Name = "cancel-me" });

        await run.CancelAsync();

        run.Status.Should().Be(SweepRunStatus.Canceled);
        var seen = new List<TrialUpdate>();
        var result = await engine.SubmitAndWaitAsync(AzureTestDefinitions.Sweep() with { Name = "waited" }, (_, u) => seen.Add(u));
        result.BestTrial!.Id.Should().Be("waited_1");
        seen.Should().Contain(u => u.Kind == TrialUpdateKind.BestChanged);
    }

    [Fact]
    public async Task A_pipeline_is_submitted_and_watched_to_its_end()
    {
        var sweep = AzureTestDefinitions.Sweep();
        var pipeline = Pipeline.Create("pipe-1").DefaultCompute("cpu-cluster").Experiment("exp").Step("tune", sweep).Build();
        var engine = CreateEngine();

        var run = await engine.StartAsync(pipeline);
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Warnings.Should().ContainSingle().Which.Should().Contain("not listed by the Azure engine");
        Fake.ContractViolations.Should().BeEmpty();
        Fake.Jobs["pipe-1"].Properties["jobType"]!.GetValue<string>().Should().Be("Pipeline");
    }
}
