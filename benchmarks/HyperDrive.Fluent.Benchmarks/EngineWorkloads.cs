using System.Diagnostics;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Benchmarks;

/// <summary>The HyperDrive.Fluent side: whole sweeps on the local engine, timed from <c>StartAsync</c> to the written
/// results (journal, sweep.json, metrics_output.json and the run folder included).</summary>
internal sealed class EngineWorkloads(string outputRoot)
{
    private int _runs;

    /// <summary>Gets the folder the run folders are made in.</summary>
    public string OutputRoot => outputRoot;

    /// <summary>Milliseconds per trial for <paramref name="trials"/> process trials running <paramref name="command"/>
    /// (plus an <c>x=&lt;value&gt;</c> argument), <paramref name="concurrency"/> at a time.</summary>
    public async Task<double> ProcessTrialsAsync(IReadOnlyList<string> command, int trials, int concurrency)
    {
        var template = string.Join(' ', command.Select(Quote)) + " x=${{search_space.x}}";
        var sweep = Sweep.ForCommand(template)
            .Sample("x", Uniform(0.0, 1.0))
            .Maximize("m")
            .Runs(trials, concurrency)
            .Build();
        var (elapsed, result) = await RunAsync(sweep).ConfigureAwait(false);
        Check(result, trials);
        return elapsed.TotalMilliseconds / trials;
    }

    /// <summary>Trials per second for <paramref name="trials"/> trivial in-process trials (one report each), run as
    /// sweeps of at most <paramref name="trialsPerSweep"/> trials (Azure's and the validator's limit is 1000).</summary>
    public async Task<double> InProcessTrialsAsync(int trials, int trialsPerSweep, int concurrency)
    {
        var elapsed = TimeSpan.Zero;
        for (var done = 0; done < trials; done += trialsPerSweep)
        {
            var count = Math.Min(trialsPerSweep, trials - done);
            var sweep = Sweep.For((TrialContext ctx, CancellationToken _) =>
                {
                    ctx.Report("m", ctx.Parameters.GetDouble("x"));
                    return Task.CompletedTask;
                })
                .Sample("x", Uniform(0.0, 1.0))
                .Maximize("m")
                .Runs(count, concurrency)
                .Build();
            var (time, result) = await RunAsync(sweep).ConfigureAwait(false);
            Check(result, count);
            elapsed += time;
        }

        return trials / elapsed.TotalSeconds;
    }

    /// <summary>Seconds for one sweep of <paramref name="trials"/> in-process trials that report five values each, with
    /// the policy evaluated at every report (or no policy), 2 at a time: the policy's cost as the sweep grows.</summary>
    public async Task<double> PolicySweepAsync(int trials, PolicyWorkload policy)
    {
        var builder = Sweep.For((TrialContext ctx, CancellationToken _) =>
            {
                var x = ctx.Parameters.GetDouble("x");
                for (var step = 1; step <= 5; step++)
                {
                    ctx.Report("m", x * step);
                }

                return Task.CompletedTask;
            })
            .Sample("x", Uniform(0.0, 1.0))
            .Maximize("m")
            .Runs(trials, 2);
        var sweep = (policy switch
        {
            PolicyWorkload.MedianStopping => builder.MedianStopping(evaluationInterval: 1),
            PolicyWorkload.TruncationSelection => builder.TruncationSelection(truncationPercentage: 10, evaluationInterval: 1),
            _ => builder,
        }).Build();
        var (elapsed, result) = await RunAsync(sweep).ConfigureAwait(false);
        if (result.Status != SweepRunStatus.Completed || result.Trials.Count != trials)
        {
            throw new InvalidOperationException($"The {policy} sweep ended {result.Status} with {result.Trials.Count} of {trials} trials.");
        }

        return elapsed.TotalSeconds;
    }

    private async Task<(TimeSpan Elapsed, SweepResult Result)> RunAsync(SweepDefinition sweep)
    {
        var options = new LocalSweepEngineOptions { OutputRoot = outputRoot, StreamTrialOutput = false, DefaultSeed = 0 };
        await using var engine = new LocalSweepEngine(options);
        var name = $"bench-{Environment.ProcessId}-{Interlocked.Increment(ref _runs)}";
        var stopwatch = Stopwatch.StartNew();
        var run = await engine.StartAsync(sweep, new SweepRunOptions { RunName = name }).ConfigureAwait(false);
        var result = await run.WaitForCompletionAsync().ConfigureAwait(false);
        stopwatch.Stop();
        Directory.Delete(Path.Combine(outputRoot, name), recursive: true);
        return (stopwatch.Elapsed, result);
    }

    private static void Check(SweepResult result, int trials)
    {
        var completed = result.Trials.Count(t => t.Status == TrialStatus.Completed && t.GetMetric("m").Count > 0);
        if (result.Status != SweepRunStatus.Completed || completed != trials)
        {
            var why = result.Error ?? result.Trials.FirstOrDefault(t => t.Status != TrialStatus.Completed)?.Error ?? string.Join("; ", result.Warnings);
            throw new InvalidOperationException($"The benchmark sweep ended {result.Status} with {completed} of {trials} trials completed: {why}");
        }
    }

    private static string Quote(string word) =>
        word.IndexOfAny([' ', '\'', '"', '\\', '$', '(', ')', '&', '|', ';', '<', '>']) < 0
            ? word
            : "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
