using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>
/// Renders a <see cref="SweepResult"/> as one self-contained HTML file (inline CSS, SVG and one inline script of its
/// own; no fonts or other downloads): a summary, the optimization history, hyperparameter importance, each
/// hyperparameter against the metric, a heat map for a chosen pair, parallel coordinates (drag on an axis to filter
/// the table), every trial's metric by report step (a legend with search and top-N), the trials table (sortable,
/// filterable), and the early termination policy's decisions. Pipeline results get the step graph and one such
/// section per step. <c>hyperdrive dashboard</c> draws its pages with this same renderer.
/// </summary>
/// <example>
/// <code>
/// SweepResult result = await run.WaitForCompletionAsync();
/// SweepReport.WriteHtml(result, Path.Combine(result.OutputDirectory!, "report.html"));
/// </code>
/// </example>
public static class SweepReport
{
    private const string Styles = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
            margin: 0; background: #f6f7f9; color: #1f2328; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 32px 0 10px; }
        h3 { font-size: 15px; margin: 22px 0 8px; color: #444c56; }
        .sub { color: #57606a; margin: 0 0 18px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 10px 14px; min-width: 150px; }
        .card .label { font-size: 12px; color: #57606a; text-transform: uppercase; letter-spacing: .04em; }
        .card .value { font-size: 18px; font-weight: 600; margin-top: 2px; }
        .panel { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 12px; overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #eaeef2; white-space: nowrap; }
        th { background: #f6f8fa; font-weight: 600; position: sticky; top: 0; }
        td.num, th.num { text-align: right; }
        td.error { white-space: normal; max-width: 360px; color: #6e2b2b; font-size: 12px; }
        tr.best td { background: #fff8c5; font-weight: 600; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; }
        .stop { color: #c62828; font-weight: 600; }
        .keep { color: #2e7d32; }
        .warnings { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 8px; padding: 8px 14px 8px 32px; }
        .empty, .more { color: #57606a; font-style: italic; }
        svg.chart { width: 100%; height: auto; display: block; font-size: 11px; }
        svg.chart text { fill: #444c56; }
        svg.chart .title { font-size: 12px; fill: #1f2328; }
        svg.chart .note { font-size: 10px; fill: #6e7781; }
        svg.chart .grid { stroke: #eaeef2; }
        svg.chart .frame, svg.chart .tick { stroke: #8c959f; }
        svg.chart .category { fill: #8c959f; }
        svg.chart .halo { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        footer { margin-top: 36px; font-size: 12px; color: #6e7781; }
        nav { margin: 0 0 12px; font-size: 14px; } nav a { margin-right: 14px; color: #0969da; }
        .live { color: #fff; background: #2e7d32; border-radius: 10px; padding: 1px 8px; font-size: 12px; }
        .live.off { background: #8c959f; }
        .slices { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 8px; }
        .contour svg.chart { max-width: 560px; } svg.steps-graph { max-width: 720px; }
        .hint, .tools { font-size: 12px; color: #57606a; margin: 0 0 6px; }
        input[type=search] { font: inherit; padding: 3px 8px; border: 1px solid #d0d7de; border-radius: 6px; }
        th { cursor: pointer; } th.sorted-asc::after { content: " \u25b2"; }
        th.sorted-desc::after { content: " \u25bc"; }
        tr.out { display: none; } .pc path.dim { stroke-opacity: 0.06; }
        rect.brush { fill: #0969da; fill-opacity: 0.15; stroke: #0969da; }
        rect.brush-area { cursor: crosshair; }
        .legend-box { margin-top: 8px; }
        .legend-list { list-style: none; margin: 6px 0 0; padding: 0; max-height: 180px; overflow-y: auto;
            columns: 3 220px; font-size: 12px; }
        .legend-list li.hidden { display: none; }
        .swatch { display: inline-block; width: 16px; border-top: 3px solid; margin: 0 6px 3px 4px;
            vertical-align: middle; }
        .swatch.dashed { border-top-style: dashed; }
        /* A page of a thousand trials: panels off screen are neither laid out nor painted until scrolled to. */
        .panel { content-visibility: auto; contain-intrinsic-size: auto 360px; }
        #tip { position: fixed; z-index: 10; display: none; pointer-events: none; max-width: 440px; padding: 4px 8px;
            border-radius: 4px; background: #1f2328; color: #fff; font-size: 12px; white-space: pre-line; }
        """;

    /// <summary>Renders <paramref name="result"/> as a self-contained HTML page.</summary>
    /// <param name="result">The sweep (or pipeline) result.</param>
    /// <param name="options">Report options; <see langword="null"/> for the defaults.</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static string RenderHtml(SweepResult result, SweepReportOptions? options = null) =>
        Render(result, options, ReportContext.Default);

    /// <summary>Renders the page with what the renderer knows beyond the result (log axes, the step graph, and the
    /// dashboard's links and event stream).</summary>
    internal static string Render(SweepResult result, SweepReportOptions? options, ReportContext context) =>
        RenderPage(result, options, context).ToString();

    /// <summary>Renders the page into a builder (the dashboard writes its chunks to the response, never making the page
    /// one string: for a thousand trials that is megabytes on the large-object heap per request).</summary>
    internal static StringBuilder RenderPage(SweepResult result, SweepReportOptions? options, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new SweepReportOptions();
        options.Validate();

        var title = options.Title ?? (result.Steps.Count > 0 ? "Pipeline " : "Sweep ") + result.RunId;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<meta name=\"generator\" content=\"HyperDrive.Fluent\"/>\n")
            .Append("<title>").Append(Escape(title)).Append("</title>\n<style>\n").Append(Styles).Append(
                "\n</style>\n</head>\n<body");
        if (context.Live is { } live)
        {
            html.Append(" data-events=\"").Append(Escape(live.Events)).Append("\" data-body=\"").Append(
                Escape(live.Body)).Append('"');
        }

        html.Append(">\n<main>\n");
        if (context.Links.Count > 0)
        {
            html.Append("<nav>");
            foreach (var (label, url) in context.Links)
            {
                html.Append("<a href=\"").Append(Escape(url)).Append("\">").Append(Escape(label)).Append("</a> ");
            }

            html.Append(context.Live is null ? string.Empty : "<span id=\"live\" class=\"live\">live</span>").Append(
                "</nav>\n");
        }

        html.Append("<h1>").Append(Escape(title)).Append("</h1>\n<div id=\"run\">\n");
        WriteBody(html, result, options, context);
        html.Append(
            "</div>\n<footer>Written by HyperDrive.Fluent. Every value shown is in <code>sweep.json</code> next to " +
            "this file.</footer>\n")
            .Append("</main>\n<script>//<![CDATA[\n").Append(ReportScript.Text).Append(
                "\n//]]></script>\n</body>\n</html>\n");
        return html;
    }

    /// <summary>Renders what is inside the page's <c>#run</c> element (the dashboard re-reads it on a live
    /// event).</summary>
    internal static string RenderBody(SweepResult result, SweepReportOptions? options, ReportContext context) =>
        RenderBodyPart(result, options, context).ToString();

    /// <summary>Renders the <c>#run</c> element's content into a builder (see <see cref="RenderPage"/>).</summary>
    internal static StringBuilder RenderBodyPart(SweepResult result, SweepReportOptions? options, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new SweepReportOptions();
        options.Validate();
        var html = new StringBuilder(64 * 1024);
        WriteBody(html, result, options, context);
        return html;
    }

    private static void WriteBody(StringBuilder html, SweepResult result, SweepReportOptions options,
        ReportContext context)
    {
        var section = 0;
        WriteResult(html, result, options, context, level: 2, ref section);
        WriteStepTable(html, result, context);
        foreach (var (name, step) in result.Steps)
        {
            html.Append("<h2>Step ").Append(Escape(name)).Append("</h2>\n<section class=\"step\">\n");
            WriteResult(html, step, options, context, level: 3, ref section);
            html.Append("</section>\n");
        }
    }

    /// <summary>Writes the report atomically (see <see cref="WriteHtml(SweepResult, string, SweepReportOptions?)"/>)
    /// with the renderer's context.</summary>
    internal static void WriteHtml(SweepResult result, string path, SweepReportOptions? options, ReportContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = Render(result, options, context);
        IO.AtomicFile.WriteAllText(path, text);
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically (a temporary file in the same folder, then a
    /// rename), creating the folder if needed; an existing file is replaced.</summary>
    /// <param name="result">The sweep (or pipeline) result.</param>
    /// <param name="path">The HTML file to write, e.g. <c>report.html</c> in the run folder.</param>
    /// <param name="options">Report options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written; nothing half-written is left.</exception>
    public static void WriteHtml(SweepResult result, string path, SweepReportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = Render(result, options, ReportContext.Default);
        IO.AtomicFile.WriteAllText(path, text);
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically (see
    /// <see cref="WriteHtml(SweepResult, string, SweepReportOptions?)"/>).</summary>
    /// <param name="result">The sweep (or pipeline) result.</param>
    /// <param name="path">The HTML file to write.</param>
    /// <param name="options">Report options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the write; nothing half-written is left.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static async Task WriteHtmlAsync(SweepResult result, string path, SweepReportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = Render(result, options, ReportContext.Default);
        await IO.AtomicFile.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteResult(StringBuilder html, SweepResult result, SweepReportOptions options,
        ReportContext context, int level, ref int section)
    {
        var id = "s" + section++;
        var objective = result.Objective;
        var best = result.BestTrial is { } chosen ? result.Trials.FirstOrDefault(t => t.Id == chosen.Id)
            ?? chosen : null;
        WriteSummary(html, result, objective, best);

        if (result.Warnings.Count > 0)
        {
            html.Append("<ul class=\"warnings\">");
            foreach (var warning in result.Warnings)
            {
                html.Append("<li>").Append(Escape(warning)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        if (result.Trials.Count == 0)
        {
            if (result.Steps.Count == 0)
            {
                html.Append("<p class=\"empty\">No trial ran.</p>\n");
            }

            return;
        }

        var heading = "h" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        void Heading(string text) => html.Append('<').Append(heading).Append('>').Append(Escape(text)).Append(
            "</").Append(heading).Append(">\n");
        var hasObjective = objective is not null && !string.IsNullOrEmpty(objective.PrimaryMetric);
        var parameters = ReportParameters.From(result.Trials);
        if (hasObjective)
        {
            Heading("Optimization history");
            html.Append("<div class=\"panel\">\n");
            OptimizationHistoryChart.Write(html, result.Trials, objective!, best);
            html.Append("</div>\n");
            if (parameters.Names.Count > 0)
            {
                Heading("Hyperparameter importance");
                html.Append("<div class=\"panel\">\n");
                ImportanceChart.Write(
                    html, ParameterImportance.Compute(result.Trials, parameters, objective!, context.LogParameters));
                html.Append("</div>\n");
                Heading("Each hyperparameter against " + objective!.PrimaryMetric);
                html.Append("<div class=\"panel\">\n");
                ParameterSliceChart.Write(html, result.Trials, parameters, objective, context);
                html.Append("</div>\n");
                if (parameters.Names.Count >= 2)
                {
                    Heading(objective.PrimaryMetric + " over a pair of hyperparameters");
                    html.Append("<div class=\"panel\">\n");
                    ContourChart.Write(html, result.Trials, parameters, objective, context, id + "-contour");
                    html.Append("</div>\n");
                }
            }
        }

        if (hasObjective)
        {
            var charted = ChartedTrials(result.Trials, objective!, best, options.MaxChartedTrials);
            var note = charted.Count < result.Trials.Count
                ? $" ({charted.Count} best of {result.Trials.Count} trials)"
                : string.Empty;
            Heading("Hyperparameters and " + objective!.PrimaryMetric + note);
            html.Append("<div class=\"panel pc\" data-section=\"").Append(id).Append(
                "\">\n<p class=\"hint\">Drag along an axis to keep only the trials in that range; the table follows. " +
                "<span class=\"brush-status\"></span> <button " +
                "type=\"button\" class=\"brush-clear\">clear</button></p>\n");
            ParallelCoordinatesChart.Write(html, charted, objective, best, id);
            html.Append("</div>\n");

            Heading(objective.PrimaryMetric + " by report step" + note);
            html.Append("<div class=\"panel curves\">\n");
            MetricLineChart.Write(html, charted.Select(t => (t, t.Number)).ToList(), objective, best);
            html.Append("</div>\n");
        }

        Heading("Trials");
        WriteTrialTable(html, result, parameters, objective, best, options.MaxTableRows, context, id);

        if (hasObjective)
        {
            Heading("Early termination decisions");
            if (result.Decisions.Count > 0)
            {
                html.Append("<div class=\"panel\">\n");
                DecisionTimelineChart.Write(html, result.Decisions, objective!);
                html.Append("</div>\n");
            }

            WriteDecisions(html, result, options.MaxTableRows);
        }
    }

    private static void WriteStepTable(StringBuilder html, SweepResult result, ReportContext context)
    {
        if (result.Steps.Count == 0 && context.StepGraph.Count == 0)
        {
            return;
        }

        html.Append("<h2>Step graph</h2>\n<div class=\"panel\">\n");
        StepGraphChart.Write(html, result, context);
        html.Append("</div>\n");

        html.Append(
            "<h2>Steps</h2>\n<div class=\"panel\"><table " +
            "class=\"steps\">\n<thead><tr><th>step</th><th>status</th><th class=\"num\">trials</th>")
            .Append("<th>best trial</th><th class=\"num\">best value</th><th class=\"num\">wall " +
                "time</th></tr></thead>\n<tbody>\n");
        foreach (var (name, step) in result.Steps)
        {
            var objective = step.Objective is { PrimaryMetric.Length: > 0 } o ? o : null;
            var best = objective is null ? null : step.BestTrial;
            var started = step.Trials.Select(t => t.StartedAt).Where(t => t is not null).Min();
            var ended = step.Trials.Select(t => t.EndedAt).Where(t => t is not null).Max();
            html.Append("<tr><td>").Append(context.StepLink?.Invoke(name) is { } stepLink
                ? "<a href=\"" + Escape(stepLink) + "\">" + Escape(name) + "</a>" : Escape(name))
                .Append("</td><td>").Append(Escape(step.Status.ToString().ToLowerInvariant()))
                .Append("</td><td class=\"num\">").Append(step.Trials.Count).Append("</td><td>").Append(
                    Escape(best?.Id ?? "\u2014"))
                .Append("</td><td class=\"num\">")
                .Append(best is not null && best.BestValue(objective!) is { } value
                    ? Escape(objective!.PrimaryMetric + " " + Number(value)) : "\u2014")
                .Append("</td><td class=\"num\">").Append(
                    Duration(step.WallTime ?? (started is { } s && ended is { } e ? e - s : null))).Append(
                    "</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void WriteSummary(StringBuilder html, SweepResult result, Objective? objective, TrialResult? best)
    {
        var started = result.Trials.Select(t => t.StartedAt).Where(t => t is not null).Min();
        var ended = result.Trials.Select(t => t.EndedAt).Where(t => t is not null).Max();
        html.Append("<p class=\"sub\">Run <code>").Append(Escape(result.RunId)).Append("</code>");
        if (result.OutputDirectory is { } folder)
        {
            html.Append(" \u00b7 results in <code>").Append(Escape(folder)).Append("</code>");
        }

        html.Append("</p>\n<div class=\"cards\">\n");
        Card(html, "Status", result.Status.ToString());
        if (objective is not null && !string.IsNullOrEmpty(objective.PrimaryMetric))
        {
            Card(html, "Objective", (objective.Goal == ObjectiveGoal.Maximize ? "maximize " : "minimize ")
                + objective.PrimaryMetric);
            Card(html, "Best " + objective.PrimaryMetric, best?.BestValue(objective) is { } value ? Number(value)
                : "\u2014");
            Card(html, "Best trial", best?.Id ?? "none");
        }

        if (result.Trials.Count > 0)
        {
            var counts =
                string.Join(", ", result.Trials.GroupBy(t => t.Status).OrderBy(g => g.Key).Select(g =>
                $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            Card(html, "Trials", $"{result.Trials.Count} ({counts})");
            Card(html, "Wall time", Duration(result.WallTime ?? (started is { } s && ended is { } e ? e - s : null)));
        }

        if (result.Decisions.Count > 0)
        {
            Card(html, "Policy",
                $"{result.Decisions.Count} evaluations, {result.Decisions.Count(d => d.Terminate)} stopped");
        }

        html.Append("</div>\n");
        if (result.Error is { } error)
        {
            html.Append("<p class=\"stop\">").Append(Escape(error)).Append("</p>\n");
        }
    }

    private static void Card(StringBuilder html, string label, string value) =>
        html.Append("<div class=\"card\"><div class=\"label\">").Append(Escape(label)).Append(
            "</div><div class=\"value\">")
            .Append(Escape(value)).Append("</div></div>\n");

    private static void WriteTrialTable(StringBuilder html, SweepResult result, ReportParameters parameters,
        Objective? objective, TrialResult? best, int maxRows, ReportContext context, string id)
    {
        var trials = result.Trials;
        var hasObjective = objective is not null && !string.IsNullOrEmpty(objective.PrimaryMetric);
        var decisions = result.Decisions.GroupBy(d => d.TrialId, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
            g.ToList(), StringComparer.Ordinal);
        html.Append("<div class=\"panel\" data-section=\"").Append(id).Append(
            "\"><p class=\"tools\"><span class=\"search-slot\" data-class=\"table-filter\" data-label=\"filter " +
            "trials\"></span> ")
            .Append("<span class=\"table-count\"></span> <span class=\"hint\">click a column to " +
                "sort</span></p>\n<table class=\"trials\">\n<thead><tr><th " +
                "class=\"num\">#</th><th>trial</th><th>status</th>");
        foreach (var name in parameters.Names)
        {
            html.Append("<th>").Append(Escape(name)).Append("</th>");
        }

        if (hasObjective)
        {
            html.Append("<th class=\"num\">best ").Append(Escape(objective!.PrimaryMetric)).Append(
                "</th><th class=\"num\">last ").Append(Escape(objective.PrimaryMetric))
                .Append("</th><th class=\"num\">reports</th>");
        }

        html.Append("<th class=\"num\">duration</th><th>policy</th>");
        if (context.TrialLogLink is not null)
        {
            html.Append("<th>logs</th>");
        }

        html.Append("<th>note</th></tr></thead>\n<tbody>\n");
        var shown = Math.Min(trials.Count, maxRows);
        for (var i = 0; i < shown; i++)
        {
            var trial = trials[i];
            var isBest = best is not null && trial.Id == best.Id;
            html.Append(isBest ? "<tr class=\"best\"" : "<tr").Append(" data-trial=\"").Append(trial.Number).Append(
                "\">")
                .Append("<td class=\"num\">").Append(trial.Number).Append("</td><td>").Append(Escape(trial.Id)).Append(
                    isBest ? " \u2605" : string.Empty)
                .Append("</td><td><span class=\"badge\" style=\"background:").Append(ReportPalette.Status(trial.Status))
                    .Append("\">")
                .Append(trial.Status.ToString().ToLowerInvariant()).Append("</span></td>");
            foreach (var name in parameters.Names)
            {
                var value = parameters.Get(i, name);
                html.Append(ReportParameters.ToNumber(value) is null ? "<td>" : "<td class=\"num\">").Append(
                    Escape(Value(value))).Append("</td>");
            }

            if (hasObjective)
            {
                var values = trial.GetMetric(objective!.PrimaryMetric);
                html.Append("<td class=\"num\">").Append(trial.BestValue(objective!) is { } v ? Number(v) : "\u2014")
                    .Append("</td><td class=\"num\">")
                    .Append(values.Count > 0 ? Number(values[^1].Value) : "\u2014").Append("</td><td class=\"num\">")
                        .Append(values.Count).Append("</td>");
            }

            html.Append("<td class=\"num\" data-sort=\"").Append(
                trial.Duration is { } d
                ? d.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
                .Append("\">").Append(Duration(trial.Duration)).Append("</td><td>");
            if (decisions.TryGetValue(trial.Id, out var own))
            {
                var stop = own.Find(x => x.Terminate);
                html.Append(stop is not null
                    ? "<span class=\"stop\">terminated at interval " + stop.Interval.ToString(
                        System.Globalization.CultureInfo.InvariantCulture) + "</span>"
                    : "<span class=\"keep\">continued " + own.Count.ToString(
                        System.Globalization.CultureInfo.InvariantCulture) + "\u00d7</span>");
            }

            html.Append("</td>");
            if (context.TrialLogLink is { } link)
            {
                html.Append("<td>");
                foreach (var stream in new[] { "stdout", "stderr" })
                {
                    if (link(trial, stream) is { } url)
                    {
                        html.Append("<a href=\"").Append(Escape(url)).Append("\">").Append(stream).Append("</a> ");
                    }
                }

                html.Append("</td>");
            }

            html.Append("<td class=\"error\">");
            var note = trial.Error ?? (trial.ExitCode is { } code && code != 0 ? $"exit code {code}" : null);
            if (note is not null)
            {
                html.Append(Escape(note.Length > 400 ? string.Concat("\u2026", note.AsSpan(note.Length - 399)) : note));
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (shown < trials.Count)
        {
            html.Append("<p class=\"more\">").Append(trials.Count - shown).Append(
                " more trials are in sweep.json.</p>\n");
        }

        html.Append("</div>\n");
    }

    private static void WriteDecisions(StringBuilder html, SweepResult result, int maxRows)
    {
        if (result.Decisions.Count == 0)
        {
            html.Append(
                "<p class=\"empty\">The policy took no decisions (no early termination policy, or no trial reached " +
                "an evaluation interval).</p>\n");
            return;
        }

        // Terminations first matter most; keep them all when the table is capped.
        var decisions = result.Decisions.Count <= maxRows
            ? result.Decisions
            : result.Decisions.Where(d => d.Terminate).Concat(result.Decisions.Where(d => !d.Terminate)).Take(
                maxRows).ToList();
        html.Append(
            "<div class=\"panel\"><table class=\"decisions\">\n<thead><tr><th>trial</th><th>policy</th><th " +
            "class=\"num\">interval</th>")
            .Append("<th class=\"num\">value</th><th class=\"num\">reference</th><th " +
                "class=\"num\">threshold</th><th>decision</th></tr></thead>\n<tbody>\n");
        foreach (var decision in decisions)
        {
            html.Append("<tr><td>").Append(Escape(decision.TrialId)).Append("</td><td>").Append(Escape(decision.Policy))
                .Append("</td><td class=\"num\">").Append(decision.Interval)
                .Append("</td><td class=\"num\">").Append(Number(decision.Value))
                .Append("</td><td class=\"num\">").Append(Number(decision.Best))
                .Append("</td><td class=\"num\">").Append(Number(decision.Threshold))
                .Append("</td><td>").Append(decision.Terminate ? "<span class=\"stop\">terminate</span>"
                    : "<span class=\"keep\">continue</span>")
                .Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (decisions.Count < result.Decisions.Count)
        {
            html.Append("<p class=\"more\">").Append(result.Decisions.Count - decisions.Count).Append(
                " more decisions are in sweep.json.</p>\n");
        }

        html.Append("</div>\n");
    }

    private static List<TrialResult> ChartedTrials(IReadOnlyList<TrialResult> trials, Objective objective,
        TrialResult? best, int max)
    {
        if (trials.Count <= max)
        {
            return [.. trials];
        }

        var sign = objective.Goal == ObjectiveGoal.Maximize ? -1 : 1;
        return trials
            .OrderBy(t => t.BestValue(objective) is { } v ? 0 : 1)
            .ThenBy(t => t.BestValue(objective) is { } v ? sign * v : 0)
            .Take(max)
            .Concat(best is null ? [] : [best])
            .DistinctBy(t => t.Id)
            .OrderBy(t => t.Number)
            .ToList();
    }
}
