using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>Parameter against metric: one small scatter per hyperparameter (a log axis for log distributions, jittered
/// columns for choices), as Optuna's <c>plot_slice</c>.</summary>
internal static class ParameterSliceChart
{
    private const double Width = 280, Height = 210, Left = 56, Right = 12, Top = 12, Bottom = 48;

    public static void Write(StringBuilder html, IReadOnlyList<TrialResult> trials, ReportParameters parameters,
        Objective objective, ReportContext context)
    {
        var scored =
            Enumerable.Range(0, trials.Count).Where(i => trials[i].BestValue(objective) is { } v && double.IsFinite(v))
            .ToList();
        if (scored.Count == 0 || parameters.Names.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing to plot yet.</p>\n");
            return;
        }

        var ys = ChartScale.Create(scored.Select(i => trials[i].BestValue(objective)!.Value).ToList(), Height - Bottom,
            Top);
        html.Append("<div class=\"slices\">\n");
        foreach (var name in parameters.Names)
        {
            var rows = scored.Where(i => parameters.Get(i, name) is not null).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            html.Append("<div class=\"slice\" data-param=\"").Append(Escape(name)).Append("\">");
            SvgAxes.Open(html, Width, Height, "slice", name + " against " + objective.PrimaryMetric);
            Func<int, double> xOf;
            IReadOnlyList<(double, string)>? categories = null;
            ChartScale xs;
            var isLog = false;
            if (parameters.IsNumeric(name))
            {
                isLog = context.LogParameters.Contains(name);
                xs = ChartScale.Create(
                    rows.Select(i => ReportParameters.ToNumber(parameters.Get(i, name))!.Value).ToList(), Left + 6,
                    Width - Right - 6, allowLogarithmic: false, forceLogarithmic: isLog);
                isLog = xs.IsLogarithmic;
                xOf = i => xs.Map(ReportParameters.ToNumber(parameters.Get(i, name))!.Value);
            }
            else
            {
                var labels = rows.Select(i => Value(parameters.Get(i, name))).Distinct(StringComparer.Ordinal).Order(
                    StringComparer.Ordinal).ToList();
                var band = (Width - Left - Right) / labels.Count;
                xs = ChartScale.Create([0.0, labels.Count], Left, Width - Right);
                categories = labels.Select((l, k) => (Left + (band * (k + 0.5)), l)).ToList();
                xOf = i =>
                    Left + (band * (
                    labels.IndexOf(Value(parameters.Get(i, name))) + 0.5 + (0.3 * SvgAxes.Jitter(trials[i].Number))));
            }

            SvgAxes.Draw(html, xs, ys, Left, Width - Right, Top, Height - Bottom, name
                + (isLog ? " (log)" : string.Empty), objective.PrimaryMetric, categories, xTicks: 4);
            html.Append("<g class=\"points\">");
            foreach (var i in rows)
            {
                var value = trials[i].BestValue(objective)!.Value;
                html.Append("<circle class=\"pt\" data-trial=\"").Append(trials[i].Number).Append("\" cx=\"").Append(
                    Coordinate(xOf(i))).Append("\" cy=\"")
                    .Append(Coordinate(ys.Map(value))).Append("\" r=\"3\" fill=\"").Append(ReportPalette.Trial(0))
                        .Append("\" fill-opacity=\"0.65\" data-tip=\"")
                    .Append(Escape(
                        $"{trials[i].Id}: {name} = {Value(parameters.Get(i, name))}, {objective.PrimaryMetric} " +
                        $"{Number(value)}")).Append("\"/>");
            }

            html.Append("</g>\n</svg></div>\n");
        }

        html.Append("</div>\n");
    }
}
