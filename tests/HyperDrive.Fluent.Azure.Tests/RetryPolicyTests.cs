using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HyperDrive.Fluent.Azure.Tests.Fakes;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>Issue 10/15: throttling as Azure ML really does it (429 without Retry-After) and Retry-After values beyond reason.</summary>
public sealed class RetryPolicyTests : FakeServerTest
{
    private static readonly string Recorded429Body = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "recordings", "error_429__put_job_no_retry_after.json")))!["response"]!["body"]!.ToJsonString();

    private readonly InstantTimeProvider _clock = new();
    private readonly ConcurrentQueue<string> _notices = new();

    private HyperDriveClient Client(int maxRetries = 4, double delaySeconds = 1, double maxDelaySeconds = 30)
    {
        var options = Fake.CreateOptions(_clock);
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromSeconds(delaySeconds);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(maxDelaySeconds);
        options.RetryNotice = _notices.Enqueue;
        return new HyperDriveClient(FakeAzureML.WorkspacePath, Fake.Credential, options);
    }

    private void Throttle(string method, string path, int count, int? retryAfter = null) =>
        Fake.Inject(new Fault { Method = method, PathContains = path, Kind = FaultKind.Status, Status = 429, Count = count, RetryAfterSeconds = retryAfter, Body = retryAfter is null ? Recorded429Body : null });

    [Fact]
    public async Task A_recorded_429_without_Retry_After_backs_off_exponentially_with_jitter_then_the_PUT_succeeds()
    {
        var client = Client();
        Throttle("PUT", "/jobs/throttled", count: 3);

        var job = await client.CreateOrUpdateJobAsync("throttled", AzureTestDefinitions.CommandBody());

        job.Value.Name.Should().Be("throttled");
        Fake.Count("PUT", "/jobs/throttled").Should().Be(4);
        var delays = _clock.Delays.ToArray();
        delays.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            var backoff = TimeSpan.FromSeconds(Math.Pow(2, i));
            delays[i].Should().BeGreaterThanOrEqualTo(backoff / 2).And.BeLessThanOrEqualTo(backoff, "retry {0} waits between half and all of its exponential back-off", i + 1);
        }

        _notices.Should().HaveCount(3).And.AllSatisfy(n => n.Should().Contain("HTTP 429").And.Contain("gave no Retry-After"));
    }

    [Fact]
    public async Task Back_off_without_Retry_After_is_bounded_by_MaxDelay()
    {
        var client = Client(maxRetries: 8, delaySeconds: 1, maxDelaySeconds: 5);
        Throttle("PUT", "/jobs/storm", count: 8);

        await client.CreateOrUpdateJobAsync("storm", AzureTestDefinitions.CommandBody());

        _clock.Delays.Should().HaveCount(8).And.OnlyContain(d => d <= TimeSpan.FromSeconds(5));
        _clock.Delays.Skip(4).Should().OnlyContain(d => d >= TimeSpan.FromSeconds(2.5), "late retries sit at the bound, jittered in its upper half");
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_cap_is_replaced_by_the_client_back_off_and_said()
    {
        var client = Client();
        Throttle("PUT", "/jobs/silenced", count: 1, retryAfter: 100_000);

        await client.CreateOrUpdateJobAsync("silenced", AzureTestDefinitions.CommandBody());

        _clock.Delays.Should().ContainSingle().Which.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        _notices.Should().ContainSingle().Which.Should().Contain("asked to retry after 100000 s, more than the 60 s this client honours");
    }

    [Fact]
    public async Task A_Retry_After_within_the_cap_is_honoured_exactly()
    {
        var client = Client();
        Throttle("PUT", "/jobs/polite", count: 1, retryAfter: 30);

        await client.CreateOrUpdateJobAsync("polite", AzureTestDefinitions.CommandBody());

        _clock.Delays.Should().Equal(TimeSpan.FromSeconds(30));
        _notices.Should().BeEmpty();
    }
}
