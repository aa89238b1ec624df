using System.Globalization;

namespace HyperDrive.Fluent.Reporting;

/// <summary>The report's colours: a categorical palette for trials and a sequential scale for metric values.</summary>
internal static class ReportPalette
{
    // Tableau 10: distinguishable, and readable on white.
    private static readonly string[] Categorical =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ];

    // Viridis stops, from worst (light yellow) to best (dark purple-blue).
    private static readonly (double R, double G, double B)[] Sequential =
    [
        (253, 231, 37), (94, 201, 98), (33, 145, 140), (59, 82, 139), (68, 1, 84),
    ];

    /// <summary>Gets the colour of trial number <paramref name="index"/>.</summary>
    public static string Trial(int index) =>
        Categorical[((index % Categorical.Length) + Categorical.Length) % Categorical.Length];

    /// <summary>Gets the colour for a position from 0 (worst) to 1 (best).</summary>
    public static string Scale(double position)
    {
        if (double.IsNaN(position))
        {
            position = 0;
        }

        position = Math.Clamp(position, 0, 1) * (Sequential.Length - 1);
        var low = Math.Min((int)Math.Floor(position), Sequential.Length - 2);
        var t = position - low;
        var (r0, g0, b0) = Sequential[low];
        var (r1, g1, b1) = Sequential[low + 1];
        int Mix(double from, double to) => (int)Math.Round(from + ((to - from) * t));
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(r0, r1):x2}{Mix(g0, g1):x2}{Mix(b0, b1):x2}");
    }

    /// <summary>Gets the colour of a trial status badge.</summary>
    public static string Status(Engines.TrialStatus status) => status switch
    {
        Engines.TrialStatus.Completed => "#2e7d32",
        Engines.TrialStatus.Failed => "#c62828",
        Engines.TrialStatus.Terminated => "#ef6c00",
        Engines.TrialStatus.Canceled => "#6d6d6d",
        Engines.TrialStatus.Running => "#1565c0",
        _ => "#6d6d6d",
    };
}
