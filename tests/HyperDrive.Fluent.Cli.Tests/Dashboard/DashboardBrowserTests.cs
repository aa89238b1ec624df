using System.Net;
using HyperDrive.Fluent.Local;
using PuppeteerSharp;
using PuppeteerSharp.Input;

namespace HyperDrive.Fluent.Cli.Tests.Dashboard;

/// <summary>The dashboard driven in headless Chromium: what a person sees and does on the real page.</summary>
[Collection(DashboardGroup.Name)]
public sealed class DashboardBrowserTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Run_list_shows_the_run_with_its_status_and_trial_count()
    {
        await using var page = await fixture.OpenAsync("/");

        var rows = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('table.runs tbody tr')).map(r => r.textContent)");

        rows.Should().ContainSingle(r => r.StartsWith("demo", StringComparison.Ordinal)).Which.Should().Contain("completed").And.Contain($"{DashboardFixture.Trials} / {DashboardFixture.Trials}");
        (await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('table.runs a')).map(a => a.getAttribute('href'))")).Should().Contain("/runs/demo");

        // Every column of the row: run, kind, status, trials done / total, best value, started, duration.
        var result = LocalRunResults.Read(Path.Combine(fixture.Runs, "demo"));
        var cells = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelector(\"table.runs tr[data-run='demo']\").cells).map(c => c.textContent)");
        var started = result.Trials.Min(t => t.StartedAt)!.Value;
        cells.Should().HaveCount(7);
        cells[..5].Should().Equal("demo", "sweep", "completed", $"{DashboardFixture.Trials} / {DashboardFixture.Trials}",
            "loss " + result.BestTrial!.BestValue(result.Objective!)!.Value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture));
        cells[5].Should().StartWith(started.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        cells[6].Should().MatchRegex(@"^\d+(\.\d)? (ms|s)$|^\d+ min \d\d s$", "the run's duration");
    }

    [Fact]
    public async Task A_finished_runs_charts_have_one_point_or_line_per_trial()
    {
        var result = LocalRunResults.Read(Path.Combine(fixture.Runs, "demo"));
        var withValue = result.Trials.Count(t => t.BestValue(result.Objective!) is not null);
        await using var page = await fixture.OpenAsync("/runs/demo");

        (await Count(page, "svg.history circle.pt")).Should().Be(withValue);
        (await Count(page, "svg.slice")).Should().Be(4, "one scatter per hyperparameter");
        (await Count(page, ".slice[data-param='lr'] circle.pt")).Should().Be(withValue);
        (await page.EvaluateExpressionAsync<string>("document.querySelector(\".slice[data-param='lr'] .title\").textContent")).Should().Be("lr (log)");
        (await Count(page, "svg.importance g.bar")).Should().Be(4);
        (await Count(page, ".pc g.lines path")).Should().Be(result.Trials.Count);
        (await Count(page, ".curves g.series")).Should().Be(withValue);
        (await Count(page, ".curves .legend-list li")).Should().Be(withValue);
        (await Count(page, "table.trials tbody tr")).Should().Be(result.Trials.Count);
        (await Count(page, ".contour-pick option")).Should().Be(6, "4 hyperparameters make 6 pairs");
        (await Count(page, "div.contour:not([hidden])")).Should().Be(1);

        // Choices are jittered columns: the optimizer's points spread around their 3 category positions.
        var xs = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll(\".slice[data-param='optimizer'] circle.pt\")).map(c => c.getAttribute('cx'))");
        xs.Distinct().Should().HaveCountGreaterThan(3, "points of one category are not drawn on top of each other");
        // Each trial's row links to its logs (read-only text).
        var links = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('table.trials a')).map(a => a.getAttribute('href'))");
        links.Should().Contain(["/runs/demo/trials/0/stdout", "/runs/demo/trials/0/stderr"]);
    }

    [Fact]
    public async Task Hovering_a_mark_shows_its_details_and_the_decision_timeline_shows_the_decision_under_the_pointer()
    {
        var result = LocalRunResults.Read(Path.Combine(fixture.Runs, "demo"));
        await using var page = await fixture.OpenAsync("/runs/demo");

        await page.EvaluateExpressionAsync("document.querySelector('svg.history').scrollIntoView()");
        await page.HoverAsync("svg.history circle.pt[data-trial='0']");
        var tip = await page.EvaluateExpressionAsync<string>("document.getElementById('tip').textContent");
        var first = result.Trials.Single(t => t.Number == 0);
        tip.Should().Be($"demo_0 ({first.Status.ToString().ToLowerInvariant()}): loss {first.BestValue(result.Objective!)!.Value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}");
        (await page.EvaluateExpressionAsync<string>("getComputedStyle(document.getElementById('tip')).display")).Should().Be("block");

        // The timeline's marks are paths: the decision is found from the pointer's x. The first one, in time order:
        var decision = result.Decisions.OrderBy(d => d.Timestamp).First();
        // Panels off screen are drawn as they come into view, and panels drawn above it move it: scroll to it, let a frame
        // pass, and move the pointer to where the mark is then.
        var expected = $"{decision.TrialId} interval {decision.Interval} (bandit): value ";
        for (var attempt = 0; attempt < 10 && !(await page.EvaluateExpressionAsync<string>("document.getElementById('tip').textContent")).StartsWith(expected, StringComparison.Ordinal); attempt++)
        {
            var point = await page.EvaluateExpressionAsync<double[]>(
                "(async () => { const svg = document.querySelector('svg.timeline'); svg.scrollIntoView({ block: 'center' }); await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); const d = JSON.parse(svg.getAttribute('data-decisions')); const p = svg.createSVGPoint(); p.x = d.x0; p.y = 100; const q = p.matrixTransform(svg.getScreenCTM()); return [q.x, q.y]; })()");
            await page.Mouse.MoveAsync((decimal)point[0], (decimal)point[1]);
        }

        (await page.EvaluateExpressionAsync<string>("document.getElementById('tip').textContent")).Should()
            .StartWith($"{decision.TrialId} interval {decision.Interval} (bandit): value ").And.EndWith(decision.Terminate ? "-> terminate" : "-> continue");
    }

    [Fact]
    public async Task Picking_another_pair_draws_its_heat_map_with_a_point_per_trial()
    {
        var result = LocalRunResults.Read(Path.Combine(fixture.Runs, "demo"));
        var withValue = result.Trials.Count(t => t.BestValue(result.Objective!) is not null);
        await using var page = await fixture.OpenAsync("/runs/demo");
        (await Count(page, "div.contour:not([hidden]) circle.pt")).Should().Be(withValue, "the first pair is drawn at once");

        await page.SelectAsync(".contour-pick", "3");

        (await Count(page, "div.contour:not([hidden])")).Should().Be(1);
        (await page.EvaluateExpressionAsync<string>("document.querySelector('div.contour:not([hidden])').dataset.pair")).Should().Be("3");
        (await Count(page, "div.contour:not([hidden]) circle.pt")).Should().Be(withValue, "the picked pair's chart is put in place from its template");
        (await Count(page, "div.contour:not([hidden]) rect")).Should().BeGreaterThan(0, "its heat map too");
    }

    [Fact]
    public async Task A_running_sweeps_page_is_told_at_once_when_the_journal_moved_since_it_was_drawn_and_not_otherwise()
    {
        // A sweep that has a journal and no results yet is running, as far as the dashboard can tell.
        var folder = Path.Combine(fixture.Runs, "halfway");
        Directory.CreateDirectory(folder);
        var journal = Path.Combine(folder, "journal.jsonl");
        File.WriteAllLines(journal, File.ReadLines(Path.Combine(fixture.Runs, "demo", "journal.jsonl")).Take(12));
        using var http = new HttpClient { BaseAddress = fixture.Address, Timeout = TimeSpan.FromSeconds(30) };
        var html = await http.GetStringAsync("/runs/halfway");
        var events = System.Text.RegularExpressions.Regex.Match(html, "data-events=\"([^\"]+)\"").Groups[1].Value;
        events.Should().Be($"/runs/halfway/events?since={new FileInfo(journal).Length}", "the page's stream starts from what the page shows");

        File.AppendAllText(journal, "{\"event\":\"note\"}\n");
        (await FirstDataAsync(http, events)).Should().Be("{\"event\":\"changed\"}", "a line came after the page was drawn");
        (await FirstDataAsync(http, $"/runs/halfway/events?since={new FileInfo(journal).Length}", then: () => File.AppendAllText(journal, "{\"event\":\"later\"}\n")))
            .Should().Be("{\"event\":\"later\"}", "nothing is announced for what the page already shows; the next line is sent as it comes");
    }

    [Fact]
    public async Task Dragging_on_a_parallel_axis_filters_the_table()
    {
        await using var page = await fixture.OpenAsync("/runs/demo");
        var total = await Count(page, "table.trials tbody tr");

        // Drag over the upper half of the metric axis (the last one).
        await page.EvaluateExpressionAsync("document.querySelector('.pc svg').scrollIntoView()");
        var area = await page.QuerySelectorAsync(".pc rect.brush-area[data-axis='4']");
        var box = await area.BoundingBoxAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2), new MoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();

        var shown = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('table.trials tbody tr')).filter(r => getComputedStyle(r).display !== 'none').map(r => r.dataset.trial)");
        var kept = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('.pc g.lines path')).filter(p => !p.classList.contains('dim')).map(p => p.dataset.trial)");
        shown.Should().NotBeEmpty().And.HaveCountLessThan(total, "the worst half of the metric range was brushed").And.BeEquivalentTo(kept);
        (await page.EvaluateExpressionAsync<string>("document.querySelector('.table-count').textContent")).Should().Be($"{shown.Length} of {total} trials shown");

        await page.ClickAsync(".brush-clear");
        (await page.EvaluateExpressionAsync<int>("Array.from(document.querySelectorAll('table.trials tbody tr')).filter(r => getComputedStyle(r).display !== 'none').length")).Should().Be(total);
    }

    [Fact]
    public async Task The_legend_picks_the_curves_by_top_n_search_and_checkbox()
    {
        var result = LocalRunResults.Read(Path.Combine(fixture.Runs, "demo"));
        var charted = result.Trials.Where(t => t.BestValue(result.Objective!) is not null).ToList();
        charted.Should().HaveCountGreaterThan(10, "top 10 must leave some out");
        var best10 = charted
            .OrderBy(t => t.BestValue(result.Objective!)).ThenBy(t => t.Number).Take(10).Select(t => t.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await using var page = await fixture.OpenAsync("/runs/demo");
        await page.EvaluateExpressionAsync("document.querySelector('.curves').scrollIntoView()");

        await page.SelectAsync(".curves .legend-top", "10");
        (await DrawnCurves(page)).Should().BeEquivalentTo(best10, "top 10 draws the ten best trials (minimize)");
        (await page.EvaluateExpressionAsync<string>("document.querySelector('.curves .legend-count').textContent")).Should().Be($"10 of {charted.Count} trials");

        await page.SelectAsync(".curves .legend-top", "all");
        await page.TypeAsync(".curves .legend-search", "demo_3");
        (await DrawnCurves(page)).Should().Equal("3");

        await page.EvaluateExpressionAsync("document.querySelector('.curves .legend-search').value = ''; document.querySelector('.curves .legend-search').dispatchEvent(new Event('input'))");
        var first = await page.EvaluateExpressionAsync<string>("document.querySelector('.curves .legend-list li').dataset.trial");
        await page.ClickAsync(".curves .legend-list li input");
        var drawn = await DrawnCurves(page);
        drawn.Should().NotContain(first, "its box was unchecked").And.HaveCount(charted.Count - 1);
    }

    [Fact]
    public async Task A_pipelines_step_graph_shows_each_steps_status_and_a_sweep_step_opens_its_run()
    {
        await using var page = await fixture.OpenAsync("/runs/pipe");

        var steps = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('svg.steps-graph g.step')).map(g => g.dataset.step + ': ' + g.textContent)");
        steps.Should().HaveCount(2);
        steps[0].Should().StartWith("prep: ").And.Contain("completed");
        steps[1].Should().StartWith("tune: ").And.Contain("sweep").And.Contain("completed");
        (await Count(page, "svg.steps-graph line.edge")).Should().Be(1, "tune takes prep's output");

        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("svg.steps-graph g.step[data-step='tune']"));

        page.Url.Should().EndWith("/runs/pipe/steps/tune");
        (await Count(page, "table.trials tbody tr")).Should().Be(3, "the sweep step's page lists its 3 grid trials");
    }

    [Fact]
    public async Task The_trial_table_sorts_by_a_column_and_filters_by_text()
    {
        await using var page = await fixture.OpenAsync("/runs/demo");
        var total = await Count(page, "table.trials tbody tr");
        var column = await page.EvaluateExpressionAsync<int>("Array.from(document.querySelectorAll('table.trials thead th')).findIndex(th => th.textContent.trim() === 'status')");
        column.Should().BeGreaterThanOrEqualTo(0);

        await page.EvaluateExpressionAsync($"document.querySelectorAll('table.trials thead th')[{column}].click()");
        var statuses = await page.EvaluateExpressionAsync<string[]>($"Array.from(document.querySelectorAll('table.trials tbody tr')).map(r => r.cells[{column}].textContent.trim())");
        statuses.Should().BeInAscendingOrder(StringComparer.OrdinalIgnoreCase).And.HaveCount(total);

        await page.TypeAsync("input.table-filter", "terminated");
        var shown = await page.EvaluateExpressionAsync<string[]>($"Array.from(document.querySelectorAll('table.trials tbody tr')).filter(r => getComputedStyle(r).display !== 'none').map(r => r.cells[{column}].textContent.trim())");
        shown.Should().NotBeEmpty().And.OnlyContain(s => s == "terminated").And.HaveCount(statuses.Count(s => s == "terminated"));
    }

    [Fact]
    public async Task A_choice_value_that_is_markup_shows_as_text()
    {
        var dialogs = 0;
        await using var page = await fixture.Browser!.NewPageAsync();
        page.Dialog += (_, e) =>
        {
            dialogs++;
            _ = e.Dialog.Dismiss();
        };
        await page.GoToAsync(new Uri(fixture.Address, "/runs/demo").ToString(), WaitUntilNavigation.Load);

        (await page.EvaluateExpressionAsync<int>("document.scripts.length")).Should().Be(1, "the page's own script only");
        var cells = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('table.trials td')).map(td => td.textContent)");
        var optimizerValues = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('.contour-pick option, .pc text, table.trials td')).map(e => e.textContent)");
        optimizerValues.Concat(cells).Should().Contain(v => v.Contains("<script>alert(1)</script>", StringComparison.Ordinal) || v.Contains("1)</script>", StringComparison.Ordinal));
        cells.Should().Contain("<script>alert(1)</script>", "some trial drew that choice and its cell shows the text");
        dialogs.Should().Be(0);
    }

    [Theory]
    [InlineData("/runs/..%2F..%2Fetc")]
    [InlineData("/runs/%2Fetc%2Fpasswd")]
    [InlineData("/runs/%2e%2e/body")]
    [InlineData("/runs/demo/trials/0/..%2F..%2Fsweep.json")]
    [InlineData("/runs/demo/steps/..%2Fdemo")]
    [InlineData("/runs/nope")]
    public async Task Traversal_and_unknown_run_urls_give_404(string path)
    {
        using var client = new HttpClient { BaseAddress = fixture.Address };

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var page = await fixture.Browser!.NewPageAsync();
        (await page.GoToAsync(new Uri(fixture.Address, path).ToString())).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nothing_changes_a_run_and_logs_are_served_as_plain_text()
    {
        using var client = new HttpClient { BaseAddress = fixture.Address };

        using var post = await client.PostAsync("/runs/demo", new StringContent("x"));
        using var delete = await client.DeleteAsync("/runs/demo");
        using var log = await client.GetAsync("/runs/demo/trials/0/stdout");

        post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        delete.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        log.StatusCode.Should().Be(HttpStatusCode.OK);
        log.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await log.Content.ReadAsStringAsync()).Should().Contain("loss=");
        log.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
    }

    [Fact]
    public async Task A_live_sweeps_trial_count_rises_without_a_reload()
    {
        var job = Path.Combine(fixture.Root, "live-job");
        DashboardFixture.CopyJob(job, trials: 6, concurrent: 1);
        File.WriteAllText(Path.Combine(job, "src", "slow"), "each epoch takes 0.25 s");
        var run = CliRunner.RunAsync("run", Path.Combine(job, "sweep.yml"), "--out", Path.Combine(fixture.Runs, "live"));
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(Path.Combine(fixture.Runs, "live", "journal.jsonl")) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await using var page = await fixture.OpenAsync("/runs/live");
            await page.EvaluateExpressionAsync("window.__sameDocument = true");
            var first = await Rows(page);
            var seen = new List<int> { first };
            while (DateTime.UtcNow < deadline && seen[^1] < 6)
            {
                await Task.Delay(200);
                seen.Add(await Rows(page));
            }

            seen[^1].Should().BeGreaterThan(first, "trials appear while the sweep runs");
            seen.Should().BeInAscendingOrder();
            (await page.EvaluateExpressionAsync<bool>("window.__sameDocument === true")).Should().BeTrue("the page updated itself, it was not reloaded");
            (await page.EvaluateExpressionAsync<int>("window.hyperdriveLive.events")).Should().BeGreaterThan(0);
        }
        finally
        {
            (await run).ExitCode.Should().Be(0);
        }
    }

    /// <summary>The first <c>data:</c> line of an event stream (after <paramref name="then"/> ran, once the stream is open).</summary>
    private static async Task<string> FirstDataAsync(HttpClient http, string path, Action? then = null)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync()).Should().StartWith("retry:");
        then?.Invoke();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        return string.Empty;
    }

    private static Task<string[]> DrawnCurves(IPage page) =>
        page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('.curves g.series')).filter(g => getComputedStyle(g).display !== 'none').map(g => g.dataset.trial)");

    private static Task<int> Rows(IPage page) => Count(page, "table.trials tbody tr");

    private static Task<int> Count(IPage page, string selector) =>
        page.EvaluateExpressionAsync<int>($"document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(selector)}).length");
}
