using System.Collections.Concurrent;
using Azure;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>Issue 15, Azure faults: a lost, empty or malformed reply to the job PUT never makes a second job and never
/// escapes as a parser exception; an unknown status is not waited on forever; a storm while watching is ridden out.</summary>
public sealed class SubmitFaultTests : FakeServerTest
{
    private readonly InstantTimeProvider _clock = new();
    private readonly ConcurrentQueue<string> _notices = new();

    /// <summary>The faults of the matrix: what the PUT's reply becomes after the service has created the job.</summary>
    public static TheoryData<string> ReplyFaults => new(FaultMatrix.Names);

    private AzureMLSweepEngine CreateEngine(TimeSpan? bound = null) =>
        new(Fake.CreateClient(_clock), new AzureMLSweepEngineOptions
        {
            TimeProvider = _clock,
            PollInterval = TimeSpan.FromSeconds(5),
            MaxPollInterval = TimeSpan.FromSeconds(40),
            OnNotice = _notices.Enqueue,
            DefaultWatchBound = bound ?? TimeSpan.FromDays(1),
        });

    [Theory]
    [MemberData(nameof(ReplyFaults))]
    public async Task A_lost_or_malformed_reply_after_the_PUT_is_checked_by_name_and_the_submission_has_exactly_one_job(string fault)
    {
        foreach (var injected in FaultMatrix.Create(fault))
        {
            Fake.Inject(injected);
        }

        var engine = CreateEngine();

        var run = await engine.SubmitAsync(AzureTestDefinitions.Sweep() with { Name = "lost-reply" });

        Fake.Jobs.Keys.Should().Equal(["lost-reply"], "jobs created by this submission: exactly 1");
        run.Id.Should().Be("lost-reply");
        Fake.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/jobs/", StringComparison.Ordinal)).Select(r => r.Path).Distinct().Should().ContainSingle();
        if (fault == "reset-after-processing")
        {
            // One lost reply: the pipeline's retry of the idempotent PUT (same name) gets the answer; nothing to look up.
            Fake.Count("PUT", "/jobs/lost-reply").Should().Be(2);
            _notices.Should().BeEmpty();
        }
        else
        {
            Fake.Count("GET", "/jobs/lost-reply").Should().Be(1, "the name is looked up before anything is reported");
            _notices.Should().ContainSingle().Which.Should().Contain("The reply to the PUT of job lost-reply was lost or unreadable").And.Contain("the job exists on Azure ML");
        }

        var result = await run.WaitForCompletionAsync();
        result.Status.Should().Be(SweepRunStatus.Completed);
    }

    [Fact]
    public async Task A_PUT_that_never_reached_the_service_fails_after_the_lookup_finds_no_job_and_a_new_submission_creates_one()
    {
        Fake.Inject(new Fault { Method = "PUT", PathContains = "/jobs/", Kind = FaultKind.ResetBeforeProcessing, Count = 5 });
        var engine = CreateEngine();

        var act = () => engine.SubmitAsync(AzureTestDefinitions.Sweep() with { Name = "never-sent" });

        await act.Should().ThrowAsync<AggregateException>().WithMessage("*Retry failed after 5 tries*");
        Fake.Jobs.Should().BeEmpty();
        Fake.Count("GET", "/jobs/never-sent").Should().Be(1, "the lookup found no job, so the PUT's own failure is reported");

        await engine.SubmitAsync(AzureTestDefinitions.Sweep() with { Name = "never-sent" });
        Fake.Jobs.Should().ContainSingle();
    }

    [Theory]
    [InlineData("truncated-json", "the JSON is cut off or invalid")]
    [InlineData("empty-200", "the body is empty")]
    [InlineData("html-200", "an HTML page, not JSON")]
    [InlineData("no-name", "the job has neither 'name' nor 'id'")]
    [InlineData("numeric-status", "'properties.status' is 3, not a job status")]
    public async Task A_malformed_GET_reply_is_an_unexpected_reply_with_status_and_request_id_never_a_parser_exception(string fault, string reason)
    {
        var client = Fake.CreateClient();
        await client.CreateOrUpdateJobAsync("odd", AzureTestDefinitions.CommandBody());
        Fake.Inject(FaultMatrix.Reply("GET", "/jobs/odd", fault, status: 200));

        var act = () => client.GetJobAsync("odd");

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.ErrorCode.Should().Be("UnexpectedReply");
        error.Status.Should().Be(200);
        error.Message.Should().StartWith("Unexpected reply from Azure ML (HTTP 200, request id fault-").And.Contain(reason);
    }

