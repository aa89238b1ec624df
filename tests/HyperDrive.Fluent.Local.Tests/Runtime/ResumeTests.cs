using System.Diagnostics;
using System.Collections.Concurrent;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Validation;
using Microsoft.Extensions.Time.Testing;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

public class ResumeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resume_keeps_finished_trials_reruns_unfinished_ones_and_continues_the_same_sampler_stream(bool tornJournal)
    {
        using var temp = new TempFolder();
        var runs = new ConcurrentDictionary<int, int>();
        var block = false;
        SweepDefinition Define() => Sweep.For(async (ctx, ct) =>
            {
                runs.AddOrUpdate(ctx.TrialNumber, 1, (_, n) => n + 1);
                if (block && ctx.TrialNumber == 3)
                {
                    await Task.Delay(Timeout.Infinite, ct); // "killed" while running
                }

                ctx.Report("m", ctx.Parameters.GetDouble("x"));
            })
            .Sample("x", Uniform(0, 1)).Sample("k", Choice("a", "b", "c"))
            .Maximize("m").RandomSampling(seed: 7).Runs(6, 1).Build();

        await using var engine = Engine(temp);
        var reference = await RunAsync(engine, Define() with { }, Options(temp, "reference"));
        runs.Clear();
        block = true;

        await using var first = await engine.StartAsync(Define(), Options(temp, "interrupted"));
        await WaitUntilAsync(() => runs.ContainsKey(3));
        await first.CancelAsync();
        var interrupted = await first.WaitForCompletionAsync();
        interrupted.Trials.Take(3).Should().OnlyContain(t => t.Status == TrialStatus.Completed);
        var folder = interrupted.OutputDirectory!;
        var journal = Path.Combine(folder, "journal.jsonl");
        if (tornJournal)
        {
            // A kill: drop what was written after trial 3 started, and leave half a line.
            var lines = File.ReadAllLines(journal).ToList();
            var cut = lines.FindIndex(l => l.Contains("\"started\"", StringComparison.Ordinal) && l.Contains("\"trial\":3", StringComparison.Ordinal));
            File.WriteAllLines(journal, lines.Take(cut + 1));
            File.AppendAllText(journal, "{\"event\":\"metric\",\"trial\":3,\"na");
        }

        block = false;
        await using var resumed = await engine.ResumeAsync(folder, Define(), Options(temp, "ignored"));
        var result = await resumed.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.RunId.Should().Be("interrupted");
        result.Trials.Should().HaveCount(6).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        runs[0].Should().Be(1);
        runs[1].Should().Be(1);
        runs[2].Should().Be(1);
        runs[3].Should().Be(2, "the unfinished trial runs again");
        result.Trials.Select(t => t.Parameters).Should().BeEquivalentTo(reference.Trials.Select(t => t.Parameters), o => o.WithStrictOrdering());
        result.Trials.Take(3).Select(t => t.StartedAt).Should().Equal(interrupted.Trials.Take(3).Select(t => t.StartedAt));
        result.BestTrial!.Parameters.Should().BeEquivalentTo(reference.BestTrial!.Parameters);
    }

    [Fact]
    public async Task A_resumed_run_streams_its_finished_trials_as_restored_and_its_wall_time_leaves_out_the_gap()
    {
        using var temp = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var block = true;
        var started = new ConcurrentDictionary<int, bool>();
        SweepDefinition Define() => Sweep.For(async (ctx, ct) =>
            {
                started[ctx.TrialNumber] = true;
                if (block && ctx.TrialNumber == 2)
                {
                    await Task.Delay(Timeout.Infinite, ct); // interrupted while it runs
                }

                clock.Advance(TimeSpan.FromSeconds(10)); // each trial takes ten seconds of the run's clock
                ctx.Report("m", ctx.Parameters.GetDouble("x"));
            })
            .Sample("x", Uniform(0, 1)).Maximize("m").RandomSampling(seed: 5).Runs(3, 1).Build();
        await using var engine = Engine(temp, o => o.TimeProvider = clock);

        await using var first = await engine.StartAsync(Define(), Options(temp, "gap"));
        await WaitUntilAsync(() => started.ContainsKey(2));
        await first.CancelAsync();
        var interrupted = await first.WaitForCompletionAsync();
        interrupted.WallTime.Should().Be(TimeSpan.FromSeconds(20));

        clock.Advance(TimeSpan.FromHours(3)); // the machine was off
        block = false;
        await using var resumed = await engine.ResumeAsync(interrupted.OutputDirectory!, Define());
        var result = await resumed.WaitForCompletionAsync();
        var updates = new List<TrialUpdate>();
        await foreach (var update in resumed.WatchAsync())
        {
            updates.Add(update);
        }

        result.Trials.Should().HaveCount(3).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        result.WallTime.Should().Be(TimeSpan.FromSeconds(30), "20 s before the interruption and 10 s after the resume; the 3 h between do not count");
        updates.Where(u => u.Restored).Select(u => (u.Kind, u.TrialId, u.Status)).Should().Equal(
            (TrialUpdateKind.Started, "gap_0", TrialStatus.Completed), (TrialUpdateKind.Finished, "gap_0", TrialStatus.Completed),
            (TrialUpdateKind.Started, "gap_1", TrialStatus.Completed), (TrialUpdateKind.Finished, "gap_1", TrialStatus.Completed));
        updates.FindIndex(u => u.Restored).Should().Be(0, "the restored trials come first, before any new work");
        updates.Where(u => !u.Restored && u.Kind == TrialUpdateKind.Started).Select(u => u.TrialId).Should().Equal("gap_2");

        var sweep = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(result.OutputDirectory!, "sweep.json")))!;
        ((double)sweep["wallTimeSeconds"]!).Should().Be(30);
        ((string)sweep["startedAt"]!).Should().StartWith("2026-12-01T08:00:00", "the run started before the interruption");
        LocalRunResults.Read(result.OutputDirectory!).WallTime.Should().Be(TimeSpan.FromSeconds(30));
        File.ReadAllText(Path.Combine(result.OutputDirectory!, "report.html")).Should().Contain("<div class=\"label\">Wall time</div><div class=\"value\">30.0 s</div>", "not the 3 h the trials' start and end times span");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Resume_stops_a_process_the_interrupted_run_left_running_but_never_one_that_merely_reuses_its_id(bool sameProcess)
    {
        using var temp = new TempFolder();
        var block = true;
        SweepDefinition Define() => Sweep.For(async (ctx, ct) =>
            {
                if (block && ctx.TrialNumber == 1)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                ctx.Report("m", ctx.Parameters.GetDouble("x"));
            })
            .Sample("x", Uniform(0, 1)).Maximize("m").RandomSampling(seed: 3).Runs(2, 1).Build();
        await using var engine = Engine(temp);
        await using var first = await engine.StartAsync(Define(), Options(temp, "crashed"));
        var journal = Path.Combine(temp.Combine("runs", "crashed"), "journal.jsonl");
        await WaitUntilAsync(() => File.Exists(journal) && File.ReadAllText(journal).Contains("\"started\",\"trial\":1", StringComparison.Ordinal));
        await first.CancelAsync();
        var interrupted = await first.WaitForCompletionAsync();

        // The journal of a host that died while trial 1's process ran: the process is still there (or its id was reused).
        using var leftover = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var startedAt = new DateTimeOffset(leftover.StartTime.ToUniversalTime(), TimeSpan.Zero) - (sameProcess ? TimeSpan.Zero : TimeSpan.FromMinutes(5));
        File.AppendAllText(journal, $"{{\"event\":\"process\",\"trial\":1,\"pid\":{leftover.Id},\"processStartedAt\":\"{startedAt:O}\"}}\n");

        block = false;
        await using var resumed = await engine.ResumeAsync(interrupted.OutputDirectory!, Define());
        var result = await resumed.WaitForCompletionAsync();

        result.Trials.Should().HaveCount(2).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        if (sameProcess)
        {
            leftover.WaitForExit(TimeSpan.FromSeconds(10)).Should().BeTrue("the leftover trial process is stopped before the trial runs again");
            result.Warnings.Should().Contain(w => w.StartsWith($"Stopped process {leftover.Id} of trial crashed_1", StringComparison.Ordinal));
        }
        else
        {
            leftover.HasExited.Should().BeFalse("a process that only reuses the id started at another time and is not the trial's");
            result.Warnings.Should().NotContain(w => w.StartsWith("Stopped process", StringComparison.Ordinal));
            leftover.Kill();
        }
    }

    [Fact]
    public async Task Resume_refuses_a_different_sweep_and_a_folder_without_a_run()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => { ctx.Report("m", 1); return Task.CompletedTask; }).Sample("x", Uniform(0, 1)).Maximize("m").Runs(1, 1).Build();
        var result = await RunAsync(engine, sweep, Options(temp));
        var other = Sweep.For((ctx, ct) => Task.CompletedTask).Sample("y", Uniform(0, 1)).Maximize("m").Runs(1, 1).Build();

        var different = () => engine.ResumeAsync(result.OutputDirectory!, other);
        var missing = () => engine.ResumeAsync(temp.Combine("nothing"), sweep);
        var again = () => engine.StartAsync(sweep, Options(temp));

        (await different.Should().ThrowAsync<HyperDriveValidationException>()).WithMessage("*holds a different sweep*");
        await missing.Should().ThrowAsync<FileNotFoundException>();
        (await again.Should().ThrowAsync<IOException>()).WithMessage("*already holds a run*ResumeAsync*");
    }

    [Fact]
    public async Task Resume_refuses_changed_choice_values_and_names_the_field_even_when_changes_are_accepted()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        SweepDefinition Define(params string[] kinds) => Sweep.For((ctx, ct) => { ctx.Report("m", 1); return Task.CompletedTask; })
            .Sample("k", Choice(kinds)).Maximize("m").Runs(2, 1).Build();
        var result = await RunAsync(engine, Define("a", "b"), Options(temp));

        var changed = () => engine.ResumeAsync(result.OutputDirectory!, Define("a", "c"), new SweepRunOptions { AcceptCompatibleChanges = true });

        var problem = (await changed.Should().ThrowAsync<HyperDriveValidationException>()).Which.Problems.Should().ContainSingle(p => p.IsError).Which;
        problem.Path.Should().Be("(resume)");
        problem.Message.Should().Contain("holds a different sweep").And.Contain("searchSpace.k was [\"choice\",[[\"a\",\"b\"]]], now [\"choice\",[[\"a\",\"c\"]]]");
        problem.Fix.Should().Contain("start a new run");
    }

    [Fact]
    public async Task A_larger_budget_or_an_added_policy_is_refused_until_accepted_and_then_becomes_the_definition_later_resumes_check()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        SweepDefinition Define(int total, bool policy)
        {
            var builder = Sweep.For((ctx, ct) => { ctx.Report("m", ctx.Parameters.GetDouble("x")); return Task.CompletedTask; })
                .Sample("x", Uniform(0, 1)).Maximize("m").RandomSampling(seed: 5).Runs(total, 1);
            return (policy ? builder.Bandit(1, 0.5) : builder).Build();
        }

        var first = await RunAsync(engine, Define(2, policy: false), Options(temp));
        var folder = first.OutputDirectory!;

        var unaccepted = () => engine.ResumeAsync(folder, Define(4, policy: true));
        var problem = (await unaccepted.Should().ThrowAsync<HyperDriveValidationException>()).Which.Problems.Should().ContainSingle(p => p.IsError).Which;
        problem.Message.Should().Contain("limits.maxTotalTrials was 2, now 4").And.Contain("earlyTermination.type was (not set), now");
        problem.Fix.Should().Contain("SweepRunOptions.AcceptCompatibleChanges");

        await using (var resumed = await engine.ResumeAsync(folder, Define(4, policy: true), new SweepRunOptions { AcceptCompatibleChanges = true }))
        {
            var result = await resumed.WaitForCompletionAsync();
            result.Trials.Should().HaveCount(4, "the larger budget runs two more trials");
            result.Trials.Take(2).Select(t => t.StartedAt).Should().Equal(first.Trials.Select(t => t.StartedAt), "the finished trials are kept");
            result.Warnings.Should().Contain(w => w.StartsWith("Resuming with a changed definition (", StringComparison.Ordinal) && w.Contains("limits.maxTotalTrials was 2, now 4", StringComparison.Ordinal));
        }

        // The accepted definition is now the run's: resuming with it needs no flag, resuming with the original is a change.
        await using (var again = await engine.ResumeAsync(folder, Define(4, policy: true)))
        {
            (await again.WaitForCompletionAsync()).Trials.Should().HaveCount(4);
        }

        var back = () => engine.ResumeAsync(folder, Define(2, policy: false));
        (await back.Should().ThrowAsync<HyperDriveValidationException>()).WithMessage("*limits.maxTotalTrials was 4, now 2*");
    }

    [Fact]
    public async Task A_journal_written_before_full_fingerprints_resumes_with_the_same_sweep_and_records_the_full_one()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => { ctx.Report("m", 1); return Task.CompletedTask; }).Sample("x", Uniform(0, 1)).Maximize("m").Runs(2, 1).Build();
        var result = await RunAsync(engine, sweep, Options(temp));
        var journal = Path.Combine(result.OutputDirectory!, "journal.jsonl");
        var lines = File.ReadAllLines(journal);
        var start = lines[0];
        var at = start.IndexOf("\"fingerprint\":", StringComparison.Ordinal);
        var end = start.IndexOf(",\"time\"", at, StringComparison.Ordinal);
        lines[0] = string.Concat(start.AsSpan(0, at), "\"fingerprint\":\"in-process | x:uniform | maximize m | random\"", start.AsSpan(end));
        File.WriteAllLines(journal, lines);

        await using (var resumed = await engine.ResumeAsync(result.OutputDirectory!, sweep))
        {
            (await resumed.WaitForCompletionAsync()).Status.Should().Be(SweepRunStatus.Completed);
        }

        File.ReadAllLines(journal).Last(l => l.Contains("\"resume\"", StringComparison.Ordinal)).Should().Contain("\"fingerprint\":\"{");
        var other = Sweep.For((ctx, ct) => Task.CompletedTask).Sample("x", Uniform(0, 2)).Maximize("m").Runs(2, 1).Build();
        var changed = () => engine.ResumeAsync(result.OutputDirectory!, other);
        (await changed.Should().ThrowAsync<HyperDriveValidationException>()).WithMessage("*searchSpace.x was*");
    }

    [Fact]
    public async Task Resume_removes_what_an_interrupted_results_write_left_behind()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => { ctx.Report("m", 1); return Task.CompletedTask; }).Sample("x", Uniform(0, 1)).Maximize("m").Runs(2, 1).Build();
        var folder = (await RunAsync(engine, sweep, Options(temp))).OutputDirectory!;

        // What a kill or a full disk in the middle of writing the results leaves (the names the writers use).
        File.WriteAllText(Path.Combine(folder, "sweep.json.tmp"), "{\"runId\":");
        File.WriteAllText(Path.Combine(folder, ".report.html.tmp"), "<html");
        Directory.CreateDirectory(Path.Combine(folder, "best.tmp", "model"));

        await using (var resumed = await engine.ResumeAsync(folder, sweep))
        {
            (await resumed.WaitForCompletionAsync()).Status.Should().Be(SweepRunStatus.Completed);
        }

        Directory.EnumerateFileSystemEntries(folder, "*.tmp").Should().BeEmpty();
        File.ReadAllText(Path.Combine(folder, "sweep.json")).Should().StartWith("{");
    }
}
