using System.Diagnostics;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;

namespace HyperDrive.Fluent.Local.Tests;

internal static class LocalTestHelpers
{
    public static LocalSweepEngine Engine(TempFolder temp, Action<LocalSweepEngineOptions>? configure = null)
    {
        var options = new LocalSweepEngineOptions { OutputRoot = temp.Combine("runs"), MaxConcurrentTrials = 2, MlflowPollInterval = TimeSpan.FromMilliseconds(50) };
        configure?.Invoke(options);
        return new LocalSweepEngine(options);
    }

    public static SweepRunOptions Options(TempFolder temp, string runName = "run1") =>
        new() { RunName = runName, BaseDirectory = temp.Path };

    public static async Task<SweepResult> RunAsync(LocalSweepEngine engine, JobDefinition definition, SweepRunOptions options)
    {
        await using var run = await engine.StartAsync(definition, options);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await run.WaitForCompletionAsync(limit.Token);
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            // a zombie (exited, not yet reaped by its parent) is not running
            var stat = $"/proc/{pid}/stat";
            return !File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] != "Z";
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was not met in time.");
            }

            await Task.Delay(20);
        }
    }
}
