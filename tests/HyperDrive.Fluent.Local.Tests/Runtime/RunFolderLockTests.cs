using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

/// <summary>Issue 15: two runs on one run folder (two <c>run --resume</c>, or a resume while the run still goes) — the
/// second is refused with the folder and the holder's process id; the lock goes away when the run ends.</summary>
public class RunFolderLockTests
{
    [Fact]
    public async Task A_second_resume_of_a_folder_in_use_is_refused_naming_the_process_and_works_once_it_is_free()
    {
        using var temp = new TempFolder();
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        SweepDefinition Define() => Sweep.For(async (ctx, ct) =>
            {
                started.TrySetResult();
                await release.Task.WaitAsync(ct);
                ctx.Report("m", 1);
            })
            .Sample("x", Uniform(0, 1)).Maximize("m").Runs(2, 1).Build();

        await using var engine = Engine(temp);
        await using var first = await engine.StartAsync(Define(), Options(temp));
        await started.Task;
        var folder = ((LocalSweepRun)first).OutputDirectory;

        var second = () => engine.ResumeAsync(folder, Define());

        (await second.Should().ThrowAsync<IOException>()).WithMessage($"run folder {folder} is in use by process {Environment.ProcessId};*");
        release.SetResult();
        (await first.WaitForCompletionAsync()).Status.Should().Be(SweepRunStatus.Completed);
        var journal = File.ReadAllLines(Path.Combine(folder, "journal.jsonl"));
        journal.Count(l => l.Contains("\"event\":\"started\"", StringComparison.Ordinal)).Should().Be(2, "the refused resume ran nothing");

        await using var later = await engine.ResumeAsync(folder, Define());
        (await later.WaitForCompletionAsync()).Status.Should().Be(SweepRunStatus.Completed);
    }

    [Fact]
    public async Task A_refused_start_releases_nothing_it_did_not_take()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) => { ctx.Report("m", 1); return Task.CompletedTask; }).Sample("x", Uniform(0, 1)).Maximize("m").Runs(1, 1).Build();
        var result = await RunAsync(engine, sweep, Options(temp));
        var other = Sweep.For((ctx, ct) => Task.CompletedTask).Sample("y", Uniform(0, 1)).Maximize("m").Runs(1, 1).Build();

        var different = () => engine.ResumeAsync(result.OutputDirectory!, other);
        await different.Should().ThrowAsync<Validation.HyperDriveValidationException>();

        await using var resumed = await engine.ResumeAsync(result.OutputDirectory!, sweep);
        (await resumed.WaitForCompletionAsync()).Status.Should().Be(SweepRunStatus.Completed, "the failed resume released the folder");
    }
}
