using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Reporting;

namespace HyperDrive.Fluent.Tests.Reporting;

public sealed class SweepReportTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Objective MaximizeR2 = new(ObjectiveGoal.Maximize, "r2");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hd-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Report_is_well_formed_markup_that_lists_every_trial()
    {
        var result = SeedResult();

        var html = SweepReport.RenderHtml(result);

        var document = Parse(html);
        var rows = document.Descendants("table").First(t => (string?)t.Attribute("class") == "trials").Element("tbody")!.Elements("tr").ToList();
        rows.Should().HaveCount(4);
        rows.Select(r => r.Elements("td").ElementAt(1).Value.TrimEnd(' ', '\u2605')).Should().Equal("ridge_0", "ridge_1", "ridge_2", "ridge_3");
        rows.Single(r => (string?)r.Attribute("class") == "best").Value.Should().Contain("ridge_2");
        rows[1].Value.Should().Contain("terminated");
        document.Descendants("title").First().Value.Should().Be("Sweep ridge");
    }

    [Fact]
    public void Report_draws_one_line_per_trial_that_reported_the_metric_and_one_parallel_axis_per_parameter()
    {
        var html = SweepReport.RenderHtml(SeedResult());

        var all = Parse(html).Descendants().Where(e => e.Name.LocalName == "svg").ToList();
        all.Select(s => ((string?)s.Attribute("class"))!.Replace("chart ", string.Empty, StringComparison.Ordinal)).Should()
            .StartWith(["history", "importance", "slice", "slice", "contour"], "optimization history, importance, one slice per parameter, a heat map for the one pair");
        var svgs = all.Where(s => (string?)s.Attribute("class") is "chart pc" or "chart curves" || s.Parent?.Attribute("class")?.Value is "panel pc" or "panel curves").ToList();
        svgs = [.. svgs.Where(s => s.Parent?.Attribute("class")?.Value == "panel curves"), .. svgs.Where(s => s.Parent?.Attribute("class")?.Value == "panel pc")];
        svgs.Should().HaveCount(2);
        svgs[0].Descendants().Count(e => e.Name.LocalName == "polyline").Should().Be(4);
        svgs[0].Descendants().Count(e => e.Name.LocalName == "circle").Should().Be(4 + 2 + 4 + 4, "each report is a marker");
        svgs[0].Descendants().Count(e => e.Name.LocalName == "path" && (string?)e.Attribute("class") == "stop").Should().Be(1, "one trial was terminated");
        var lines = svgs[1].Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "lines").Single();
        lines.Elements().Should().HaveCount(4);
        svgs[1].Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Should().Contain(["alpha", "solver", "best r2"]);
    }

    [Fact]
    public void Report_lists_the_policy_decisions()
    {
        var html = SweepReport.RenderHtml(SeedResult());

        var rows = Parse(html).Descendants("table").First(t => (string?)t.Attribute("class") == "decisions").Element("tbody")!.Elements("tr").ToList();
        rows.Should().HaveCount(2);
        rows[0].Elements("td").Select(td => td.Value).Should().Equal("ridge_0", "bandit", "2", "0.42", "0.42", "0.3818", "continue");
        rows[1].Elements("td").Select(td => td.Value).Should().Equal("ridge_1", "bandit", "2", "0.3", "0.42", "0.3818", "terminate");
    }

    [Fact]
    public void The_decision_timeline_draws_every_decision_in_three_paths_and_carries_each_ones_details_for_hover()
    {
        var html = SweepReport.RenderHtml(SeedResult());

        var svg = Parse(html).Descendants().Single(e => e.Name.LocalName == "svg" && (string?)e.Attribute("class") == "chart timeline");
        var marks = svg.Descendants().Single(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "decisions").Elements().ToList();
        marks.Select(p => (string?)p.Attribute("class")).Should().Equal(["thresholds", "continue", "stop"], "one path per kind of mark, not an element per decision");
        Regex.Count((string)marks[0].Attribute("d")!, "h10").Should().Be(2, "a threshold tick per decision");
        Regex.Count((string)marks[1].Attribute("d")!, "h0").Should().Be(1, "a dot per decision that let the trial go on");
        Regex.Count((string)marks[2].Attribute("d")!, "M").Should().Be(1, "a cross per decision that stopped a trial");
        var details = JsonNode.Parse((string)svg.Attribute("data-decisions")!)!;
        details["trial"]!.AsArray().Select(n => (string?)n).Should().Equal("ridge_0", "ridge_1");
        details["policies"]!.AsArray().Select(n => (string?)n).Should().Equal("bandit");
        details["interval"]!.AsArray().Select(n => (int)n!).Should().Equal(2, 2);
        details["value"]!.AsArray().Select(n => (string?)n).Should().Equal("0.42", "0.3");
        details["best"]!.AsArray().Select(n => (string?)n).Should().Equal("0.42", "0.42");
        details["threshold"]!.AsArray().Select(n => (string?)n).Should().Equal("0.3818", "0.3818");
        details["stop"]!.AsArray().Select(n => (int)n!).Should().Equal(0, 1);
    }

    [Fact]
    public void Markup_in_parameter_values_trial_ids_and_errors_is_escaped()
    {
        const string evil = "<script>alert(\"x\")</script> & 'quotes'";
        var result = SeedResult() with
        {
            RunId = "run<b>",
            Trials =
            [
                Trial(0, TrialStatus.Failed, [0.1], new Dictionary<string, object> { ["alpha"] = 0.5, ["solver"] = evil }) with
                {
                    Id = "t<i>0",
                    Error = "Traceback: <module> & </td>",
                },
            ],
            BestTrial = null,
            Decisions = [],
            Warnings = ["metric <r2> & more"],
        };

        var html = SweepReport.RenderHtml(result);

        Regex.Matches(html, "<script").Should().HaveCount(1, "the page's own inline script is the only one");
        html.Should().NotContain("<b>").And.NotContain("<i>").And.NotContain("<module>").And.NotContain("<r2>");
        html.Should().Contain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;");
        html.Should().Contain("Traceback: &lt;module&gt; &amp; &lt;/td&gt;");
        var document = Parse(html);
        document.Descendants("td").Select(td => td.Value).Should().Contain([evil, "t<i>0", "Traceback: <module> & </td>"]);
        document.Descendants("ul").Single(u => (string?)u.Attribute("class") == "warnings").Element("li")!.Value.Should().Be("metric <r2> & more");
    }

    [Fact]
    public void Report_is_self_contained()
    {
        var html = SweepReport.RenderHtml(SeedResult());

        Regex.Matches(html, "<script").Should().HaveCount(1).And.AllSatisfy(m => html.Substring(m.Index, 8).Should().Be("<script>"), "inline, never <script src=...>");
        html.Should().NotContain("<link").And.NotContain("@import").And.NotContain("src=").And.NotContain("fetch(\"http");
        Regex.Matches(html, @"https?://[^""\s]+").Select(m => m.Value).Distinct().Should().Equal("http://www.w3.org/2000/svg");
        Regex.Matches(html, @"url\((?!#)").Should().BeEmpty("gradients are referenced in the page only");
    }

    [Fact]
    public void Nested_choice_parameters_are_flattened_into_columns()
    {
        var nested = new Dictionary<string, object> { ["model"] = new Dictionary<string, object> { ["kind"] = "sgd", ["lr"] = 0.01 }, ["epochs"] = 3L };
        var result = SeedResult() with { Trials = [Trial(0, TrialStatus.Completed, [0.5], nested)], BestTrial = null, Decisions = [] };

        var document = Parse(SweepReport.RenderHtml(result));

        document.Descendants("th").Select(th => th.Value).Should().ContainInOrder("model.kind", "model.lr", "epochs");
        document.Descendants("tbody").First().Element("tr")!.Elements("td").Select(td => td.Value).Should().ContainInOrder("sgd", "0.01", "3");
    }

    [Fact]
    public void A_sweep_where_no_trial_reported_the_metric_says_so()
    {
        var result = SeedResult() with
        {
            Trials = [Trial(0, TrialStatus.Completed, [], new Dictionary<string, object> { ["alpha"] = 0.5 })],
            BestTrial = null,
            Decisions = [],
        };

        var html = SweepReport.RenderHtml(result);

        html.Should().Contain("No trial reported <code>r2</code>.");
        Parse(html).Should().NotBeNull();
    }

    [Fact]
    public void Large_sweeps_chart_their_best_trials_and_cap_the_tables()
    {
        var trials = Enumerable.Range(0, 300)
            .Select(i => Trial(i, TrialStatus.Completed, [i / 1000.0], new Dictionary<string, object> { ["alpha"] = i / 300.0 }))
            .ToList();
        var result = SeedResult() with { Trials = trials, BestTrial = trials[299], Decisions = [] };

        var html = SweepReport.RenderHtml(result, new SweepReportOptions { MaxChartedTrials = 20, MaxTableRows = 50 });

        var document = Parse(html);
        document.Descendants().Count(e => e.Name.LocalName == "polyline").Should().Be(20);
        document.Descendants("h2").Select(h => h.Value).Should().Contain("r2 by report step (20 best of 300 trials)");
        document.Descendants("table").First().Element("tbody")!.Elements("tr").Should().HaveCount(50);
        html.Should().Contain("250 more trials are in sweep.json.");
    }

    [Fact]
    public void Pipeline_results_get_a_section_per_step()
    {
        var pipeline = new SweepResult
        {
            RunId = "diabetes-pipeline",
            Status = SweepRunStatus.Completed,
            Steps = new Dictionary<string, SweepResult>
            {
                ["prep"] = new() { RunId = "prep", Status = SweepRunStatus.Completed, Trials = [Trial(0, TrialStatus.Completed, [], new Dictionary<string, object>()) with { Id = "prep_0" }] },
                ["tune"] = SeedResult(),
            },
        };

        var document = Parse(SweepReport.RenderHtml(pipeline));

        document.Descendants("title").First().Value.Should().Be("Pipeline diabetes-pipeline");
        document.Descendants("h2").Select(h => h.Value).Should().ContainInOrder("Steps", "Step prep", "Step tune");
        var steps = document.Descendants("table").Single(t => (string?)t.Attribute("class") == "steps").Element("tbody")!.Elements("tr").ToList();
        steps.Select(r => r.Elements("td").Select(td => td.Value).ToList()).Should().BeEquivalentTo(
            new[] { new[] { "prep", "completed", "1", "\u2014", "\u2014", "1.5 s" }, new[] { "tune", "completed", "4", "ridge_2", "r2 0.46", "4.5 s" } },
            o => o.WithStrictOrdering());
        document.Descendants("table").Where(t => (string?)t.Attribute("class") == "decisions").Should().HaveCount(1, "only the sweep step has a policy");
        document.Descendants("td").Select(td => td.Value.TrimEnd(' ', '\u2605')).Should().Contain(["prep_0", "ridge_3"]);
        document.Descendants().Where(e => e.Name.LocalName == "linearGradient").Select(e => (string?)e.Attribute("id"))
            .Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Minimized_metrics_colour_the_lowest_value_as_best()
    {
        var objective = new Objective(ObjectiveGoal.Minimize, "loss");
        var low = Trial(0, TrialStatus.Completed, [], new Dictionary<string, object> { ["alpha"] = 0.1 }) with { Metrics = Metric("loss", 0.1) };
        var high = Trial(1, TrialStatus.Completed, [], new Dictionary<string, object> { ["alpha"] = 0.9 }) with { Metrics = Metric("loss", 0.9) };
        var result = new SweepResult { RunId = "m", Status = SweepRunStatus.Completed, Objective = objective, Trials = [low, high], BestTrial = low };

        var document = Parse(SweepReport.RenderHtml(result));

        var lines = document.Descendants().Single(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "lines").Elements().ToList();
        ((string?)lines.Last().Attribute("data-tip")).Should().StartWith("ridge_0", "the best trial is drawn last (its details show on hover)");
        ((string?)lines.Last().Attribute("stroke")).Should().Be("#440154", "the best end of the scale");
        ((string?)lines.First().Attribute("stroke")).Should().Be("#fde725", "the worst end of the scale");
    }

    [Fact]
    public void WriteHtml_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "run", "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old");

        SweepReport.WriteHtml(SeedResult(), path);

        File.ReadAllText(path).Should().StartWith("<!DOCTYPE html>").And.Contain("ridge_3");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Fact]
    public async Task WriteHtmlAsync_creates_the_folder_and_writes_the_report()
    {
        var path = Path.Combine(_folder, "a", "b", "report.html");

        await SweepReport.WriteHtmlAsync(SeedResult(), path, new SweepReportOptions { Title = "Ridge <sweep>" });

        File.ReadAllText(path).Should().Contain("<title>Ridge &lt;sweep&gt;</title>");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Fact]
    public async Task WriteHtmlAsync_canceled_leaves_nothing_behind()
    {
        var path = Path.Combine(_folder, "report.html");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = () => SweepReport.WriteHtmlAsync(SeedResult(), path, cancellationToken: cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFiles(_folder).Should().BeEmpty();
    }

    [Fact]
    public void Arguments_are_checked()
    {
        FluentActions.Invoking(() => SweepReport.RenderHtml(null!)).Should().Throw<ArgumentNullException>().WithParameterName("result");
        FluentActions.Invoking(() => SweepReport.WriteHtml(SeedResult(), " ")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => SweepReport.RenderHtml(SeedResult(), new SweepReportOptions { MaxTableRows = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxTableRows");
        FluentActions.Invoking(() => SweepReport.RenderHtml(SeedResult(), new SweepReportOptions { MaxChartedTrials = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxChartedTrials");
    }

    internal static SweepResult SeedResult()
    {
        TrialResult[] trials =
        [
            Trial(0, TrialStatus.Completed, [0.40, 0.42, 0.41, 0.42], new Dictionary<string, object> { ["alpha"] = 0.1, ["solver"] = "auto" }),
            Trial(1, TrialStatus.Terminated, [0.25, 0.30], new Dictionary<string, object> { ["alpha"] = 0.9, ["solver"] = "svd" }),
            Trial(2, TrialStatus.Completed, [0.41, 0.44, 0.45, 0.46], new Dictionary<string, object> { ["alpha"] = 0.05, ["solver"] = "auto" }),
            Trial(3, TrialStatus.Completed, [0.39, 0.40, 0.40, 0.41], new Dictionary<string, object> { ["alpha"] = 0.3, ["solver"] = "cholesky" }),
        ];
        return new SweepResult
        {
            RunId = "ridge",
            Status = SweepRunStatus.Completed,
            Objective = MaximizeR2,
            Trials = trials,
            BestTrial = trials[2],
            Decisions =
            [
                new PolicyDecision("ridge_0", "bandit", 2, 0.42, 0.42, 0.42 / 1.1, Terminate: false),
                new PolicyDecision("ridge_1", "bandit", 2, 0.30, 0.42, 0.42 / 1.1, Terminate: true),
            ],
            OutputDirectory = "/tmp/hd/ridge",
        };
    }

    private static TrialResult Trial(int number, TrialStatus status, double[] r2, IReadOnlyDictionary<string, object> parameters) => new()
    {
        Id = $"ridge_{number}",
        Number = number,
        Status = status,
        Parameters = parameters,
        Metrics = r2.Length == 0 ? new Dictionary<string, IReadOnlyList<MetricValue>>() : Metric("r2", r2),
        StartedAt = T0.AddSeconds(number),
        EndedAt = T0.AddSeconds(number + 1.5),
    };

    private static Dictionary<string, IReadOnlyList<MetricValue>> Metric(string name, params double[] values) => new()
    {
        [name] = values.Select((v, step) => new MetricValue(name, v, step, T0.AddSeconds(step))).ToList(),
    };

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var document = XDocument.Load(reader);
        // SVG elements are in the SVG namespace; everything else has none.
        return document;
    }
}
