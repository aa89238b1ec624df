using System.Text;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>Hyperparameter importance (<see cref="ParameterImportance"/>) as horizontal bars, largest first.</summary>
internal static class ImportanceChart
{
    private const double Width = 860, Left = 170, Right = 70, Row = 26, Top = 8;

    public static void Write(StringBuilder html, IReadOnlyList<(string Name, double Importance)> importances)
    {
        if (importances.Count == 0)
        {
            html.Append("<p class=\"empty\">Importance needs at least ").Append(ParameterImportance.MinimumTrials)
                .Append(" trials with a value.</p>\n");
            return;
        }

        var height = Top + (Row * importances.Count) + 24;
        SvgAxes.Open(html, Width, height, "importance", "hyperparameter importance");
        var span = Width - Left - Right;
        for (var i = 0; i < importances.Count; i++)
        {
            var (name, share) = importances[i];
            var y = Top + (i * Row);
            html.Append("<g class=\"bar\" data-param=\"").Append(Escape(name)).Append("\" data-importance=\"").Append(
                share.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\"><text x=\"").Append(Coordinate(Left - 8)).Append("\" y=\"").Append(Coordinate(y + 16))
                    .Append("\" text-anchor=\"end\">")
                .Append(Escape(MetricLineChart.Shorten(name, 24))).Append("</text><rect x=\"").Append(
                    Coordinate(Left)).Append("\" y=\"").Append(Coordinate(y + 4))
                .Append("\" width=\"").Append(Coordinate(Math.Max(1, span * share))).Append("\" height=\"").Append(
                    Coordinate(Row - 8))
                .Append("\" rx=\"2\" fill=\"#4e79a7\"/><text x=\"").Append(Coordinate(Left + (span * share) + 6))
                    .Append("\" y=\"").Append(Coordinate(y + 16)).Append("\">")
                .Append(share.ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture)).Append(
                    "</text></g>\n");
        }

        html.Append("<text class=\"note\" x=\"").Append(Coordinate(Left)).Append("\" y=\"").Append(
            Coordinate(height - 6))
            .Append("\">share of the metric's variance explained by each hyperparameter alone (fANOVA over a random " +
                "forest of the trials)</text></svg>\n");
    }
}
