using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>An inline SVG line chart of the primary metric of each trial over its report steps.</summary>
internal static class MetricLineChart
{
    private const double Width = 860;
    private const double Height = 350;
    private const double Left = 64;
    private const double Right = 24;
    private const double Top = 16;
    private const double Bottom = 46;
    private const int MaxMarkersPerSeries = 60;

    /// <summary>Writes the chart, or a note when no trial reported the metric.</summary>
    /// <param name="html">The page.</param>
    /// <param name="trials">The trials to draw, each with its colour index.</param>
    /// <param name="objective">The objective.</param>
    /// <param name="best">The sweep's best trial, drawn on top and thicker.</param>
    public static void Write(StringBuilder html, IReadOnlyList<(TrialResult Trial, int Color)> trials,
        Objective objective, TrialResult? best)
    {
        var series = new List<(TrialResult Trial, int Color, List<(double X, double Y)> Points)>();
        foreach (var (trial, color) in trials)
        {
            var points = trial.GetMetric(objective.PrimaryMetric)
                .Where(v => double.IsFinite(v.Value))
                .Select(v => ((double)v.Step, v.Value))
                .ToList();
            if (points.Count > 0)
            {
                series.Add((trial, color, points));
            }
        }

        if (series.Count == 0)
        {
            html.Append("<p class=\"empty\">No trial reported <code>").Append(Escape(objective.PrimaryMetric)).Append(
                "</code>.</p>\n");
            return;
        }

        // The best trial last, so it is drawn over the others.
        series.Sort((a, b) => (ReferenceEquals(a.Trial, best) ? 1 : 0) - (ReferenceEquals(b.Trial, best) ? 1 : 0));
        var xs = ChartScale.Create(series.SelectMany(s => s.Points).Select(p => p.X).ToList(), Left, Width - Right);
        var ys = ChartScale.Create(series.SelectMany(s => s.Points).Select(p => p.Y).ToList(), Height - Bottom, Top);
        var metric = Escape(objective.PrimaryMetric);

        html.Append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
            .Append(Coordinate(Width)).Append(' ').Append(Coordinate(Height))
            .Append("\" role=\"img\" aria-label=\"").Append(metric).Append(" of each trial by report step\">\n");

        WriteAxes(html, xs, ys, metric);

        foreach (var (trial, color, points) in series)
        {
            var stroke = ReportPalette.Trial(color);
            var isBest = ReferenceEquals(trial, best);
            var stopped = trial.Status is TrialStatus.Terminated or TrialStatus.Canceled or TrialStatus.Failed;
            html.Append("<g class=\"series\" data-trial=\"").Append(trial.Number).Append("\" data-tip=\"").Append(
                Escape(trial.Id)).Append(" (").Append(trial.Status.ToString().ToLowerInvariant())
                .Append("): ").Append(metric).Append(' ')
                .Append(Escape(string.Join(", ", points.Select(p => Number(p.Y))))).Append("\">");
            html.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(
                isBest ? "3.5" : "2").Append('"');
            if (stopped)
            {
                html.Append(" stroke-dasharray=\"6 4\"");
            }

            html.Append(" points=\"");
            foreach (var (x, y) in points)
            {
                html.Append(Coordinate(xs.Map(x))).Append(',').Append(Coordinate(ys.Map(y))).Append(' ');
            }

            html.Length--;
            html.Append("\"/>");
            if (points.Count <= MaxMarkersPerSeries)
            {
                foreach (var (x, y) in points)
                {
                    html.Append("<circle cx=\"").Append(Coordinate(xs.Map(x))).Append("\" cy=\"").Append(
                        Coordinate(ys.Map(y)))
                        .Append("\" r=\"").Append(isBest ? "4" : "3").Append("\" fill=\"").Append(stroke).Append(
                            "\"/>");
                }
            }

            if (trial.Status == TrialStatus.Terminated)
            {
                var (lx, ly) = points[^1];
                var cx = xs.Map(lx);
                var cy = ys.Map(ly);
                html.Append("<path class=\"stop\" d=\"M").Append(Coordinate(cx - 6)).Append(',').Append(
                    Coordinate(cy - 6))
                    .Append("l12,12m0,-12l-12,12\" stroke=\"").Append(stroke).Append("\" stroke-width=\"2.5\"/>");
            }

            html.Append("</g>\n");
        }

        html.Append("<text class=\"note\" x=\"").Append(Coordinate(Left + 8)).Append("\" y=\"").Append(
            Coordinate(Top + 10))
            .Append("\">dashed: stopped early \u00b7 \u00d7: terminated by the policy</text>");
        html.Append("</svg>\n");
        TrialLegend.Write(html, series.Select(s => (s.Trial, s.Color)).ToList(), objective, best);
    }

    private static void WriteAxes(StringBuilder html, ChartScale xs, ChartScale ys, string metric)
    {
        html.Append("<g class=\"axis\">");
        foreach (var tick in ys.Ticks())
        {
            var y = Coordinate(ys.Map(tick));
            html.Append("<line class=\"grid\" x1=\"").Append(Coordinate(Left)).Append("\" x2=\"").Append(
                Coordinate(Width - Right))
                .Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>");
            html.Append("<text x=\"").Append(Coordinate(Left - 8)).Append("\" y=\"").Append(y).Append(
                "\" dy=\"4\" text-anchor=\"end\">")
                .Append(Escape(Number(tick))).Append("</text>");
        }

        // Steps are whole numbers: only label whole ticks.
        foreach (var tick in xs.Ticks(8).Where(t => Math.Abs(t - Math.Round(t)) < 1e-9))
        {
            var x = Coordinate(xs.Map(tick));
            html.Append("<line class=\"tick\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(
                Coordinate(Height - Bottom))
                .Append("\" y2=\"").Append(Coordinate(Height - Bottom + 5)).Append("\"/>");
            html.Append("<text x=\"").Append(x).Append("\" y=\"").Append(Coordinate(Height - Bottom + 19)).Append(
                "\" text-anchor=\"middle\">")
                .Append(Escape(Number(tick))).Append("</text>");
        }

        html.Append("<line class=\"frame\" x1=\"").Append(Coordinate(Left)).Append("\" x2=\"").Append(
            Coordinate(Width - Right))
            .Append("\" y1=\"").Append(Coordinate(Height - Bottom)).Append("\" y2=\"").Append(
                Coordinate(Height - Bottom)).Append("\"/>");
        html.Append("<line class=\"frame\" x1=\"").Append(Coordinate(Left)).Append("\" x2=\"").Append(Coordinate(Left))
            .Append("\" y1=\"").Append(Coordinate(Top)).Append("\" y2=\"").Append(Coordinate(Height - Bottom)).Append(
                "\"/>");
        html.Append("<text class=\"title\" x=\"").Append(Coordinate((Left + Width - Right) / 2)).Append(
            "\" y=\"").Append(Coordinate(Height - 6))
            .Append("\" text-anchor=\"middle\">report step</text>");
        html.Append("<text class=\"title\" transform=\"translate(16,").Append(Coordinate((Top + Height - Bottom) / 2))
            .Append(") rotate(-90)\" text-anchor=\"middle\">").Append(metric).Append("</text>");
        html.Append("</g>\n");
    }

    /// <summary>Shortens a label to <paramref name="length"/> characters, keeping its end (trial ids end with the trial
    /// number).</summary>
    internal static string Shorten(string text, int length) =>
        text.Length <= length ? text : string.Concat("\u2026", text.AsSpan(text.Length - length + 1));
}
