using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>Optimization history: each trial's best primary-metric value against its trial number, and the best value
/// so far as a step line (Optuna's <c>plot_optimization_history</c>).</summary>
internal static class OptimizationHistoryChart
{
    private const double Width = 860, Height = 300, Left = 64, Right = 24, Top = 14, Bottom = 50;

    public static void Write(StringBuilder html, IReadOnlyList<TrialResult> trials, Objective objective,
        TrialResult? best)
    {
        var points = trials.Select(t => (Trial: t, Value: t.BestValue(objective))).Where(p =>
            p.Value is { } v && double.IsFinite(v))
            .Select(p => (p.Trial, Value: p.Value!.Value)).OrderBy(p => p.Trial.Number).ToList();
        if (points.Count == 0)
        {
            html.Append("<p class=\"empty\">No trial reported <code>").Append(Escape(objective.PrimaryMetric)).Append(
                "</code> yet.</p>\n");
            return;
        }

        var xs = ChartScale.Create(points.Select(p => (double)p.Trial.Number).ToList(), Left, Width - Right);
        var ys = ChartScale.Create(points.Select(p => p.Value).ToList(), Height - Bottom, Top);
        SvgAxes.Open(html, Width, Height, "history", "optimization history of " + objective.PrimaryMetric);
        SvgAxes.Draw(html, xs, ys, Left, Width - Right, Top, Height - Bottom, "trial number", objective.PrimaryMetric);

        var line = new StringBuilder();
        double? bestSoFar = null;
        foreach (var (trial, value) in points)
        {
            var after = TrialLedger.BestAfter(bestSoFar, value, objective);
            var x = Coordinate(xs.Map(trial.Number));
            if (after != bestSoFar)
            {
                if (bestSoFar is { } previous)
                {
                    line.Append(" L").Append(x).Append(',').Append(Coordinate(ys.Map(previous)));
                }

                bestSoFar = after;
            }

            line.Append(line.Length == 0 ? "M" : " L").Append(x).Append(',').Append(
                Coordinate(ys.Map(bestSoFar!.Value)));
        }

        line.Append(" L").Append(Coordinate(Width - Right)).Append(',').Append(Coordinate(ys.Map(bestSoFar!.Value)));
        html.Append("<path class=\"best-so-far\" fill=\"none\" stroke=\"#e15759\" stroke-width=\"2\" d=\"").Append(
            line).Append("\"/>\n<g class=\"points\">");
        foreach (var (trial, value) in points)
        {
            var isBest = best is not null && trial.Id == best.Id;
            html.Append("<circle class=\"pt\" data-trial=\"").Append(trial.Number).Append("\" cx=\"").Append(
                Coordinate(xs.Map(trial.Number)))
                .Append("\" cy=\"").Append(Coordinate(ys.Map(value))).Append("\" r=\"").Append(isBest ? "5" : "3.5")
                    .Append("\" fill=\"")
                .Append(trial.Status == TrialStatus.Completed ? "#4e79a7" : ReportPalette.Status(trial.Status)).Append(
                    "\" fill-opacity=\"0.8\" data-tip=\"")
                .Append(Escape(
                    $"{trial.Id} ({trial.Status.ToString().ToLowerInvariant()}): {objective.PrimaryMetric} " +
                    $"{Number(value)}")).Append("\"/>");
        }

        html.Append("</g>\n<g class=\"legend\"><circle cx=\"").Append(Coordinate(Left + 12)).Append("\" cy=\"").Append(
            Coordinate(Top + 8))
            .Append("\" r=\"3.5\" fill=\"#4e79a7\"/><text x=\"").Append(Coordinate(Left + 20)).Append("\" y=\"").Append(
                Coordinate(Top + 12))
            .Append("\">trial's best value</text><line x1=\"").Append(Coordinate(Left + 130)).Append("\" x2=\"").Append(
                Coordinate(Left + 150))
            .Append("\" y1=\"").Append(Coordinate(Top + 8)).Append("\" y2=\"").Append(Coordinate(Top + 8)).Append(
                "\" stroke=\"#e15759\" stroke-width=\"2\"/><text x=\"")
            .Append(Coordinate(Left + 156)).Append("\" y=\"").Append(Coordinate(Top + 12)).Append(
                "\">best so far</text></g>\n</svg>\n");
    }
}
