using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Processes;

public class ProcessCleanupTests
{
    // The trial starts a grandchild, writes both pids, then sleeps: killing must take the whole tree.
    private const string SleeperScript = """
        import os, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        out = sys.argv[-1]
        with open(os.path.join(out, "pids.tmp"), "w") as f:
            f.write(f"{os.getpid()} {child.pid}")
        os.rename(os.path.join(out, "pids.tmp"), os.path.join(out, "pids.txt"))
        print("m=1")
        time.sleep(60)
        """;

    [Fact]
    public async Task A_trial_timeout_kills_the_whole_process_tree()
    {
        using var temp = new TempFolder();
        temp.Write("sleeper.py", SleeperScript);
        await using var engine = Engine(temp);
        var sweep = Sweep.ForCommand("python3 sleeper.py --a ${{search_space.a}} ${{outputs.o}}")
            .Sample("a", Choice(1)).Output("o").GridSampling().Maximize("m").Runs(1, 1)
            .TrialTimeout(TimeSpan.FromSeconds(1.5))
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        var trial = result.Trials.Single();
        trial.Status.Should().Be(TrialStatus.Canceled);
        trial.Error.Should().Contain("trial timeout");
        var pids = ReadPids(trial);
        pids.Should().HaveCount(2);
        pids.Should().OnlyContain(pid => !IsAlive(pid));
    }

    [Fact]
    public async Task Cancelling_the_run_stops_every_child_and_records_the_trials_canceled()
    {
        using var temp = new TempFolder();
        temp.Write("sleeper.py", SleeperScript);
        await using var engine = Engine(temp);
        var sweep = Sweep.ForCommand("python3 sleeper.py --a ${{search_space.a}} ${{outputs.o}}")
            .Sample("a", Choice(1, 2, 3)).Output("o").GridSampling().Maximize("m").Runs(3, 2)
            .Build();

        await using var run = await engine.StartAsync(sweep, Options(temp));
        var trialsFolder = temp.Combine("runs", "run1", "trials");
        await WaitUntilAsync(() => Directory.Exists(trialsFolder)
            && Directory.EnumerateFiles(trialsFolder, "pids.txt", SearchOption.AllDirectories).Count() == 2);
        await run.CancelAsync();
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Canceled);
        run.Status.Should().Be(SweepRunStatus.Canceled);
        result.Trials.Should().HaveCount(2, "the third trial never started").And.OnlyContain(t => t.Status == TrialStatus.Canceled);
        var pids = result.Trials.SelectMany(ReadPids).ToList();
        pids.Should().HaveCount(4).And.OnlyContain(pid => !IsAlive(pid));
    }

    private static int[] ReadPids(TrialResult trial)
    {
        var file = Path.Combine(trial.OutputDirectory!, "o", "pids.txt");
        return File.Exists(file) ? File.ReadAllText(file).Split(' ').Select(int.Parse).ToArray() : [];
    }
}
