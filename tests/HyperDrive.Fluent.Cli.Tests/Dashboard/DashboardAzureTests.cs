using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Cli.Dashboard;
using HyperDrive.Fluent.Serialization;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Cli.Tests.Dashboard;

/// <summary>
/// <c>hyperdrive dashboard --workspace</c>: the workspace's Azure ML sweeps, listed through <see cref="HyperDriveClient"/>
/// (<c>GET .../jobs?jobType=Sweep</c>, every page) from the loopback fake Azure ML, and each sweep's page following the
/// job to its end by polling with the Azure engine's back-off. The clock does not wait (the fake's job advances one step
/// per GET: running with first values, second values, completed).
/// </summary>
[Collection(DashboardGroup.Name)]
public sealed class DashboardAzureTests(DashboardFixture fixture) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(4);
    private readonly InstantTimeProvider _clock = new();
    private readonly string _root = Directory.CreateTempSubdirectory("hyperdrive-dashboard-azure-").FullName;
    private FakeAzureML _fake = null!;
    private DashboardServer _server = null!;
    private AzureSweepSource _source = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeAzureML.StartAsync();
        var client = _fake.CreateClient(_clock);
        foreach (var name in new[] { "sweep-a", "sweep-b", "sweep-c" })
        {
            await client.CreateOrUpdateJobAsync(name, SweepBody(name));
        }

        await client.CreateOrUpdateJobAsync("command-job", BinaryData.FromString(new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["jobType"] = "Command",
                ["experimentName"] = "exp",
                ["command"] = "python train.py",
                ["environmentId"] = "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:33",
                ["computeId"] = FakeAzureML.WorkspacePath + "/computes/cpu-cluster",
            },
        }.ToJsonString()));
        _source = new AzureSweepSource(client, new AzureMLSweepEngineOptions { TimeProvider = _clock, PollInterval = Poll, MaxPollInterval = MaxPoll });
        _server = await DashboardServer.StartAsync(_root, IPAddress.Loopback, 0, azure: _source);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _fake.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    public void Dispose() => _source?.Dispose();

    [Fact]
    public async Task The_run_list_adds_every_sweep_of_the_workspace_and_no_other_job()
    {
        using var http = new HttpClient { BaseAddress = _server.Address };

        var html = await http.GetStringAsync("/");

        Regex.Matches(html, "href=\"/azure/([^\"]+)\"").Select(m => m.Groups[1].Value).Should().BeEquivalentTo("sweep-a", "sweep-b", "sweep-c");
        html.Should().NotContain("command-job").And.Contain("Azure ML sweeps").And.Contain("<code>ws</code>");
        _fake.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/jobs", StringComparison.Ordinal)).Should().HaveCount(2, "4 jobs at 2 per page are 2 pages")
            .And.Contain(r => r.Query.Contains("jobType=Sweep", StringComparison.Ordinal));
        Regex.Match(html, "<tr data-run=\"sweep-a\">.*?</tr>").Value.Should().Contain("\u2014 / 3", "the budget is known before the trials are read");
    }

    [Fact]
    public async Task A_sweeps_page_follows_the_job_to_its_end_and_shows_the_services_best_trial()
    {
        using var http = new HttpClient { BaseAddress = _server.Address };

        var running = await http.GetStringAsync("/azure/sweep-a");
        var events = await ReadEventsAsync(http, "/azure/sweep-a/events", CancellationToken.None);
        var done = await http.GetStringAsync("/azure/sweep-a");
        var trials = 0;
        await foreach (var _ in _fake.CreateClient(_clock).GetSweepTrialsAsync("sweep-a"))
        {
            trials++; // what the client lists is what the page must show
        }

        trials.Should().BeGreaterThan(1);

        running.Should().MatchRegex("data-events=\"/azure/sweep-a/events\\?since=[0-9A-F]{24}\"", "a running sweep's page listens for changes since what it shows");
        Rows(running).Should().BeInRange(1, trials, "the trials started so far");
        Rows(done).Should().Be(trials);
        events.Should().Contain(e => e.StartsWith("data: {\"event\":\"azure\"", StringComparison.Ordinal), "the trials changed while it ran")
            .And.EndWith(["event: end", "data: {\"event\":\"results\"}"]);
        done.Should().NotContain("data-events=", "a finished sweep's page is static").And.Contain("Completed")
            .And.Contain("open in Azure ML Studio").And.Contain("https://ml.azure.com/runs/sweep-a");
        Count(Section(done, "svg class=\"chart history"), "circle class=\"pt\"").Should().Be(trials, "one point per trial");
        Regex.Match(done, "Best trial</div><div class=\"value\">([^<]+)<").Groups[1].Value.Should().Be("sweep-a_1", "the service's best_child_run_id (trial 1 peaks at 0.50)");
        (await http.GetStringAsync("/")).Should().MatchRegex($"<tr data-run=\"sweep-a\">.*?{trials} / 3", "the list counts the trials once the page was read");
    }

    [Fact]
    public async Task An_unchanged_sweep_is_polled_less_and_less_often()
    {
        _fake.Jobs["sweep-b"].Status = "CancelRequested"; // the fake holds it there: nothing changes
        using var http = new HttpClient { BaseAddress = _server.Address };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reading = ReadEventsAsync(http, "/azure/sweep-b/events", stop.Token);

        while (_clock.Delays.Count < 5 && !stop.IsCancellationRequested)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await reading;

        _clock.Delays.Take(5).Should().Equal(Poll, Poll * 2, MaxPoll, MaxPoll, MaxPoll);
    }

    [Theory]
    [InlineData("/azure/nope")]
    [InlineData("/azure/command-job")]
    [InlineData("/azure/..%2Fjobs")]
    [InlineData("/azure/sweep-a%2F..%2Fcommand-job")]
    [InlineData("/azure/sweep-a/export.xml")]
    public async Task Unlisted_names_give_404(string path)
    {
        using var http = new HttpClient { BaseAddress = _server.Address };

        using var response = await http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_export_is_the_trial_table_of_the_sweep()
    {
        using var http = new HttpClient { BaseAddress = _server.Address };

        var csv = await http.GetStringAsync("/azure/sweep-c/export.csv");

        var lines = csv.TrimEnd().Split('\n');
        lines[0].Should().Contain("lr").And.Contain("alpha");
        lines.Should().HaveCount(1 + await TrialCountAsync("sweep-c"), "a header and a line per trial the client lists");
        lines.Skip(1).Should().OnlyContain(l => l.StartsWith("sweep-c_", StringComparison.Ordinal) || l.Contains(",sweep-c_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_the_browser_the_page_of_a_running_sweep_updates_itself_to_completed()
    {
        await using var page = await fixture.Browser!.NewPageAsync();
        (await page.GoToAsync(new Uri(_server.Address, "/azure/sweep-c").ToString())).Status.Should().Be(HttpStatusCode.OK);
        await page.EvaluateExpressionAsync("window.__sameDocument = true");

        await page.WaitForFunctionAsync("() => document.querySelector('#live.off') !== null && /Completed/.test(document.querySelector('.cards').textContent)", new PuppeteerSharp.WaitForFunctionOptions { Timeout = 30_000 });

        (await page.EvaluateExpressionAsync<bool>("window.__sameDocument === true")).Should().BeTrue("the page updated itself, it was not reloaded");
        (await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.history circle.pt').length")).Should().Be(await TrialCountAsync("sweep-c"));
    }

    private static BinaryData SweepBody(string name) =>
        BinaryData.FromString(AzureMLJson.Write(
            Sweep.For("train.py")
                .Sample("--alpha", Uniform(0.05, 1.0))
                .Sample("--lr", LogUniform(-9, -1))
                .Maximize("r2")
                .Bandit(2, 0.1)
                .Runs(3, 2)
                .Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest")
                .Compute("cpu-cluster")
                .Experiment("exp")
                .DisplayName(name)
                .Code("azureml:ridge-code:1")
                .Build(),
            new AzureMLJsonOptions { WorkspaceId = FakeAzureML.WorkspacePath, Indented = false }));

    /// <summary>Reads an event stream's lines until it ends (or <paramref name="cancellationToken"/>).</summary>
    private static async Task<List<string>> ReadEventsAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return lines;
    }

    private async Task<int> TrialCountAsync(string sweep)
    {
        var count = 0;
        await foreach (var _ in _fake.CreateClient(_clock).GetSweepTrialsAsync(sweep))
        {
            count++;
        }

        return count;
    }

    /// <summary>The trial table's rows (the best trial's row also has <c>class="best"</c>).</summary>
    private static int Rows(string html) => Regex.Count(html, "<tr( class=\"best\")? data-trial=");

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    private static string Section(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, marker + " is on the page");
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
