using System.Text.Json;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Launchers;

public class InProcessTrialTests
{
    [Fact]
    public async Task Runs_every_trial_with_its_parameters_and_picks_the_best()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For(async (ctx, ct) =>
            {
                var alpha = ctx.Parameters.GetDouble("alpha");
                for (var step = 0; step < 3; step++)
                {
                    ctx.Report("r2", 1 - Math.Abs(alpha - 0.5) - (0.1 * (2 - step)));
                    await Task.Yield();
                }

                await File.WriteAllTextAsync(Path.Combine(ctx.Outputs["model"], "model.txt"), $"alpha={alpha}", ct);
            })
            .Sample("alpha", Uniform(0.05, 1.0))
            .Output("model")
            .Maximize("r2")
            .RandomSampling(seed: 42)
            .Runs(6, 2)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Should().HaveCount(6).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        result.Trials.Select(t => t.Number).Should().Equal(0, 1, 2, 3, 4, 5);
        result.Trials.Should().OnlyContain(t => t.GetMetric("r2").Count == 3);
        var expectedBest = result.Trials.MaxBy(t => t.GetMetric("r2").Max(v => v.Value))!;
        result.BestTrial!.Id.Should().Be(expectedBest.Id);
        result.BestTrial.Id.Should().Be($"run1_{expectedBest.Number}");
        var bestAlpha = (double)result.BestTrial.Parameters["alpha"];
        File.ReadAllText(Path.Combine(result.OutputDirectory!, "best", "model", "model.txt")).Should().Be($"alpha={bestAlpha}");
        result.Warnings.Should().NotContain(w => w.Contains("never reported", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creates_a_trial_folder_only_for_trials_that_ask_for_their_output_directory()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For(async (ctx, ct) =>
            {
                var n = ctx.Parameters.GetInt64("n");
                if (n == 2)
                {
                    await File.WriteAllTextAsync(Path.Combine(ctx.OutputDirectory, "weights.txt"), "n=2", ct);
                }

                ctx.Report("score", n == 2 ? 10 : n);
            })
            .Sample("n", Choice(1, 2, 3))
            .Maximize("score")
            .GridSampling()
            .Runs(3, 1)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        var trialFolders = Path.Combine(result.OutputDirectory!, "trials");
        Directory.EnumerateDirectories(trialFolders).Select(Path.GetFileName).Should().Equal("run1_1");
        result.BestTrial!.Id.Should().Be("run1_1");
        File.ReadAllText(Path.Combine(result.OutputDirectory!, "best", "weights.txt")).Should().Be("n=2");
    }

    [Fact]
    public async Task A_best_trial_that_wrote_nothing_leaves_an_empty_best_folder()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) =>
            {
                ctx.Report("score", ctx.Parameters.GetInt64("n"));
                return Task.CompletedTask;
            })
            .Sample("n", Choice(1, 2))
            .Maximize("score")
            .GridSampling()
            .Runs(2, 1)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.BestTrial!.Id.Should().Be("run1_1");
        Directory.Exists(Path.Combine(result.OutputDirectory!, "trials")).Should().BeTrue();
        Directory.EnumerateDirectories(Path.Combine(result.OutputDirectory!, "trials")).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Path.Combine(result.OutputDirectory!, "best")).Should().BeEmpty();
    }

    [Fact]
    public async Task Writes_sweep_json_and_metrics_output_json()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) =>
            {
                ctx.Report("loss", ctx.Parameters.GetInt64("n") * 1.5, step: 10);
                ctx.Report("loss", ctx.Parameters.GetInt64("n") * 1.0, step: 20);
                return Task.CompletedTask;
            })
            .Sample("n", Choice(1, 2, 3))
            .Minimize("loss")
            .GridSampling()
            .Runs(3, 1)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        var folder = result.OutputDirectory!;
        Directory.EnumerateFiles(folder, "*.tmp").Should().BeEmpty();
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics_output.json")));
        metrics.RootElement.GetProperty("run1_0").GetProperty("loss").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(1.5, 1.0);
        metrics.RootElement.GetProperty("run1_2").GetProperty("loss").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(4.5, 3.0);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "sweep.json")));
        var root = summary.RootElement;
        root.GetProperty("status").GetString().Should().Be("Completed");
        root.GetProperty("definition").GetProperty("objective").GetProperty("goal").GetString().Should().Be("minimize");
        root.GetProperty("definition").GetProperty("sampling").GetProperty("algorithm").GetString().Should().Be("grid");
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        trials.Should().HaveCount(3);
        trials[1].GetProperty("parameters").GetProperty("n").GetInt64().Should().Be(2);
        trials[1].GetProperty("metrics").GetProperty("loss")[1].GetProperty("step").GetInt64().Should().Be(20);
        trials[1].GetProperty("bestValue").GetDouble().Should().Be(2.0);
        root.GetProperty("best").GetProperty("trialId").GetString().Should().Be("run1_0");
        root.GetProperty("best").GetProperty("value").GetDouble().Should().Be(1.0);
        File.Exists(Path.Combine(folder, "journal.jsonl")).Should().BeTrue();
    }

    [Fact]
    public async Task Grid_exhaustion_ends_the_sweep_early_with_a_notice()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => { ctx.Report("m", 1); return Task.CompletedTask; })
            .Sample("a", Choice("x", "y")).Sample("b", Choice(1, 2)).Maximize("m").GridSampling().Runs(50, 2).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Select(t => $"{t.Parameters["a"]}{t.Parameters["b"]}").Should().BeEquivalentTo("x1", "x2", "y1", "y2");
        result.Warnings.Should().Contain(w => w.Contains("exhausted after 4 trials", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrency_never_exceeds_the_limit()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp, o => o.MaxConcurrentTrials = 8);
        var running = 0;
        var peak = 0;
        var sweep = Sweep.For(async (ctx, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(30, ct);
                ctx.Report("m", now);
                Interlocked.Decrement(ref running);
            })
            .Sample("a", Uniform(0, 1)).Maximize("m").Runs(12, 3).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Trials.Should().HaveCount(12).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        peak.Should().Be(3);
    }

    [Fact]
    public async Task Watchers_see_every_update_from_the_start()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => { ctx.Report("m", 1); return Task.CompletedTask; })
            .Sample("a", Uniform(0, 1)).Maximize("m").Runs(3, 1).Build();

        await using var run = await engine.StartAsync(sweep, Options(temp));
        var first = Collect(run);
        await run.WaitForCompletionAsync();
        var late = Collect(run);

        foreach (var updates in new[] { await first, await late })
        {
            updates.Count(u => u.Kind == TrialUpdateKind.Started).Should().Be(3);
            updates.Count(u => u.Kind == TrialUpdateKind.Metric).Should().Be(3);
            updates.Where(u => u.Kind == TrialUpdateKind.Finished).Should().HaveCount(3).And.OnlyContain(u => u.Status == TrialStatus.Completed);
            updates.Should().Contain(u => u.Kind == TrialUpdateKind.BestChanged);
        }

        (await late).Should().Equal(await first);
        run.Status.Should().Be(SweepRunStatus.Completed);
    }

    [Fact]
    public async Task A_throwing_trial_fails_and_the_sweep_goes_on()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) =>
            {
                if (ctx.TrialNumber == 1)
                {
                    throw new InvalidOperationException("diverged");
                }

                ctx.Report("m", ctx.TrialNumber);
                return Task.CompletedTask;
            })
            .Sample("a", Uniform(0, 1)).Maximize("m").Runs(3, 1).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials[1].Status.Should().Be(TrialStatus.Failed);
        result.Trials[1].Error.Should().Be("InvalidOperationException: diverged");
        result.Trials[0].Status.Should().Be(TrialStatus.Completed);
        result.Trials[2].Status.Should().Be(TrialStatus.Completed);
        result.BestTrial!.Number.Should().Be(2);
    }

    [Fact]
    public async Task A_trial_that_never_reports_the_primary_metric_is_named_and_the_metrics_seen_are_listed()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => { ctx.Report("accuracy", 0.9); ctx.Report("loss", 0.1); return Task.CompletedTask; })
            .Sample("a", Uniform(0, 1)).Maximize("r2").Runs(2, 2).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.BestTrial.Should().BeNull();
        result.Status.Should().Be(SweepRunStatus.Failed);
        result.Error.Should().Be("all 2 trials failed: 2 did not report r2");
        result.Warnings.Should().Contain("Trial run1_0 never reported the primary metric 'r2'.");
        result.Warnings.Should().Contain("Trial run1_1 never reported the primary metric 'r2'.");
        result.Warnings.Should().Contain("No trial reported the primary metric 'r2'; metrics seen: accuracy, loss.");
    }

    [Fact]
    public async Task An_invalid_definition_starts_nothing()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => Task.CompletedTask).Sample("a", Uniform(0, 1)).BuildUnvalidated();

        var act = () => engine.StartAsync(sweep, Options(temp));

        (await act.Should().ThrowAsync<HyperDriveValidationException>()).WithMessage("*objective.primary_metric*");
        Directory.Exists(temp.Combine("runs")).Should().BeFalse();
    }

    [Fact]
    public void An_in_process_sweep_needs_no_command_but_cannot_target_Azure_ML()
    {
        var sweep = Sweep.For((ctx, ct) => Task.CompletedTask).Sample("--alpha", Uniform(0, 1)).Maximize("r2").Build();

        sweep.Trial.Command.Should().BeEmpty();
        sweep.InProcessTrial.Should().NotBeNull();
        sweep.Validate().Should().NotContain(p => p.IsError);
        sweep.Validate(ValidationTarget.AzureML).Should().Contain(p => p.IsError && p.Path == "trial" && p.Message.Contains("Azure ML cannot run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trial_timeout_cancels_the_token_and_records_the_trial_canceled()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For(async (ctx, ct) =>
            {
                ctx.Report("m", 1);
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            })
            .Sample("a", Uniform(0, 1)).Maximize("m").Runs(1, 1).TrialTimeout(TimeSpan.FromMilliseconds(200)).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Trials[0].Status.Should().Be(TrialStatus.Canceled);
        result.Trials[0].Error.Should().Contain("trial timeout");
        result.Trials[0].GetMetric("m").Should().ContainSingle();
    }

    internal static async Task<List<TrialUpdate>> Collect(SweepRun run)
    {
        var list = new List<TrialUpdate>();
        await foreach (var update in run.WatchAsync())
        {
            list.Add(update);
        }

        return list;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
