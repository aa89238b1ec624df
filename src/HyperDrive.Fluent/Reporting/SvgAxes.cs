using System.Text;
using static HyperDrive.Fluent.Reporting.HtmlText;

namespace HyperDrive.Fluent.Reporting;

/// <summary>The frame, grid, ticks and titles shared by the report's x/y charts.</summary>
internal static class SvgAxes
{
    /// <summary>Opens an inline SVG of the given size.</summary>
    public static void Open(StringBuilder html, double width, double height, string cssClass, string label) =>
        html.Append("<svg class=\"chart ").Append(cssClass).Append(
            "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
            .Append(Coordinate(width)).Append(' ').Append(Coordinate(height)).Append("\" role=\"img\" aria-label=\"")
            .Append(Escape(label)).Append("\">\n");

    /// <summary>Draws a y axis with grid lines and an x axis with ticks, and their titles.</summary>
    public static void Draw(StringBuilder html, ChartScale xs, ChartScale ys, double left, double right, double top,
        double bottom, string xTitle, string yTitle, IReadOnlyList<(double Position, string Label)>? xCategories =
        null, int xTicks = 6)
    {
        html.Append("<g class=\"axis\">");
        foreach (var tick in ys.Ticks(5))
        {
            var y = Coordinate(ys.Map(tick));
            html.Append("<line class=\"grid\" x1=\"").Append(Coordinate(left)).Append("\" x2=\"").Append(
                Coordinate(right))
                .Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/><text x=\"").Append(
                    Coordinate(left - 6))
                .Append("\" y=\"").Append(y).Append("\" dy=\"4\" text-anchor=\"end\">").Append(Escape(Number(tick)))
                    .Append("</text>");
        }

        var ticks = xCategories ?? xs.Ticks(xTicks).Select(t => (xs.Map(t), Number(t))).ToList();
        foreach (var (position, label) in ticks)
        {
            var x = Coordinate(position);
            html.Append("<line class=\"tick\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(
                Coordinate(bottom))
                .Append("\" y2=\"").Append(Coordinate(bottom + 5)).Append("\"/><text x=\"").Append(x).Append(
                    "\" y=\"").Append(Coordinate(bottom + 17))
                .Append("\" text-anchor=\"middle\">").Append(Escape(MetricLineChart.Shorten(label, 12))).Append(
                    "</text>");
        }

        html.Append("<line class=\"frame\" x1=\"").Append(Coordinate(left)).Append("\" x2=\"").Append(
            Coordinate(right)).Append("\" y1=\"")
            .Append(Coordinate(bottom)).Append("\" y2=\"").Append(Coordinate(bottom)).Append(
                "\"/><line class=\"frame\" x1=\"").Append(Coordinate(left))
            .Append("\" x2=\"").Append(Coordinate(left)).Append("\" y1=\"").Append(Coordinate(top)).Append(
                "\" y2=\"").Append(Coordinate(bottom)).Append("\"/>");
        html.Append("<text class=\"title\" x=\"").Append(Coordinate((left + right) / 2)).Append("\" y=\"").Append(
            Coordinate(bottom + 34))
            .Append("\" text-anchor=\"middle\">").Append(Escape(xTitle)).Append("</text>");
        html.Append("<text class=\"title\" transform=\"translate(14,").Append(Coordinate((top + bottom) / 2)).Append(
            ") rotate(-90)\" text-anchor=\"middle\">")
            .Append(Escape(MetricLineChart.Shorten(yTitle, 28))).Append("</text></g>\n");
    }

    /// <summary>A small deterministic offset in [-1, 1] for trial <paramref name="number"/> (jitter of category
    /// points).</summary>
    public static double Jitter(int number)
    {
        var h = (uint)number * 2654435761u;
        h ^= h >> 16;
        return ((h % 2001) / 1000.0) - 1;
    }
}
