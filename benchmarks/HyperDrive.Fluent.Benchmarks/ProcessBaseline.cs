using System.Diagnostics;

namespace HyperDrive.Fluent.Benchmarks;

/// <summary>The floor for process trials: start the same trivial process <c>count</c> times, <c>concurrency</c> at a time,
/// read its output and wait for it, with nothing else around it. The engine's overhead is its time above this.</summary>
internal static class ProcessBaseline
{
    public static async Task<double> MillisecondsPerTrialAsync(IReadOnlyList<string> command, int count, int concurrency)
    {
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in command.Skip(1))
                {
                    start.ArgumentList.Add(argument);
                }

                start.ArgumentList.Add("x=0.5");
                using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync().ConfigureAwait(false);
                if (!(await output.ConfigureAwait(false)).Contains("m=1", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{string.Join(' ', command)} did not print m=1: {await error.ConfigureAwait(false)}");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return Measurement.MillisecondsPer(stopwatch, count);
    }
}
