using System.Text.Json;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Launchers;

public class ProcessTrialTests
{
    private const string TrainScript = """
        import argparse, os
        p = argparse.ArgumentParser()
        p.add_argument("--alpha", type=float)
        p.add_argument("--model")
        a = p.parse_args()
        print(f"r2={a.alpha}")
        print(f"2024-05-01T10:00:00Z epoch=1 r2={a.alpha + 0.1} other=5")
        print(f"R2 score: {a.alpha + 0.2}")
        root = os.environ["MLFLOW_TRACKING_URI"][len("file:"):]
        metrics = os.path.join(root, "0", "0123abc", "metrics")
        os.makedirs(metrics)
        with open(os.path.join(metrics, "loss"), "w") as f:
            f.write("1700000000000 0.5 0\n1700000001000 0.25 1\n")
        with open(os.path.join(a.model, "model.txt"), "w") as f:
            f.write(str(a.alpha))
        """;

    [Fact]
    public async Task Process_trials_report_metrics_from_stdout_regexes_and_MLflow_files()
    {
        using var temp = new TempFolder();
        temp.Write("src/train.py", TrainScript);
        await using var engine = Engine(temp);
        var sweep = Sweep.For("train.py")
            .Code("src")
            .Sample("--alpha", Choice(0.1, 0.3))
            .Output("--model")
            .GridSampling()
            .Maximize("r2")
            .MetricFromOutput("r2_text", @"R2 score: (\S+)")
            .Environment("azureml:sklearn@latest")
            .Compute("cpu-cluster")
            .Runs(2, 2)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        var trial = result.Trials.Single(t => (double)t.Parameters["alpha"] == 0.3);
        trial.Status.Should().Be(TrialStatus.Completed);
        trial.ExitCode.Should().Be(0);
        trial.GetMetric("r2").Select(v => v.Value).Should().Equal(0.3, 0.4);
        trial.GetMetric("r2")[1].Timestamp.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        trial.GetMetric("r2").Select(v => v.Step).Should().Equal(0, 1);
        trial.Metrics.Should().NotContainKey("epoch").And.NotContainKey("other");
        trial.GetMetric("r2_text").Select(v => v.Value).Should().Equal(0.5);
        trial.GetMetric("loss").Select(v => (v.Value, v.Step)).Should().Equal((0.5, 0L), (0.25, 1L));
        trial.GetMetric("loss")[0].Timestamp.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000));
        result.BestTrial!.Id.Should().Be(trial.Id);
        File.ReadAllText(Path.Combine(result.OutputDirectory!, "best", "model", "model.txt")).Should().Be("0.3");
        File.ReadAllText(Path.Combine(result.OutputDirectory!, "trials", trial.Id, "logs", "stdout.txt")).Should().Contain("R2 score: 0.5");
        result.Warnings.Should().ContainSingle(w => w.Contains("apply on Azure ML only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Injection_shaped_choice_values_arrive_as_single_argv_items()
    {
        using var temp = new TempFolder();
        temp.Write("argv.py", """
            import json, sys, os
            with open(os.path.join(sys.argv[-1], "argv.json"), "w") as f:
                json.dump(sys.argv[1:-1], f)
            print("ok=1")
            """);
        await using var engine = Engine(temp);
        string[] values = ["; rm -rf /", "$(touch pwned)", "a b 'c' \"d\"", "`id` && echo hi"];
        var sweep = Sweep.ForCommand("python3 argv.py --v ${{search_space.v}} \"quoted ${{search_space.v}}\" ${{outputs.out}}")
            .Sample("v", Choice(values.Cast<object>().ToArray()))
            .Output("out")
            .GridSampling()
            .Maximize("ok")
            .Runs(4, 2)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Trials.Should().HaveCount(4).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        foreach (var trial in result.Trials)
        {
            var value = (string)trial.Parameters["v"];
            var argv = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(trial.OutputDirectory!, "out", "argv.json")));
            argv.Should().Equal("--v", value, "quoted " + value);
        }

        File.Exists(temp.Combine("pwned")).Should().BeFalse();
    }

    [Fact]
    public async Task Metrics_printed_as_real_scripts_print_them_count_and_bad_values_are_noticed()
    {
        using var temp = new TempFolder();
        // What scripts print: NumPy 2's scalar repr, a JSON line (json.dumps writes NaN), "name: value", a case slip.
        temp.Write("report.py", """
            import json, sys
            x = float(sys.argv[2])
            if x == 1:
                print("R2=0.34")
                print("epoch=1 loss=0.2")
                sys.exit(0)
            print(f"r2=np.float64({x})")
            print(json.dumps({"r2": x + 0.1, "step": 1}))
            print(f"r2: {x + 0.2} (validation)")
            print(json.dumps({"r2": float("nan")}))
            print("r2=n/a")
            """);
        await using var engine = Engine(temp);
        var sweep = Sweep.For("report.py").Sample("--x", Choice(0.25, 1)).GridSampling().Maximize("r2").Runs(2, 1).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        var reporting = result.Trials.Single(t => Convert.ToDouble(t.Parameters["x"], System.Globalization.CultureInfo.InvariantCulture) == 0.25);
        reporting.GetMetric("r2").Select(v => v.Value).Should().Equal(0.25, 0.35, 0.45, double.NaN);
        reporting.BestValue(sweep.Objective).Should().Be(0.45);
        result.BestTrial!.Id.Should().Be(reporting.Id);
        result.Warnings.Should().Contain(w => w.Contains(reporting.Id) && w.Contains("r2 is NaN; it is recorded but never counts as a best"));
        result.Warnings.Should().Contain(w => w.Contains(reporting.Id) && w.Contains("ignored 'r2=n/a': the value of r2 ('n/a') is not a number."));
        var silent = result.Trials.Single(t => t.Id != reporting.Id);
        result.Warnings.Should().Contain($"Trial {silent.Id} never reported the primary metric 'r2'.")
            .And.Contain($"Trial {silent.Id}: the script printed 'R2=0.34'; metric names are case-sensitive; did you mean 'r2'?");

        // The trial's own folder says the same, next to its stdout log: each note once, stamped.
        TrialNotes(result, reporting).Should().Equal(
            "'{\"r2\": NaN}': r2 is NaN; it is recorded but never counts as a best or in a policy decision.",
            "ignored 'r2=n/a': the value of r2 ('n/a') is not a number.");
        TrialNotes(result, silent).Should().Equal(
            $"Trial {silent.Id} never reported the primary metric 'r2'.",
            "the script printed 'R2=0.34'; metric names are case-sensitive; did you mean 'r2'?");
    }

    [Fact]
    public async Task A_NaN_logged_with_MLflow_is_noted_in_the_trial_log_and_never_a_best()
    {
        using var temp = new TempFolder();
        // The MLflow file store as mlflow.log_metric writes it: "timestamp value step", str(float("nan")) is "nan".
        temp.Write("train.py", """
            import os, sys
            root = os.environ["MLFLOW_TRACKING_URI"][len("file:"):]
            metrics = os.path.join(root, "0", "0123abc", "metrics")
            os.makedirs(metrics)
            with open(os.path.join(metrics, "r2"), "w") as f:
                f.write("1700000000000 nan 0\n" if sys.argv[2] == "1" else "1700000000000 0.5 0\n")
            """);
        await using var engine = Engine(temp);
        var sweep = Sweep.For("train.py").Sample("--x", Choice(1, 2)).GridSampling().Maximize("r2").Runs(2, 2).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed, string.Join("\n", result.Warnings) + result.Error + string.Join("\n", result.Trials.Select(t => t.Error)));
        var nan = result.Trials.Single(t => Convert.ToInt32(t.Parameters["x"], System.Globalization.CultureInfo.InvariantCulture) == 1);
        nan.GetMetric("r2").Select(v => v.Value).Should().Equal(double.NaN);
        result.BestTrial!.Id.Should().NotBe(nan.Id);
        result.BestTrial.GetMetric("r2").Single().Value.Should().Be(0.5);
        const string Note = "r2 is NaN (logged with MLflow); it is recorded but never counts as a best or in a policy decision.";
        result.Warnings.Should().Contain($"Trial {nan.Id}: {Note}");
        TrialNotes(result, nan).Should().Equal(Note, $"Trial {nan.Id} reported the primary metric 'r2' only as NaN or infinity; those values never count.");
        File.Exists(Path.Combine(result.OutputDirectory!, "trials", result.BestTrial.Id, "logs", "notices.txt")).Should().BeFalse("a trial with nothing to note has no notices log");
    }

    /// <summary>The notes in a trial's <c>logs/notices.txt</c>, each line's leading UTC time stamp checked and removed.</summary>
    private static List<string> TrialNotes(SweepResult result, TrialResult trial) =>
        File.ReadAllLines(Path.Combine(result.OutputDirectory!, "trials", trial.Id, "logs", "notices.txt"))
            .Select(line =>
            {
                line.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ");
                return line[25..];
            })
            .ToList();

    [Fact]
    public async Task A_crashing_trial_is_failed_with_its_exit_code_and_stderr_tail_and_the_sweep_goes_on()
    {
        using var temp = new TempFolder();
        temp.Write("crash.py", """
            import sys
            print(f"r2={sys.argv[2]}")
            if sys.argv[2] == "0.2":
                sys.stderr.write("Traceback: boom\n")
                sys.exit(3)
            """);
        await using var engine = Engine(temp);
        var sweep = Sweep.For("crash.py").Sample("--x", Choice(0.1, 0.2, 0.3)).GridSampling().Maximize("r2").Runs(3, 1).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Select(t => t.Status).Should().Equal(TrialStatus.Completed, TrialStatus.Failed, TrialStatus.Completed);
        result.Trials[1].ExitCode.Should().Be(3);
        result.Trials[1].Error.Should().Be("Exited with code 3.\nTraceback: boom");
        result.BestTrial!.Number.Should().Be(2);
        var logs = Path.Combine(result.OutputDirectory!, "trials", result.Trials[1].Id, "logs");
        File.ReadAllText(Path.Combine(logs, "stderr.txt")).Should().Be("Traceback: boom\n");
        File.Exists(Path.Combine(result.OutputDirectory!, "trials", result.Trials[0].Id, "logs", "stderr.txt"))
            .Should().BeFalse("a stream that said nothing leaves no log file");
    }

    [Fact]
    public async Task Every_trial_folder_belongs_to_a_trial_when_the_search_space_runs_out_before_the_limit()
    {
        using var temp = new TempFolder();
        temp.Write("quiet.py", "import sys\nprint('r2=' + sys.argv[2])\n");
        await using var engine = Engine(temp);
        var sweep = Sweep.For("quiet.py").Sample("--x", Choice(0.1, 0.2, 0.3)).GridSampling().Maximize("r2").Runs(10, 2).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Trials.Should().HaveCount(3);
        var folders = Directory.EnumerateDirectories(Path.Combine(result.OutputDirectory!, "trials")).Select(Path.GetFileName);
        folders.Should().BeEquivalentTo(result.Trials.Select(t => t.Id), "the folder made ahead for a fourth trial is removed");
        var first = Path.Combine(result.OutputDirectory!, "trials", result.Trials[0].Id);
        Directory.Exists(Path.Combine(first, "outputs")).Should().BeTrue();
        File.ReadAllText(Path.Combine(first, "logs", "stdout.txt")).Should().Be("r2=0.1\n");
    }

    [Fact]
    public async Task Commands_chained_with_and_run_in_order_without_a_shell()
    {
        using var temp = new TempFolder();
        temp.Write("first.py", "import sys; open(sys.argv[1] + '/first.txt', 'w').write('1')\n");
        temp.Write("second.py", "import sys, os; print('r2=' + ('1' if os.path.exists(sys.argv[1] + '/first.txt') else '0'))\n");
        await using var engine = Engine(temp);
        var sweep = Sweep.ForCommand("python3 first.py ${{outputs.o}} && python3 second.py ${{outputs.o}} --a ${{search_space.a}}")
            .Sample("a", Choice(1)).Output("o").GridSampling().Maximize("r2").Runs(1, 1).Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Trials[0].GetMetric("r2").Select(v => v.Value).Should().Equal(1.0);
    }

    [Theory]
    [InlineData("python3 train.py --a ${{search_space.a}} | tee log.txt", "'|'")]
    [InlineData("python3 train.py --a ${{search_space.a}}; echo done", "';'")]
    [InlineData("python3 train.py --a ${{search_space.a}} > out.txt", "'>'")]
    [InlineData("python3 train.py --a \"${{search_space.a}}", "never closed")]
    public async Task Shell_syntax_is_rejected_at_start_naming_trial_command(string command, string detail)
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.ForCommand(command).Sample("a", Choice(1)).Maximize("r2").Build();

        var act = () => engine.StartAsync(sweep, Options(temp));

        (await act.Should().ThrowAsync<HyperDriveValidationException>())
            .Which.Problems.Should().ContainSingle(p => p.Path == "trial.command" && p.Message.Contains(detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inputs_that_are_not_on_this_machine_are_rejected_at_start()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For("train.py")
            .Sample("--a", Choice(1.0, 2.0))
            .Input("--data", Trials.JobInput.UriFolder("azureml://datastores/x/paths/y"))
            .Input("--local", Trials.JobInput.UriFile("missing.csv"))
            .Maximize("r2")
            .Runs(4)
            .Build();

        var act = () => engine.StartAsync(sweep, Options(temp));

        var problems = (await act.Should().ThrowAsync<HyperDriveValidationException>()).Which.Problems;
        problems.Should().Contain(p => p.Path == "inputs.data" && p.Message.Contains("not on this machine", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Path == "inputs.local" && p.Message.Contains("does not exist", StringComparison.Ordinal));
        Directory.Exists(temp.Combine("runs")).Should().BeFalse();
    }

    [Fact]
    public async Task Trials_do_not_inherit_the_hosts_credentials_unless_the_sweep_names_them()
    {
        using var temp = new TempFolder();
        temp.Write("src/env.py", """
            import os
            for name in ["AZURE_CLIENT_SECRET", "HYPERDRIVE_ACCESS_TOKEN", "IDENTITY_HEADER", "HYPERDRIVE_TEST_PLAIN"]:
                print(f"{name}={os.environ.get(name, '-')}")
            print("m=1")
            """);
        string?[] before = [.. new[] { "AZURE_CLIENT_SECRET", "HYPERDRIVE_ACCESS_TOKEN", "IDENTITY_HEADER", "HYPERDRIVE_TEST_PLAIN" }.Select(Environment.GetEnvironmentVariable)];
        Environment.SetEnvironmentVariable("AZURE_CLIENT_SECRET", "host-secret");
        Environment.SetEnvironmentVariable("HYPERDRIVE_ACCESS_TOKEN", "host-token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "host-header");
        Environment.SetEnvironmentVariable("HYPERDRIVE_TEST_PLAIN", "plain");
        try
        {
            await using var engine = Engine(temp);
            var sweep = Sweep.For("python env.py").Code("src").Sample("x", Choice(1)).Maximize("m")
                .EnvironmentVariable("AZURE_CLIENT_SECRET", "given-by-the-sweep").Runs(1, 1).Build();

            var result = await RunAsync(engine, sweep, Options(temp));

            result.Status.Should().Be(SweepRunStatus.Completed);
            var stdout = File.ReadAllText(Path.Combine(result.OutputDirectory!, "trials", result.Trials[0].Id, "logs", "stdout.txt"));
            stdout.Should().Contain("AZURE_CLIENT_SECRET=given-by-the-sweep", "a variable the sweep names is set as the sweep says")
                .And.Contain("HYPERDRIVE_ACCESS_TOKEN=-").And.Contain("IDENTITY_HEADER=-")
                .And.Contain("HYPERDRIVE_TEST_PLAIN=plain", "other variables are inherited as before")
                .And.NotContain("host-");
        }
        finally
        {
            string[] names = ["AZURE_CLIENT_SECRET", "HYPERDRIVE_ACCESS_TOKEN", "IDENTITY_HEADER", "HYPERDRIVE_TEST_PLAIN"];
            for (var i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], before[i]);
            }
        }
    }

    [Fact]
    public async Task A_full_disk_while_writing_a_trials_logs_fails_that_trial_stops_the_sweep_and_never_hangs()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // Linux: /dev/full answers every write with ENOSPC; the suite runs on Linux in CI.
        }

        using var temp = new TempFolder();

        // The script points its own stdout log at /dev/full before printing its first line, then prints 400 KB: far more
        // than a pipe holds, so a reader that stopped draining would leave it blocked forever.
        temp.Write("src/fill.py", """
            import os, sys
            out = sys.argv[sys.argv.index("--model") + 1]
            parts = out.split(os.sep)
            trial = os.sep.join(parts[:parts.index("trials") + 2])
            os.makedirs(os.path.join(trial, "logs"), exist_ok=True)
            os.symlink("/dev/full", os.path.join(trial, "logs", "stdout.txt"))
            for i in range(4000):
                print("x" * 100, flush=True)
            print("m=1", flush=True)
            open(os.path.join(out, "done"), "w").write("yes")
            """);
        await using var engine = Engine(temp);
        var sweep = Sweep.For("fill.py").Code("src").Sample("--a", Choice(1, 2, 3)).Output("--model").GridSampling().Maximize("m").Runs(3, 1).Build();

        await using var run = await engine.StartAsync(sweep, Options(temp));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var result = await run.WaitForCompletionAsync(limit.Token);

        result.Status.Should().Be(SweepRunStatus.Failed);
        result.Error.Should().StartWith($"Disk full while writing the logs of trial {result.Trials[0].Id} (").And.EndWith("Free space, then resume the run: finished trials are kept.");
        result.Trials.Should().ContainSingle("the sweep stops at the first trial whose logs could not be written");
        result.Trials[0].Status.Should().Be(TrialStatus.Failed);
        result.Trials[0].Error.Should().StartWith("Disk full while writing logs: ");
        File.Exists(Path.Combine(result.Trials[0].OutputDirectory!, "model", "done")).Should().BeTrue("the script ran to its end: its output kept being read");
        File.Exists(Path.Combine(result.OutputDirectory!, "sweep.json")).Should().BeTrue();
    }
}
