using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>A pipeline's steps as a graph (columns by dependency depth, arrows from the steps whose outputs a step
/// takes), each box coloured by the step's status; with links, a step opens its own page.</summary>
internal static class StepGraphChart
{
    private const double BoxWidth = 150, BoxHeight = 46, ColumnGap = 70, RowGap = 18, Pad = 12;

    public static void Write(StringBuilder html, SweepResult result, ReportContext context)
    {
        var graph = context.StepGraph.Count > 0
            ? context.StepGraph
            : result.Steps.Keys.Select(n =>
                new ReportStep(n, result.Steps[n].Trials.Count > 1 ? "sweep" : "command", [])).ToList();
        if (graph.Count == 0)
        {
            return;
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in graph)
        {
            depth[step.Name] = step.DependsOn.Where(depth.ContainsKey).Select(d => depth[d] + 1).DefaultIfEmpty(
                0).Max();
        }

        var columns = graph.GroupBy(s => depth[s.Name]).OrderBy(g => g.Key).ToList();
        var rows = columns.Max(c => c.Count());
        var width = (2 * Pad) + (columns.Count * BoxWidth) + ((columns.Count - 1) * ColumnGap);
        var height = (2 * Pad) + (rows * BoxHeight) + ((rows - 1) * RowGap);
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var row = 0;
            foreach (var step in column)
            {
                position[step.Name] =
                    (Pad + (column.Key * (BoxWidth + ColumnGap)), Pad + (row++ * (BoxHeight + RowGap)));
            }
        }

        SvgAxes.Open(html, width, height, "steps-graph", "pipeline steps");
        html.Append(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 " +
            "10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path " +
            "d=\"M0,0L10,5L0,10z\" fill=\"#8c959f\"/></marker></defs>\n");
        foreach (var step in graph)
        {
            foreach (var upstream in step.DependsOn.Where(position.ContainsKey))
            {
                var (x1, y1) = position[upstream];
                var (x2, y2) = position[step.Name];
                html.Append("<line class=\"edge\" x1=\"").Append(Coordinate(x1 + BoxWidth)).Append("\" y1=\"").Append(
                    Coordinate(y1 + (BoxHeight / 2)))
                    .Append("\" x2=\"").Append(Coordinate(x2)).Append("\" y2=\"").Append(
                        Coordinate(y2 + (BoxHeight / 2)))
                    .Append("\" stroke=\"#8c959f\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
            }
        }

        foreach (var step in graph)
        {
            var (x, y) = position[step.Name];
            var status = result.Steps.TryGetValue(step.Name, out var ran) ? ran.Status.ToString().ToLowerInvariant()
                : "not run";
            var color = ran is null ? "#8c959f" : ran.Status switch
            {
                SweepRunStatus.Completed => "#2e7d32",
                SweepRunStatus.Failed => "#c62828",
                SweepRunStatus.Canceled => "#6d6d6d",
                _ => "#1565c0",
            };
            var link = context.StepLink?.Invoke(step.Name);
            if (link is not null)
            {
                html.Append("<a href=\"").Append(Escape(link)).Append("\">");
            }

            html.Append("<g class=\"step\" data-step=\"").Append(Escape(step.Name)).Append("\"><rect x=\"").Append(
                Coordinate(x)).Append("\" y=\"").Append(Coordinate(y))
                .Append("\" width=\"").Append(Coordinate(BoxWidth)).Append("\" height=\"").Append(Coordinate(BoxHeight))
                    .Append("\" rx=\"6\" fill=\"#fff\" stroke=\"")
                .Append(color).Append("\" stroke-width=\"2\"/><text class=\"title\" x=\"").Append(Coordinate(x + 10))
                    .Append("\" y=\"").Append(Coordinate(y + 19)).Append("\">")
                .Append(Escape(MetricLineChart.Shorten(step.Name, 18))).Append("</text><text x=\"").Append(
                    Coordinate(x + 10)).Append("\" y=\"").Append(Coordinate(y + 36))
                .Append("\" fill=\"").Append(color).Append("\">").Append(Escape(step.Type + " \u00b7 " + status))
                    .Append("</text></g>");
            if (link is not null)
            {
                html.Append("</a>");
            }
        }

        html.Append("\n</svg>\n");
    }
}
