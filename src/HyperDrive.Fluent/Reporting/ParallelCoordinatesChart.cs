using System.Globalization;
using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>An inline SVG parallel-coordinates chart: one axis per hyperparameter and a last axis for the trial's best
/// primary-metric value; each trial is a line coloured by that value.</summary>
internal static class ParallelCoordinatesChart
{
    private const double Width = 860;
    private const double Height = 360;
    private const double Left = 80;
    private const double Right = 80;
    private const double Top = 44;
    private const double Bottom = 64;
    private const double CategoryPadding = 18;

    /// <summary>Writes the chart, or a note when there is nothing to draw.</summary>
    /// <param name="html">The page.</param>
    /// <param name="trials">The trials to draw.</param>
    /// <param name="objective">The objective.</param>
    /// <param name="best">The sweep's best trial, drawn on top and thicker.</param>
    /// <param name="idPrefix">A prefix that makes element ids unique in the page.</param>
    public static void Write(StringBuilder html, IReadOnlyList<TrialResult> trials, Objective objective,
        TrialResult? best, string idPrefix)
    {
        var parameters = ReportParameters.From(trials);
        if (parameters.Names.Count == 0)
        {
            html.Append("<p class=\"empty\">The trials have no hyperparameters to compare.</p>\n");
            return;
        }

        var metricName = "best " + objective.PrimaryMetric;
        var scores = trials.Select(t => t.BestValue(objective) is { } v && double.IsFinite(v) ? v : (double?)null)
            .ToList();
        var axisCount = parameters.Names.Count + 1;
        var span = Width - Left - Right;
        double AxisX(int index) => Left + (span * index / (axisCount - 1));

        var axes = new List<Func<object?, double?>>();
        html.Append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
            .Append(Coordinate(Width)).Append(' ').Append(Coordinate(Height))
            .Append("\" role=\"img\" aria-label=\"hyperparameters against ").Append(Escape(metricName)).Append("\">\n");
        html.Append("<defs><linearGradient id=\"").Append(idPrefix).Append(
            "-scale\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">");
        for (var i = 0; i <= 4; i++)
        {
            html.Append("<stop offset=\"").Append(Coordinate(i / 4.0)).Append("\" stop-color=\"").Append(
                ReportPalette.Scale(i / 4.0)).Append("\"/>");
        }

        html.Append("</linearGradient></defs>\n");

        // Axes are drawn after the lines so their labels stay readable.
        var axisHtml = new StringBuilder("<g class=\"axis\">");
        for (var i = 0; i < parameters.Names.Count; i++)
        {
            var name = parameters.Names[i];
            var values = Enumerable.Range(0, trials.Count).Select(t => parameters.Get(t, name)).Where(v =>
                v is not null).ToList();
            axes.Add(parameters.IsNumeric(name)
                ? NumericAxis(
                    axisHtml, AxisX(i), name, values.Select(v => ReportParameters.ToNumber(v)!.Value).ToList())
                : CategoryAxis(axisHtml, AxisX(i), name, values!));
        }

        var finiteScores = scores.Where(s => s is not null).Select(s => s!.Value).ToList();
        Func<object?, double?>? metricAxis = finiteScores.Count > 0
            ? NumericAxis(axisHtml, AxisX(axisCount - 1), metricName, finiteScores, allowLogarithmic: false,
                emphasize: true)
            : null;
        axisHtml.Append("</g>\n");

        var low = finiteScores.Count > 0 ? finiteScores.Min() : 0;
        var high = finiteScores.Count > 0 ? finiteScores.Max() : 0;
        var order = Enumerable.Range(0, trials.Count)
            .OrderBy(i => scores[i] is null ? 0 : 1)
            .ThenBy(i => ReferenceEquals(trials[i], best) ? 1 : 0)
            .ThenBy(i => scores[i] is { } s ? (objective.Goal == ObjectiveGoal.Maximize ? s : -s) : 0)
            .ToList();
        html.Append("<g class=\"lines\">\n");
        foreach (var t in order)
        {
            var trial = trials[t];
            var path = new StringBuilder();
            var positions = new StringBuilder();
            var pen = 'M';
            for (var a = 0; a < axisCount; a++)
            {
                var y = a < parameters.Names.Count ? axes[a](parameters.Get(t, parameters.Names[a])) : scores[t] is
                    { } s ? metricAxis!(s) : null;
                positions.Append(a == 0 ? string.Empty : " ").Append(y is { } yy ? Coordinate(yy) : "-");
                if (y is null)
                {
                    pen = 'M';
                    continue;
                }

                path.Append(pen).Append(Coordinate(AxisX(a))).Append(',').Append(Coordinate(y.Value));
                pen = 'L';
            }

            if (path.Length == 0)
            {
                continue;
            }

            var goodness = scores[t] is { } score && high > low ? (score - low) / (high - low) : 1;
            if (objective.Goal == ObjectiveGoal.Minimize)
            {
                goodness = 1 - goodness;
            }

            var isBest = ReferenceEquals(trial, best);
            html.Append("<path data-trial=\"").Append(trial.Number).Append("\" data-ys=\"").Append(positions).Append(
                "\" fill=\"none\" d=\"").Append(path).Append("\" stroke=\"")
                .Append(scores[t] is null ? "#b0b0b0" : ReportPalette.Scale(goodness))
                .Append("\" stroke-width=\"").Append(isBest ? "4" : "2").Append("\" stroke-opacity=\"").Append(
                    isBest ? "1" : "0.8").Append('"');
            if (scores[t] is null)
            {
                html.Append(" stroke-dasharray=\"4 4\"");
            }

            html.Append(" data-tip=\"").Append(Escape(Describe(trial, t, parameters, objective, scores[t]))).Append(
                "\"/>\n");
        }

        html.Append("</g>\n").Append(axisHtml);
        html.Append("<g class=\"brushes\" data-top=\"").Append(Coordinate(Top)).Append("\" data-bottom=\"").Append(
            Coordinate(Height - Bottom)).Append("\">");
        for (var a = 0; a < axisCount; a++)
        {
            html.Append("<rect class=\"brush-area\" data-axis=\"").Append(a).Append("\" x=\"").Append(
                Coordinate(AxisX(a) - 12)).Append("\" y=\"").Append(Coordinate(Top))
                .Append("\" width=\"24\" height=\"").Append(Coordinate(Height - Bottom - Top)).Append(
                    "\" fill=\"transparent\"/>");
        }

        html.Append("</g>\n");
        WriteScaleLegend(html, idPrefix, objective, low, high, finiteScores.Count < trials.Count);
        html.Append("</svg>\n");
    }

    private static Func<object?, double?> NumericAxis(
        StringBuilder html, double x, string name, IReadOnlyList<double> values, bool allowLogarithmic =
        true, bool emphasize = false)
    {
        var scale = ChartScale.Create(values, Height - Bottom, Top, allowLogarithmic);
        WriteAxisLine(html, x, name + (scale.IsLogarithmic ? " (log)" : string.Empty), emphasize);
        var ticks = scale.Ticks(5);

        // The last (metric) axis is labelled on its right, the others on their left.
        var (offset, anchor) = emphasize ? (7, "start") : (-7, "end");
        foreach (var tick in ticks)
        {
            var y = Coordinate(scale.Map(tick));
            html.Append("<line class=\"tick\" x1=\"").Append(Coordinate(x + Math.Sign(offset) * 4)).Append(
                "\" x2=\"").Append(Coordinate(x)).Append("\" y1=\"").Append(y)
                .Append("\" y2=\"").Append(y).Append("\"/><text class=\"halo\" x=\"").Append(Coordinate(x + offset))
                    .Append("\" y=\"").Append(y)
                .Append("\" dy=\"4\" text-anchor=\"").Append(anchor).Append("\">").Append(Escape(Number(tick))).Append(
                    "</text>");
        }

        return value => ReportParameters.ToNumber(value) is { } number && double.IsFinite(number) ? scale.Map(number)
            : null;
    }

    private static Func<object?, double?> CategoryAxis(
        StringBuilder html, double x, string name, IReadOnlyList<object> values)
    {
        WriteAxisLine(html, x, name, emphasize: false);
        var categories = values.Select(Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var positions = new Dictionary<string, double>(StringComparer.Ordinal);
        var usable = Height - Bottom - Top - (2 * CategoryPadding);
        for (var i = 0; i < categories.Count; i++)
        {
            var y = categories.Count == 1 ? (Top + Height - Bottom) / 2 : Height - Bottom - CategoryPadding - (
                usable * i / (categories.Count - 1));
            positions[categories[i]] = y;
            if (categories.Count <= 12 || i % (int)Math.Ceiling(categories.Count / 12.0) == 0)
            {
                html.Append("<circle cx=\"").Append(Coordinate(x)).Append("\" cy=\"").Append(Coordinate(y)).Append(
                    "\" r=\"2.5\" class=\"category\"/>")
                    .Append("<text class=\"halo\" x=\"").Append(Coordinate(x - 7)).Append("\" y=\"").Append(
                        Coordinate(y)).Append("\" dy=\"4\" text-anchor=\"end\">")
                    .Append(Escape(MetricLineChart.Shorten(categories[i], 12))).Append("</text>");
            }
        }

        return value => value is not null && positions.TryGetValue(Value(value), out var y) ? y : null;
    }

    private static void WriteAxisLine(StringBuilder html, double x, string name, bool emphasize)
    {
        html.Append("<line class=\"frame\" x1=\"").Append(Coordinate(x)).Append("\" x2=\"").Append(
            Coordinate(x)).Append("\" y1=\"").Append(Coordinate(Top))
            .Append("\" y2=\"").Append(Coordinate(Height - Bottom)).Append("\"/><text class=\"title\" x=\"").Append(
                Coordinate(x)).Append("\" y=\"")
            .Append(Coordinate(Top - 16)).Append("\" text-anchor=\"middle\"");
        if (emphasize)
        {
            html.Append(" font-weight=\"bold\"");
        }

        html.Append('>');
        var label = MetricLineChart.Shorten(name, 18);
        if (label.Length < name.Length)
        {
            html.Append("<title>").Append(Escape(name)).Append("</title>");
        }

        html.Append(Escape(label)).Append("</text>");
    }

    private static void WriteScaleLegend(StringBuilder html, string idPrefix, Objective objective, double low,
        double high, bool someWithoutMetric)
    {
        var y = Height - 30;
        var (left, right) = objective.Goal == ObjectiveGoal.Maximize ? (low, high) : (high, low);
        html.Append("<g class=\"legend\"><text x=\"").Append(Coordinate(Left)).Append("\" y=\"").Append(
            Coordinate(y + 10))
            .Append("\">worse ").Append(Escape(Number(left))).Append("</text><rect x=\"").Append(Coordinate(Left + 100))
                .Append("\" y=\"").Append(Coordinate(y))
            .Append("\" width=\"200\" height=\"12\" rx=\"2\" fill=\"url(#").Append(idPrefix).Append(
                "-scale)\"/><text x=\"").Append(Coordinate(Left + 308))
            .Append("\" y=\"").Append(Coordinate(y + 10)).Append("\">").Append(Escape(Number(right))).Append(
                " better</text>");
        if (someWithoutMetric)
        {
            html.Append("<text class=\"note\" x=\"").Append(Coordinate(Width - Right)).Append("\" y=\"").Append(
                Coordinate(y + 10))
                .Append("\" text-anchor=\"end\">grey dashed: no ").Append(Escape(objective.PrimaryMetric)).Append(
                    " reported</text>");
        }

        html.Append("</g>\n");
    }

    private static string Describe(TrialResult trial, int index, ReportParameters parameters, Objective objective,
        double? score)
    {
        var text = new StringBuilder(trial.Id).Append(" (").Append(trial.Status.ToString().ToLowerInvariant()).Append(
            ')');
        foreach (var name in parameters.Names)
        {
            if (parameters.Get(index, name) is { } value)
            {
                text.Append('\n').Append(name).Append(" = ").Append(Value(value));
            }
        }

        text.Append('\n').Append(CultureInfo.InvariantCulture, $"best {objective.PrimaryMetric} = ").Append(
            score is { } s ? Number(s) : "\u2014");
        return text.ToString();
    }
}
