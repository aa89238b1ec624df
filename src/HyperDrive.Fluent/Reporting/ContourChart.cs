using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>A heat map of the metric over a pair of hyperparameters (inverse-distance-weighted from the trials, the
/// trials drawn on top), one per pair; the page shows the pair chosen in a list (the others are drawn into inert
/// templates the page's script puts in place when a pair is picked).</summary>
internal static class ContourChart
{
    private const double Width = 520, Height = 420, Left = 70, Right = 20, Top = 16, Bottom = 56;
    private const int Cells = 20;
    private const int MaxParameters = 6;

    public static void Write(StringBuilder html, IReadOnlyList<TrialResult> trials, ReportParameters parameters,
        Objective objective, ReportContext context, string idPrefix)
    {
        var scored =
            Enumerable.Range(0, trials.Count).Where(i => trials[i].BestValue(objective) is { } v && double.IsFinite(v))
            .ToList();
        var names = parameters.Names.Take(MaxParameters).ToList();
        if (names.Count < 2 || scored.Count < 2)
        {
            html.Append("<p class=\"empty\">A heat map needs two hyperparameters and two trials with a value.</p>\n");
            return;
        }

        var pairs = new List<(string X, string Y)>();
        for (var a = 0; a < names.Count; a++)
        {
            for (var b = a + 1; b < names.Count; b++)
            {
                pairs.Add((names[a], names[b]));
            }
        }

        html.Append("<p><label>pair <select class=\"contour-pick\" data-for=\"").Append(idPrefix).Append("\">");
        for (var p = 0; p < pairs.Count; p++)
        {
            html.Append("<option value=\"").Append(p).Append("\">").Append(Escape(pairs[p].X)).Append(
                " \u00d7 ").Append(Escape(pairs[p].Y)).Append("</option>");
        }

        html.Append("</select></label></p>\n");
        var values = scored.Select(i => trials[i].BestValue(objective)!.Value).ToList();
        var low = values.Min();
        var high = values.Max();
        for (var p = 0; p < pairs.Count; p++)
        {
            // Only the first pair is on show; the others wait in a <template> (parsed, but neither styled nor laid out)
            // until they are picked, so a page of many pairs and a thousand trials still draws at once.
            html.Append("<div class=\"contour\" data-group=\"").Append(idPrefix).Append("\" data-pair=\"").Append(
                p).Append('"').Append(p == 0 ? ">" : " hidden=\"hidden\"><template class=\"lazy\">");
            WritePair(html, trials, parameters, objective, context, scored, pairs[p], low, high);
            html.Append(p == 0 ? "</div>\n" : "</template></div>\n");
        }
    }

    private static void WritePair(StringBuilder html, IReadOnlyList<TrialResult> trials, ReportParameters parameters,
        Objective objective, ReportContext context,
        List<int> scored, (string X, string Y) pair, double low, double high)
    {
        var rows = scored.Where(i => parameters.Get(i, pair.X) is not null && parameters.Get(i, pair.Y) is not null)
            .ToList();
        SvgAxes.Open(html, Width, Height, "contour", objective.PrimaryMetric + " over " + pair.X + " and " + pair.Y);
        if (rows.Count == 0)
        {
            html.Append("<text x=\"20\" y=\"40\">no trial has both</text></svg>");
            return;
        }

        var (xs, xOf, xCategories, xLog) = Axis(parameters, pair.X, rows, trials, Left, Width - Right, context);
        var (ys, yOf, _, yLog) = Axis(parameters, pair.Y, rows, trials, Height - Bottom, Top, context);
        var px = rows.Select(xOf).ToArray();
        var py = rows.Select(yOf).ToArray();
        var pv = rows.Select(i => trials[i].BestValue(objective)!.Value).ToArray();
        var cw = (Width - Left - Right) / Cells;
        var ch = (Height - Top - Bottom) / Cells;
        html.Append("<g class=\"cells\">");
        for (var cx = 0; cx < Cells; cx++)
        {
            for (var cy = 0; cy < Cells; cy++)
            {
                var x = Left + ((cx + 0.5) * cw);
                var y = Top + ((cy + 0.5) * ch);
                double sum = 0, weight = 0;
                for (var k = 0; k < px.Length; k++)
                {
                    var dx = (px[k] - x) / (Width - Left - Right);
                    var dy = (py[k] - y) / (Height - Top - Bottom);
                    var w = 1 / (((dx * dx) + (dy * dy)) + 1e-4);
                    w *= w;
                    sum += w * pv[k];
                    weight += w;
                }

                var goodness = high > low ? ((sum / weight) - low) / (high - low) : 1;
                html.Append("<rect x=\"").Append(Coordinate(Left + (cx * cw))).Append("\" y=\"").Append(
                    Coordinate(Top + (cy * ch))).Append("\" width=\"")
                    .Append(Coordinate(cw + 0.5)).Append("\" height=\"").Append(Coordinate(ch + 0.5)).Append(
                        "\" fill=\"")
                    .Append(ReportPalette.Scale(objective.Goal == ObjectiveGoal.Maximize ? goodness : 1 - goodness))
                        .Append("\"/>");
            }
        }

        html.Append("</g>\n");
        SvgAxes.Draw(html, xs, ys, Left, Width - Right, Top, Height - Bottom, pair.X + (xLog ? " (log)" : string.Empty),
            pair.Y + (yLog ? " (log)" : string.Empty), xCategories, xTicks: 5);
        html.Append("<g class=\"points\">");
        for (var k = 0; k < rows.Count; k++)
        {
            html.Append("<circle class=\"pt\" data-trial=\"").Append(trials[rows[k]].Number).Append("\" cx=\"").Append(
                Coordinate(px[k])).Append("\" cy=\"").Append(Coordinate(py[k]))
                .Append("\" r=\"3\" fill=\"#fff\" stroke=\"#1f2328\" stroke-width=\"1\" data-tip=\"")
                .Append(Escape($"{trials[rows[k]].Id}: {objective.PrimaryMetric} {Number(pv[k])}")).Append("\"/>");
        }

        html.Append("</g></svg>");
    }

    private static (ChartScale Scale, Func<int, double> Of, IReadOnlyList<(double, string)>? Categories, bool Log) Axis(
        ReportParameters parameters, string name, List<int> rows, IReadOnlyList<TrialResult> trials, double from,
            double to, ReportContext context)
    {
        if (parameters.IsNumeric(name))
        {
            var scale =
                ChartScale.Create(rows.Select(i => ReportParameters.ToNumber(parameters.Get(i, name))!.Value).ToList(),
                from, to, forceLogarithmic: context.LogParameters.Contains(name));
            return (scale, i => scale.Map(ReportParameters.ToNumber(parameters.Get(i, name))!.Value), null,
                scale.IsLogarithmic);
        }

        var labels = rows.Select(i => Value(parameters.Get(i, name))).Distinct(StringComparer.Ordinal).Order(
            StringComparer.Ordinal).ToList();
        var band = (to - from) / labels.Count;
        var categorical = ChartScale.Create([0.0, labels.Count], from, to);
        return (categorical, i =>
            from + (band * (
            labels.IndexOf(Value(parameters.Get(i, name))) + 0.5 + (0.3 * SvgAxes.Jitter(trials[i].Number)))),
            labels.Select((l, k) => (from + (band * (k + 0.5)), l)).ToList(), false);
    }
}
