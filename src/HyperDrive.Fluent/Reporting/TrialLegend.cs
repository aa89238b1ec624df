using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>The legend of the intermediate-values chart: every charted trial, best first, with a search box and a top-N
/// choice (the page's script shows only the checked trials' lines); it scrolls, so hundreds of trials fit. The search
/// box is a slot the script fills (see <see cref="SweepReport"/>: a text box in the page's markup costs its first
/// render a full layout).</summary>
internal static class TrialLegend
{
    public static void Write(StringBuilder html, IReadOnlyList<(TrialResult Trial, int Color)> entries,
        Objective objective, TrialResult? best)
    {
        var sign = objective.Goal == ObjectiveGoal.Maximize ? -1 : 1;
        var ordered =
            entries.OrderBy(e => e.Trial.BestValue(objective) is { } v && double.IsFinite(v) ? sign * v
            : double.PositiveInfinity).ThenBy(e => e.Trial.Number).ToList();
        html.Append(
            "<div class=\"legend-box\"><div class=\"legend-tools\"><span " +
            "class=\"search-slot\" data-class=\"legend-search\" data-label=\"search trials\"></span>")
            .Append(" <label>show <select class=\"legend-top\"><option value=\"10\">top 10</option><option " +
                "value=\"25\">top 25</option><option value=\"100\">top 100</option>")
            .Append("<option value=\"all\" selected=\"selected\">all</option></select></label> <span " +
                "class=\"legend-count\">")
            .Append(ordered.Count).Append(" trials</span></div>\n<ul class=\"legend-list\">");
        foreach (var (trial, color) in ordered)
        {
            var stopped = trial.Status is TrialStatus.Terminated or TrialStatus.Canceled or TrialStatus.Failed;
            html.Append("<li data-trial=\"").Append(trial.Number).Append(
                "\"><label><input type=\"checkbox\" checked=\"checked\"/><span class=\"swatch")
                .Append(stopped ? " dashed" : string.Empty).Append("\" style=\"border-color:").Append(
                    ReportPalette.Trial(color)).Append("\"></span>#").Append(trial.Number)
                .Append(' ').Append(Escape(trial.Id)).Append(" <span class=\"v\">").Append(
                    trial.BestValue(objective) is { } v ? Number(v) : "\u2014").Append("</span>")
                .Append(trial.Status == TrialStatus.Terminated ? " <span class=\"stop\">stopped by policy</span>"
                    : string.Empty)
                .Append(best is not null && trial.Id == best.Id ? " \u2605" : string.Empty).Append("</label></li>");
        }

        html.Append("</ul></div>\n");
    }
}
