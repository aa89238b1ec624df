using System.Text;
using System.Text.Json;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>The early termination policy's decisions in time order: each evaluation's value (a dot; a cross when it
/// stopped the trial) against the threshold it was compared with (a tick). A sweep of a thousand trials takes thousands
/// of decisions, so the marks are three paths (ticks, dots, crosses) rather than an element each, and each decision's
/// details (trial, interval, value, reference, threshold, decision) are one column-wise JSON attribute the page's
/// script shows on hover.</summary>
internal static class DecisionTimelineChart
{
    private const double Width = 860, Height = 240, Left = 64, Right = 24, Top = 14, Bottom = 50;

    public static void Write(StringBuilder html, IReadOnlyList<PolicyDecision> decisions, Objective objective)
    {
        var shown = decisions.Where(d => double.IsFinite(d.Value) && double.IsFinite(d.Threshold)).OrderBy(d =>
            d.Timestamp).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var xs = ChartScale.Create([0.0, Math.Max(1, shown.Count - 1)], Left + 6, Width - Right - 6);
        var ys = ChartScale.Create(shown.SelectMany(d => new[] { d.Value, d.Threshold }).ToList(), Height - Bottom,
            Top);
        var ticks = new StringBuilder(shown.Count * 20);
        var dots = new StringBuilder(shown.Count * 16);
        var crosses = new StringBuilder();
        var policies = new List<string>();
        var details = new Details(shown.Count);
        for (var i = 0; i < shown.Count; i++)
        {
            var d = shown[i];
            var x = xs.Map(i);
            var y = ys.Map(d.Value);
            ticks.Append('M').Append(Coordinate(x - 5)).Append(',').Append(Coordinate(ys.Map(d.Threshold))).Append(
                "h10");
            if (d.Terminate)
            {
                crosses.Append('M').Append(Coordinate(x - 5)).Append(',').Append(Coordinate(y - 5)).Append(
                    "l10,10m0,-10l-10,10");
            }
            else
            {
                // a zero-length segment with round caps is a dot
                dots.Append('M').Append(Coordinate(x)).Append(',').Append(Coordinate(y)).Append("h0");
            }

            var policy = policies.IndexOf(d.Policy);
            if (policy < 0)
            {
                policy = policies.Count;
                policies.Add(d.Policy);
            }

            details.Add(d, policy);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["x0"] = Math.Round(xs.Map(0), 2),
            ["dx"] = Math.Round(xs.Map(1) - xs.Map(0), 6),
            ["policies"] = policies,
            ["trial"] = details.Trials,
            ["policy"] = details.Policies,
            ["interval"] = details.Intervals,
            ["value"] = details.Values,
            ["best"] = details.References,
            ["threshold"] = details.Thresholds,
            ["stop"] = details.Stops,
        };
        html.Append("<svg class=\"chart timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(
            Coordinate(Width)).Append(' ').Append(Coordinate(Height))
            .Append("\" role=\"img\" aria-label=\"policy decisions over time\" data-decisions=\"").Append(
                Escape(JsonSerializer.Serialize(data))).Append("\">\n");
        SvgAxes.Draw(html, xs, ys, Left, Width - Right, Top, Height - Bottom, "evaluation (in time order)",
            objective.PrimaryMetric);
        html.Append("<g class=\"decisions\" data-count=\"").Append(shown.Count).Append(
            "\"><path class=\"thresholds\" fill=\"none\" stroke=\"#6e7781\" stroke-width=\"2\" d=\"").Append(ticks)
            .Append("\"/><path class=\"continue\" fill=\"none\" stroke=\"#2e7d32\"")
            .Append(" stroke-width=\"7\" stroke-linecap=\"round\" d=\"").Append(dots)
            .Append("\"/><path class=\"stop\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2.5\" d=\"").Append(
                crosses).Append("\"/></g>\n")
            .Append("<text class=\"note\" x=\"").Append(Coordinate(Left + 8)).Append("\" y=\"").Append(
                Coordinate(Top + 10))
            .Append("\">dot: continue \u00b7 \u00d7: terminate \u00b7 grey tick: the threshold it was compared with " +
                "(hover for details)</text></svg>\n");
    }

    /// <summary>The hover details, one list per field (the page builds each decision's text from them).</summary>
    private sealed class Details(int capacity)
    {
        public List<string> Trials { get; } = new(capacity);

        public List<int> Policies { get; } = new(capacity);

        public List<int> Intervals { get; } = new(capacity);

        public List<string> Values { get; } = new(capacity);

        public List<string> References { get; } = new(capacity);

        public List<string> Thresholds { get; } = new(capacity);

        public List<int> Stops { get; } = new(capacity);

        public void Add(PolicyDecision decision, int policy)
        {
            Trials.Add(decision.TrialId);
            Policies.Add(policy);
            Intervals.Add(decision.Interval);
            Values.Add(Number(decision.Value));
            References.Add(Number(decision.Best));
            Thresholds.Add(Number(decision.Threshold));
            Stops.Add(decision.Terminate ? 1 : 0);
        }
    }
}
