using System.Globalization;
using HyperDrive.Fluent.Engines;

namespace QuickStart;

/// <summary>Prints the trials of a finished sweep as a table, then the best alpha and r2.</summary>
internal static class ResultTable
{
    public static void Print(SweepResult result)
    {
        var objective = result.Objective!;
        Console.WriteLine();
        Console.WriteLine($"Sweep {result.RunId}: {result.Status.ToString().ToLowerInvariant()}");
        Console.WriteLine();
        var rows = result.Trials.Select(t => new[]
        {
            t.Id,
            t.Status.ToString().ToLowerInvariant(),
            t.Parameters.TryGetValue("alpha", out var a) && a is double alpha ? alpha.ToString("F4", CultureInfo.InvariantCulture) : "?",
            t.BestValue(objective) is { } r2 ? r2.ToString("F4", CultureInfo.InvariantCulture) : "-",
            t.GetMetric(objective.PrimaryMetric).Count.ToString(CultureInfo.InvariantCulture),
            t.Duration is { } d ? $"{d.TotalSeconds:F2} s" : "-",
            (result.BestTrial?.Id == t.Id ? "best" : string.Empty),
        }).ToList();
        string[] header = ["trial", "status", "alpha", "best r2", "reports", "duration", string.Empty];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        bool[] right = [false, false, true, true, true, true, false];
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => right[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        Console.WriteLine(Line(header));
        Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
        rows.ForEach(r => Console.WriteLine(Line(r)));
        Console.WriteLine();

        foreach (var warning in result.Warnings)
        {
            Console.WriteLine($"note: {warning}");
        }

        if (result.BestTrial is { } best && best.BestValue(objective) is { } value)
        {
            var bestAlpha = best.Parameters.TryGetValue("alpha", out var a) ? Convert.ToDouble(a, CultureInfo.InvariantCulture) : double.NaN;
            Console.WriteLine($"Best: {best.Id} with alpha = {bestAlpha:F4}, r2 = {value:F4}");
        }
        else
        {
            Console.WriteLine($"No trial reported {objective.PrimaryMetric}.");
        }
    }
}
