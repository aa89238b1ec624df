using System.Globalization;
using System.Text;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>The dashboard's front page: every run under the root (status, trials done/total, best value, started,
/// duration), each linking to its page, and with a workspace its Azure ML sweeps; it reloads itself every few seconds
/// while a run is in progress.</summary>
internal static class RunListPage
{
    public static string Render(
        string root, IReadOnlyList<RunSummary> runs, IReadOnlyList<(string Id, string Problem)> unreadable,
        AzureListing? azure = null)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta " +
            "name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        if (runs.Concat(azure?.Sweeps ?? []).Any(r =>
            r.Status is Engines.SweepRunStatus.Running or Engines.SweepRunStatus.Queued))
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"3\"/>\n");
        }

        html.Append("<title>hyperdrive dashboard</title>\n<style>\n")
            .Append("body { font-family: system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1f2328; } " +
                "main { max-width: 1120px; margin: 0 auto; padding: 24px 28px; }\n")
            .Append("table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; " +
                "font-variant-numeric: tabular-nums; } th, td { text-align: left; padding: 7px 10px; border-bottom: " +
                "1px solid #eaeef2; }\n")
            .Append("th { background: #f6f8fa; } td.num { text-align: right; } a { color: #0969da; } .sub { color: " +
                "#57606a; } .running { color: #1565c0; font-weight: 600; } .failed { color: #c62828; } .completed { " +
                "color: #2e7d32; }\n")
            .Append("</style>\n</head>\n<body>\n<main>\n<h1>Runs</h1>\n<p class=\"sub\">under <code>").Append(
                Escape(root)).Append("</code> \u00b7 read-only</p>\n");
        if (runs.Count == 0)
        {
            html.Append("<p>No runs yet. Start one with <code>hyperdrive run sweep.yml --out ").Append(
                Escape(Path.Combine(root, "my-run"))).Append("</code>.</p>\n");
        }
        else
        {
            WriteTable(html, "runs", "/runs/", runs);
        }

        foreach (var (id, problem) in unreadable)
        {
            html.Append("<p class=\"failed\">").Append(Escape(id)).Append(": ").Append(Escape(problem)).Append(
                "</p>\n");
        }

        if (azure is not null)
        {
            html.Append("<h2>Azure ML sweeps</h2>\n<p class=\"sub\">in workspace <code>").Append(
                Escape(azure.Workspace)).Append(
                "</code> \u00b7 trials are counted once a sweep's page was opened</p>\n");
            if (azure.Problem is not null)
            {
                html.Append("<p class=\"failed azure-problem\">").Append(Escape(azure.Problem)).Append("</p>\n");
            }
            else if (azure.Sweeps.Count == 0)
            {
                html.Append("<p>No sweep jobs in this workspace.</p>\n");
            }
            else
            {
                WriteTable(html, "runs azure", "/azure/", azure.Sweeps);
            }
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteTable(StringBuilder html, string cssClass, string prefix, IReadOnlyList<RunSummary> runs)
    {
        html.Append("<table class=\"").Append(cssClass).Append(
            "\">\n<thead><tr><th>run</th><th>kind</th><th>status</th><th class=\"num\">trials</th><th " +
            "class=\"num\">best</th><th>started</th><th class=\"num\">duration</th></tr></thead>\n<tbody>\n");
        foreach (var run in runs)
        {
            var status = run.Status.ToString().ToLowerInvariant();
            html.Append("<tr data-run=\"").Append(Escape(run.Id)).Append("\"><td><a href=\"").Append(prefix).Append(
                Escape(Uri.EscapeDataString(run.Id))).Append("\">").Append(Escape(run.Id))
                .Append("</a></td><td>").Append(Escape(run.Kind)).Append("</td><td class=\"").Append(status).Append(
                    "\">").Append(status)
                .Append("</td><td class=\"num trials\">").Append(
                    run.TrialsKnown ? run.TrialsDone.ToString(CultureInfo.InvariantCulture) : "\u2014").Append(
                    " / ").Append(run.TrialsTotal)
                .Append("</td><td class=\"num\">").Append(Escape(run.Best)).Append("</td><td>")
                .Append(run.StartedAt is { } s
                    ? s.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
                    : "\u2014")
                .Append("</td><td class=\"num\">").Append(Duration(run.Duration)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }
}

/// <summary>The Azure ML part of the run list.</summary>
/// <param name="Workspace">The workspace's name.</param>
/// <param name="Sweeps">Its sweep jobs, newest first.</param>
/// <param name="Problem">Why they could not be listed, or <see langword="null"/>.</param>
internal sealed record AzureListing(string Workspace, IReadOnlyList<RunSummary> Sweeps, string? Problem);
