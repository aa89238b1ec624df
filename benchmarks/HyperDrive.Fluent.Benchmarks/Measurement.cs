using System.Diagnostics;

namespace HyperDrive.Fluent.Benchmarks;

/// <summary>Runs a workload once to warm up, then <c>repetitions</c> times, and keeps every figure (the table shows the median).</summary>
internal static class Measurement
{
    public static async Task<IReadOnlyList<double>> RepeatAsync(int repetitions, Func<bool, Task<double>> run)
    {
        await run(true).ConfigureAwait(false);
        var figures = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            // A full collection between repetitions so one run's garbage is not billed to the next.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            figures.Add(await run(false).ConfigureAwait(false));
        }

        return figures;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double MillisecondsPer(Stopwatch stopwatch, int count) => stopwatch.Elapsed.TotalMilliseconds / count;
}