    [Fact]
    public async Task An_unknown_status_counts_as_running_only_up_to_the_sweeps_timeout_with_a_notice()
    {
        var engine = CreateEngine();
        var definition = AzureTestDefinitions.Sweep() with { Name = "odd-status" };
        definition = definition with { Limits = definition.Limits with { Timeout = TimeSpan.FromHours(1) } };
        var run = await engine.SubmitAsync(definition);
        Fake.Jobs["odd-status"].StatusOverride = "Hibernating";

        var updates = new List<TrialUpdate>();
        await foreach (var update in run.WatchAsync())
        {
            updates.Add(update);
        }

        var watched = _clock.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        var result = await run.WaitForCompletionAsync();

        updates.Where(u => u.Kind == TrialUpdateKind.Notice).Select(u => u.Message).Should()
            .Contain("Azure ML reports job odd-status as 'Hibernating', a status this client does not know; it is counted as running for at most the sweep's timeout (1 h).");
        run.Status.Should().Be(SweepRunStatus.Running);
        result.Status.Should().Be(SweepRunStatus.Failed);
        result.Error.Should().Contain("for longer than the sweep's timeout (1 h); watching stopped");
        watched.Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(1)).And.BeLessThan(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1), "watching stops once the timeout has passed");
    }

    [Fact]
    public async Task A_storm_of_429_and_5xx_while_watching_is_ridden_out_and_the_best_model_is_still_registered()
    {
        var engine = CreateEngine();
        var definition = AzureTestDefinitions.Sweep() with
        {
            Name = "stormy",
            RegisterBestModel = new ModelRegistration("stormy-best", "model", AssetType.CustomModel),
        };
        var run = await engine.SubmitAsync(definition);

        // Each storm outlasts the pipeline's 4 retries (5 attempts per call), three calls in a row.
        Fake.Inject(Fault.Recorded("GET", "/jobs/stormy", FakeAzureML.Recordings.Throttled429Get, count: 5));
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/stormy", Kind = FaultKind.Status, Status = 503, Count = 5 });
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/stormy", Kind = FaultKind.ResetBeforeProcessing, Count = 5 });
        var updates = new List<TrialUpdate>();
        await foreach (var update in run.WatchAsync())
        {
            updates.Add(update);
        }

        var result = await run.WaitForCompletionAsync();

        var notices = updates.Where(u => u.Kind == TrialUpdateKind.Notice).Select(u => u.Message!).ToList();
        notices.Count(n => n.Contains("job stormy keeps running on the service", StringComparison.Ordinal)).Should().Be(3);
        notices.Should().Contain("Azure ML answers again; watching job stormy goes on.");
        result.Status.Should().Be(SweepRunStatus.Completed);
        Fake.Models.Keys.Should().Equal("stormy-best/1");
        _clock.Delays.Should().Contain(TimeSpan.FromSeconds(5)).And.Contain(TimeSpan.FromSeconds(10)).And.Contain(TimeSpan.FromSeconds(20), "the storm's waits double");
    }

    [Fact]
    public async Task A_storm_longer_than_the_bound_gives_up_and_says_the_job_keeps_running()
    {
        var engine = CreateEngine(bound: TimeSpan.FromMinutes(2));
        var run = await engine.SubmitAsync(AzureTestDefinitions.Sweep() with { Name = "endless" });
        Fake.Inject(new Fault { Method = "GET", PathContains = "/jobs/endless", Kind = FaultKind.Status, Status = 503, Count = 10_000 });

        var act = () => run.WaitForCompletionAsync();

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.ErrorCode.Should().Be("WatchAbandoned");
        error.Message.Should().Contain("longer than 2 min").And.Contain("Job endless keeps running on the service.");
        Fake.Jobs["endless"].Status.Should().NotBe("Canceled");
    }
}
