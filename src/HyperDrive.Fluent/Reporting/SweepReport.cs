using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>
/// Renders a <see cref="SweepResult"/> as one self-contained HTML file (inline CSS and SVG; no scripts, fonts or
/// other downloads): a summary, the trials table, the primary metric of each trial over its report steps,
/// parallel coordinates of the hyperparameters against the metric, and the early termination policy's decisions.
/// Pipeline results get one such section per step.
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
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0; background: #f6f7f9; color: #1f2328; }
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
        """;

    /// <summary>Renders <paramref name="result"/> as a self-contained HTML page.</summary>
    /// <param name="result">The sweep (or pipeline) result.</param>
    /// <param name="options">Report options; <see langword="null"/> for the defaults.</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static string RenderHtml(SweepResult result, SweepReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new SweepReportOptions();
        options.Validate();

        var title = options.Title ?? (result.Steps.Count > 0 ? "Pipeline " : "Sweep ") + result.RunId;
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<meta name=\"generator\" content=\"HyperDrive.Fluent\"/>\n")
            .Append("<title>").Append(Escape(title)).Append("</title>\n<style>\n").Append(Styles).Append("\n</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(Escape(title)).Append("</h1>\n");

        var section = 0;
        WriteResult(html, result, options, level: 2, ref section);
        WriteStepTable(html, result);
        foreach (var (name, step) in result.Steps)
        {
            html.Append("<h2>Step ").Append(Escape(name)).Append("</h2>\n<section class=\"step\">\n");
            WriteResult(html, step, options, level: 3, ref section);
            html.Append("</section>\n");
        }

        html.Append("<footer>Written by HyperDrive.Fluent. Every value shown is in <code>sweep.json</code> next to this file.</footer>\n")
            .Append("</main>\n</body>\n</html>\n");
        return html.ToString();
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
        var text = RenderHtml(result, options);
        var (full, temporary) = Prepare(path);
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically (see <see cref="WriteHtml"/>).</summary>
    /// <param name="result">The sweep (or pipeline) result.</param>
    /// <param name="path">The HTML file to write.</param>
    /// <param name="options">Report options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the write; nothing half-written is left.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static async Task WriteHtmlAsync(SweepResult result, string path, SweepReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = RenderHtml(result, options);
        var (full, temporary) = Prepare(path);
        try
        {
            await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static (string Full, string Temporary) Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        Directory.CreateDirectory(directory);
        // A fixed name next to the file: a write cut short (a full disk, a kill) leaves at most this one file, which the next
        // write replaces and a resumed run removes.
        return (full, Path.Combine(directory, "." + Path.GetFileName(full) + ".tmp"));
    }

    private static void WriteResult(StringBuilder html, SweepResult result, SweepReportOptions options, int level, ref int section)
    {
        var id = "s" + section++;
        var objective = result.Objective;
        var best = result.BestTrial is { } chosen ? result.Trials.FirstOrDefault(t => t.Id == chosen.Id) ?? chosen : null;
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
        html.Append('<').Append(heading).Append(">Trials</").Append(heading).Append(">\n");
        WriteTrialTable(html, result.Trials, objective, best, options.MaxTableRows);

        if (objective is not null && !string.IsNullOrEmpty(objective.PrimaryMetric))
        {
            var charted = ChartedTrials(result.Trials, objective, best, options.MaxChartedTrials);
            var note = charted.Count < result.Trials.Count
                ? $" ({charted.Count} best of {result.Trials.Count} trials)"
                : string.Empty;
            html.Append('<').Append(heading).Append('>').Append(Escape(objective.PrimaryMetric)).Append(" by report step").Append(Escape(note))
                .Append("</").Append(heading).Append(">\n<div class=\"panel\">\n");
            MetricLineChart.Write(html, charted.Select(t => (t, t.Number)).ToList(), objective, best);
            html.Append("</div>\n");

            html.Append('<').Append(heading).Append(">Hyperparameters and ").Append(Escape(objective.PrimaryMetric)).Append(Escape(note))
                .Append("</").Append(heading).Append(">\n<div class=\"panel\">\n");
            ParallelCoordinatesChart.Write(html, charted, objective, best, id);
            html.Append("</div>\n");
        }

        if (objective is not null && !string.IsNullOrEmpty(objective.PrimaryMetric))
        {
            html.Append('<').Append(heading).Append(">Early termination decisions</").Append(heading).Append(">\n");
            WriteDecisions(html, result, options.MaxTableRows);
        }
    }

    private static void WriteStepTable(StringBuilder html, SweepResult result)
    {
        if (result.Steps.Count == 0)
        {
            return;
        }

        html.Append("<h2>Steps</h2>\n<div class=\"panel\"><table class=\"steps\">\n<thead><tr><th>step</th><th>status</th><th class=\"num\">trials</th>")
            .Append("<th>best trial</th><th class=\"num\">best value</th><th class=\"num\">wall time</th></tr></thead>\n<tbody>\n");
        foreach (var (name, step) in result.Steps)
        {
            var objective = step.Objective is { PrimaryMetric.Length: > 0 } o ? o : null;
            var best = objective is null ? null : step.BestTrial;
            var started = step.Trials.Select(t => t.StartedAt).Where(t => t is not null).Min();
            var ended = step.Trials.Select(t => t.EndedAt).Where(t => t is not null).Max();
            html.Append("<tr><td>").Append(Escape(name)).Append("</td><td>").Append(Escape(step.Status.ToString().ToLowerInvariant()))
                .Append("</td><td class=\"num\">").Append(step.Trials.Count).Append("</td><td>").Append(Escape(best?.Id ?? "\u2014"))
                .Append("</td><td class=\"num\">")
                .Append(best is not null && best.BestValue(objective!) is { } value ? Escape(objective!.PrimaryMetric + " " + Number(value)) : "\u2014")
                .Append("</td><td class=\"num\">").Append(Duration(started is { } s && ended is { } e ? e - s : null)).Append("</td></tr>\n");
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
            Card(html, "Objective", (objective.Goal == ObjectiveGoal.Maximize ? "maximize " : "minimize ") + objective.PrimaryMetric);
            Card(html, "Best " + objective.PrimaryMetric, best?.BestValue(objective) is { } value ? Number(value) : "\u2014");
            Card(html, "Best trial", best?.Id ?? "none");
        }

        if (result.Trials.Count > 0)
        {
            var counts = string.Join(", ", result.Trials.GroupBy(t => t.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            Card(html, "Trials", $"{result.Trials.Count} ({counts})");
            Card(html, "Wall time", Duration(started is { } s && ended is { } e ? e - s : null));
        }

        if (result.Decisions.Count > 0)
        {
            Card(html, "Policy", $"{result.Decisions.Count} evaluations, {result.Decisions.Count(d => d.Terminate)} stopped");
        }

        html.Append("</div>\n");
        if (result.Error is { } error)
        {
            html.Append("<p class=\"stop\">").Append(Escape(error)).Append("</p>\n");
        }
    }

    private static void Card(StringBuilder html, string label, string value) =>
        html.Append("<div class=\"card\"><div class=\"label\">").Append(Escape(label)).Append("</div><div class=\"value\">")
            .Append(Escape(value)).Append("</div></div>\n");

    private static void WriteTrialTable(StringBuilder html, IReadOnlyList<TrialResult> trials, Objective? objective, TrialResult? best, int maxRows)
    {
        var parameters = ReportParameters.From(trials);
        var hasObjective = objective is not null && !string.IsNullOrEmpty(objective.PrimaryMetric);
        html.Append("<div class=\"panel\"><table class=\"trials\">\n<thead><tr><th class=\"num\">#</th><th>trial</th><th>status</th>");
        foreach (var name in parameters.Names)
        {
            html.Append("<th>").Append(Escape(name)).Append("</th>");
        }

        if (hasObjective)
        {
            html.Append("<th class=\"num\">best ").Append(Escape(objective!.PrimaryMetric)).Append("</th><th class=\"num\">reports</th>");
        }

        html.Append("<th class=\"num\">duration</th><th>note</th></tr></thead>\n<tbody>\n");
        var shown = Math.Min(trials.Count, maxRows);
        for (var i = 0; i < shown; i++)
        {
            var trial = trials[i];
            var isBest = best is not null && trial.Id == best.Id;
            html.Append(isBest ? "<tr class=\"best\">" : "<tr>")
                .Append("<td class=\"num\">").Append(trial.Number).Append("</td><td>").Append(Escape(trial.Id)).Append(isBest ? " \u2605" : string.Empty)
                .Append("</td><td><span class=\"badge\" style=\"background:").Append(ReportPalette.Status(trial.Status)).Append("\">")
                .Append(trial.Status.ToString().ToLowerInvariant()).Append("</span></td>");
            foreach (var name in parameters.Names)
            {
                var value = parameters.Get(i, name);
                html.Append(ReportParameters.ToNumber(value) is null ? "<td>" : "<td class=\"num\">").Append(Escape(Value(value))).Append("</td>");
            }

            if (hasObjective)
            {
                html.Append("<td class=\"num\">").Append(trial.BestValue(objective!) is { } v ? Number(v) : "\u2014").Append("</td><td class=\"num\">")
                    .Append(trial.GetMetric(objective!.PrimaryMetric).Count).Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(Duration(trial.Duration)).Append("</td><td class=\"error\">");
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
            html.Append("<p class=\"more\">").Append(trials.Count - shown).Append(" more trials are in sweep.json.</p>\n");
        }

        html.Append("</div>\n");
    }

    private static void WriteDecisions(StringBuilder html, SweepResult result, int maxRows)
    {
        if (result.Decisions.Count == 0)
        {
            html.Append("<p class=\"empty\">The policy took no decisions (no early termination policy, or no trial reached an evaluation interval).</p>\n");
            return;
        }

        // Terminations first matter most; keep them all when the table is capped.
        var decisions = result.Decisions.Count <= maxRows
            ? result.Decisions
            : result.Decisions.Where(d => d.Terminate).Concat(result.Decisions.Where(d => !d.Terminate)).Take(maxRows).ToList();
        html.Append("<div class=\"panel\"><table class=\"decisions\">\n<thead><tr><th>trial</th><th>policy</th><th class=\"num\">interval</th>")
            .Append("<th class=\"num\">value</th><th class=\"num\">reference</th><th class=\"num\">threshold</th><th>decision</th></tr></thead>\n<tbody>\n");
        foreach (var decision in decisions)
        {
            html.Append("<tr><td>").Append(Escape(decision.TrialId)).Append("</td><td>").Append(Escape(decision.Policy))
                .Append("</td><td class=\"num\">").Append(decision.Interval)
                .Append("</td><td class=\"num\">").Append(Number(decision.Value))
                .Append("</td><td class=\"num\">").Append(Number(decision.Best))
                .Append("</td><td class=\"num\">").Append(Number(decision.Threshold))
                .Append("</td><td>").Append(decision.Terminate ? "<span class=\"stop\">terminate</span>" : "<span class=\"keep\">continue</span>")
                .Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (decisions.Count < result.Decisions.Count)
        {
            html.Append("<p class=\"more\">").Append(result.Decisions.Count - decisions.Count).Append(" more decisions are in sweep.json.</p>\n");
        }

        html.Append("</div>\n");
    }

    private static List<TrialResult> ChartedTrials(IReadOnlyList<TrialResult> trials, Objective objective, TrialResult? best, int max)
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
