using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>The early termination policy's decisions in time order: each evaluation's value (a dot; a cross when it
/// stopped the trial) against the threshold it was compared with (a tick).</summary>
internal static class DecisionTimelineChart
{
    private const double Width = 860, Height = 240, Left = 64, Right = 24, Top = 14, Bottom = 50;

    public static void Write(StringBuilder html, IReadOnlyList<PolicyDecision> decisions, Objective objective)
    {
        var shown = decisions.Where(d => double.IsFinite(d.Value) && double.IsFinite(d.Threshold)).OrderBy(d => d.Timestamp).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var xs = ChartScale.Create([0.0, Math.Max(1, shown.Count - 1)], Left + 6, Width - Right - 6);
        var ys = ChartScale.Create(shown.SelectMany(d => new[] { d.Value, d.Threshold }).ToList(), Height - Bottom, Top);
        SvgAxes.Open(html, Width, Height, "timeline", "policy decisions over time");
        SvgAxes.Draw(html, xs, ys, Left, Width - Right, Top, Height - Bottom, "evaluation (in time order)", objective.PrimaryMetric);
        html.Append("<g class=\"decisions\">");
        for (var i = 0; i < shown.Count; i++)
        {
            var d = shown[i];
            var x = xs.Map(i);
            var y = ys.Map(d.Value);
            var t = ys.Map(d.Threshold);
            html.Append("<g class=\"decision").Append(d.Terminate ? " stop" : string.Empty).Append("\"><title>")
                .Append(Escape($"{d.TrialId} interval {d.Interval} ({d.Policy}): value {Number(d.Value)}, reference {Number(d.Best)}, threshold {Number(d.Threshold)} -> {(d.Terminate ? "terminate" : "continue")}"))
                .Append("</title><line x1=\"").Append(Coordinate(x - 5)).Append("\" x2=\"").Append(Coordinate(x + 5)).Append("\" y1=\"").Append(Coordinate(t))
                .Append("\" y2=\"").Append(Coordinate(t)).Append("\" stroke=\"#6e7781\" stroke-width=\"2\"/>");
            if (d.Terminate)
            {
                html.Append("<path d=\"M").Append(Coordinate(x - 5)).Append(',').Append(Coordinate(y - 5)).Append("l10,10m0,-10l-10,10\" stroke=\"#c62828\" stroke-width=\"2.5\"/>");
            }
            else
            {
                html.Append("<circle cx=\"").Append(Coordinate(x)).Append("\" cy=\"").Append(Coordinate(y)).Append("\" r=\"3.5\" fill=\"#2e7d32\"/>");
            }

            html.Append("</g>");
        }

        html.Append("</g>\n<text class=\"note\" x=\"").Append(Coordinate(Left + 8)).Append("\" y=\"").Append(Coordinate(Top + 10))
            .Append("\">dot: continue \u00b7 \u00d7: terminate \u00b7 grey tick: the threshold it was compared with</text></svg>\n");
    }
}
