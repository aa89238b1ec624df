using System.Diagnostics;
using System.Text.Json.Nodes;
using HyperDrive.Fluent.Cli.Tests.Local;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    // Prints r2 = alpha * (the number in the data file) * scale; appends "alpha" to runs.log; with a file named "block"
    // next to it, the trial with alpha 0.9 writes its pid and sleeps (to be interrupted).
    private const string TrainScript = """
        import argparse, os, sys, time
        p = argparse.ArgumentParser()
        p.add_argument("--alpha", type=float); p.add_argument("--data"); p.add_argument("--scale", type=float); p.add_argument("--model")
        a = p.parse_args()
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "runs.log"), "a") as log:
            log.write(f"{a.alpha}\n")
        if a.alpha == 0.9 and os.path.exists(os.path.join(here, "block")):
            with open(os.path.join(here, "pid"), "w") as f:
                f.write(str(os.getpid()))
            print("blocked", flush=True)
            time.sleep(120)
        base = float(open(a.data).read())
        print(f"r2={a.alpha * base * a.scale}", flush=True)
        if a.model:
            open(os.path.join(a.model, "model.txt"), "w").write(f"alpha={a.alpha}")
        """;

    private const string SweepYaml = """
        $schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
        type: sweep
        name: ridge-local
        compute: azureml:cpu-cluster
        trial:
          command: python train.py --alpha ${{search_space.alpha}} --data ${{inputs.data}} --scale ${{inputs.scale}} --model ${{outputs.model}}
          code: src
          environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
        inputs:
          data:
            type: uri_file
            path: data/base.txt
          scale: 2
        outputs:
          model:
            type: uri_folder
        search_space:
          alpha:
            type: choice
            values: [0.1, 0.5, 0.9]
        sampling_algorithm: grid
        objective:
          goal: maximize
          primary_metric: r2
        limits:
          max_total_trials: 3
          max_concurrent_trials: 2
        """;

    private readonly LocalJobFolder _folder = new();

    public RunCommandTests()
    {
        _folder.Write("src/train.py", TrainScript);
        _folder.Write("data/base.txt", "10\n");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_sweep_runs_locally_with_live_progress_the_best_trial_and_the_results_folder()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var results = _folder.Combine("results");

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", results);

        exitCode.Should().Be(0, error + output);
        output.Should().Contain($"running sweep results locally; results in {results}")
            .And.Contain("started: alpha=0.1")
            .And.Contain("completed  [")
            .And.Contain("best so far:")
            .And.Contain("[running 0 | completed 3 | terminated 0 | failed 0]")
            .And.Contain("sweep results completed")
            .And.MatchRegex(@"\* \S+  completed +18  alpha=0\.9")
            .And.MatchRegex(@"best trial: \S+ r2 = 18 \(maximize\) alpha=0\.9")
            .And.Contain($"results: {results}");
        output.Should().Contain("note: The environment, compute, resources and distribution settings apply on Azure ML only");
        error.Should().BeEmpty("the notice is shown once, in the live view");
        File.Exists(Path.Combine(results, "sweep.json")).Should().BeTrue();
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(results, "metrics_output.json")))!.AsObject();
        metrics.Should().HaveCount(3);
        File.ReadAllText(Path.Combine(results, "best", "model", "model.txt")).Should().Be("alpha=0.9");
    }

    [Fact]
    public async Task The_python_interpreter_comes_from_the_flag_then_HYPERDRIVE_PYTHON_and_is_shown_once()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var python3 = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.First(File.Exists);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("r1"), "--python", python3);

        exitCode.Should().Be(0, error + output);
        output.Should().Contain($"python: {python3} (from --python)");
        var services = new CliServices { GetEnvironmentVariable = name => name == "HYPERDRIVE_PYTHON" ? python3 : Environment.GetEnvironmentVariable(name) };
        (exitCode, output, error) = await CliRunner.RunAsync(services, CancellationToken.None, "run", file, "--out", _folder.Combine("r2"));
        exitCode.Should().Be(0, error + output);
        output.Should().Contain($"python: {python3} (from HYPERDRIVE_PYTHON)");
    }

    [Fact]
    public async Task A_missing_interpreter_script_or_code_folder_is_one_clear_error_before_any_trial_starts()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("r1"), "--python", "/no/such/python");

        exitCode.Should().Be(1, output);
        error.Should().Contain("trial.command: The Python interpreter '/no/such/python' does not exist or is not executable.")
            .And.NotContain("Win32Exception").And.NotContain("   at ");
        File.Exists(_folder.Combine("src", "runs.log")).Should().BeFalse("no trial starts");

        var missingScript = _folder.Write("typo.yml", SweepYaml.Replace("python train.py", "python trian.py", StringComparison.Ordinal));
        (exitCode, _, error) = await CliRunner.RunAsync("run", missingScript, "--out", _folder.Combine("r2"));
        exitCode.Should().Be(1);
        error.Should().Contain($"trial.command: The script 'trian.py' is not in the code folder '{_folder.Combine("src")}'.");

        var missingCode = _folder.Write("nocode.yml", SweepYaml.Replace("code: src", "code: source", StringComparison.Ordinal));
        (exitCode, _, error) = await CliRunner.RunAsync("run", missingCode, "--out", _folder.Combine("r3"));
        exitCode.Should().Be(1);
        error.Should().Contain($"trial.code: The code folder '{_folder.Combine("source")}' does not exist.")
            .And.NotContain("trial.command", "a missing folder is the one problem, not also its script");
        File.Exists(_folder.Combine("src", "runs.log")).Should().BeFalse();
    }

    [Fact]
    public async Task An_interpreter_name_that_is_not_on_PATH_is_refused_by_the_library_before_the_first_trial()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var sweep = Fluent.Serialization.AzureMLYaml.Read(File.ReadAllText(file));
        await using var engine = new Fluent.Local.LocalSweepEngine(new() { PythonExecutable = "python-that-is-not-installed" });

        var start = async () => await engine.StartAsync(sweep, new() { OutputDirectory = _folder.Combine("r1"), BaseDirectory = _folder.Path });

        (await start.Should().ThrowAsync<Fluent.Validation.HyperDriveValidationException>())
            .WithMessage("*trial.command*'python-that-is-not-installed' does not exist or is not executable*");
        File.Exists(_folder.Combine("src", "runs.log")).Should().BeFalse();
    }

    [Fact]
    public async Task A_sweep_whose_every_trial_crashed_fails_with_the_reason_and_exit_code_1()
    {
        _folder.Write("src/train.py", "import sys\nsys.stderr.write('no data\\n')\nsys.exit(1)\n");
        var file = _folder.Write("sweep.yml", SweepYaml);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("results"), "--max-failures", "3");

        exitCode.Should().Be(1, error + output);
        (output + error).Should().Contain("all 3 trials failed: 3 exited with code 1");
        var sweep = JsonNode.Parse(File.ReadAllText(_folder.Combine("results", "sweep.json")))!;
        ((string?)sweep["status"]).Should().Be("Failed");
    }

    [Fact]
    public async Task By_default_the_first_max_concurrent_trials_failing_the_same_way_stop_the_sweep()
    {
        _folder.Write("src/train.py", "import sys\nsys.exit(1)\n");
        var file = _folder.Write("sweep.yml", SweepYaml);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("results"));

        exitCode.Should().Be(1, error + output);
        error.Should().Contain("error: the first 2 trials all failed the same way (exited with code 1); the sweep stopped");
    }

    [Fact]
    public async Task Max_failures_stops_the_sweep_after_that_many_failed_trials()
    {
        _folder.Write("src/train.py", "import sys\nsys.exit(3)\n");
        var file = _folder.Write("sweep.yml", SweepYaml);

        var (exitCode, output, error) = await CliRunner.RunAsync(
            "run", file, "--out", _folder.Combine("results"), "--max-concurrent", "1", "--max-failures", "1");

        exitCode.Should().Be(1, error + output);
        (output + error).Should().Contain("stopped after 1 failed trials (the limit is 1): 1 exited with code 3");
        var sweep = JsonNode.Parse(File.ReadAllText(_folder.Combine("results", "sweep.json")))!;
        sweep["trials"]!.AsArray().Should().HaveCount(1, "the sweep stopped after the first failure");
    }

    [Fact]
    public async Task Max_failures_must_be_positive()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);

        var (exitCode, _, error) = await CliRunner.RunAsync("run", file, "--max-failures", "0");

        exitCode.Should().Be(2);
        error.Should().Contain("--max-failures must be 1 or more.");
    }

    [Fact]
    public async Task Max_concurrent_limits_the_trials_running_at_once()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("results"), "--max-concurrent", "1");

        exitCode.Should().Be(0, error + output);
        output.Should().Contain("[running 1 |").And.NotContain("[running 2 |");
        var sweep = JsonNode.Parse(File.ReadAllText(_folder.Combine("results", "sweep.json")))!;
        ((int?)sweep["definition"]!["limits"]!["maxConcurrentTrials"]).Should().Be(1);
        var trials = sweep["trials"]!.AsArray().Select(t => (Start: (DateTimeOffset)t!["startedAt"]!, End: (DateTimeOffset)t!["endedAt"]!)).OrderBy(t => t.Start).ToList();
        trials.Should().HaveCount(3);
        trials.Zip(trials.Skip(1)).Should().OnlyContain(pair => pair.Second.Start >= pair.First.End, "one trial at a time");
    }

    [Fact]
    public async Task Seed_makes_random_sampling_reproducible()
    {
        var file = _folder.Write("sweep.yml", SweepYaml
            .Replace("type: choice\n    values: [0.1, 0.5, 0.9]", "type: uniform\n    min_value: 0.05\n    max_value: 0.5", StringComparison.Ordinal)
            .Replace("sampling_algorithm: grid", "sampling_algorithm: random", StringComparison.Ordinal));

        var first = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("a"), "--seed", "5");
        var second = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("b"), "--seed", "5");
        var other = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("c"), "--seed", "6");

        first.ExitCode.Should().Be(0, first.Error + first.Out);
        Alphas(first.Out).Should().HaveCount(3).And.Equal(Alphas(second.Out));
        Alphas(other.Out).Should().NotEqual(Alphas(first.Out));
    }

    [Fact]
    public async Task A_pipeline_runs_its_steps_in_order_with_outputs_bound_to_inputs()
    {
        _folder.Write("src/prep.py", """
            import argparse, os
            p = argparse.ArgumentParser(); p.add_argument("--raw"); p.add_argument("--out"); a = p.parse_args()
            open(os.path.join(a.out, "base.txt"), "w").write(str(float(open(a.raw).read()) / 2))
            """);
        _folder.Write("src/train_dir.py", TrainScript.Replace("base = float(open(a.data).read())", "base = float(open(os.path.join(a.data, 'base.txt')).read())", StringComparison.Ordinal));
        var file = _folder.Write("pipeline.yml", """
            type: pipeline
            name: ridge-pipeline
            inputs:
              raw:
                type: uri_file
                path: data/base.txt
            jobs:
              prep:
                type: command
                command: python prep.py --raw ${{inputs.raw}} --out ${{outputs.out}}
                code: src
                inputs:
                  raw: ${{parent.inputs.raw}}
                outputs:
                  out:
                    type: uri_folder
              train:
                type: sweep
                inputs:
                  data: ${{parent.jobs.prep.outputs.out}}
                  scale: 1
                outputs:
                  model:
                    type: uri_folder
                trial:
                  command: python train_dir.py --alpha ${{search_space.alpha}} --data ${{inputs.data}} --scale ${{inputs.scale}} --model ${{outputs.model}}
                  code: src
                search_space:
                  alpha:
                    type: choice
                    values: [0.1, 0.9]
                sampling_algorithm: grid
                objective:
                  goal: maximize
                  primary_metric: r2
                limits:
                  max_total_trials: 2
            """);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("results"));

        exitCode.Should().Be(0, error + output);
        output.Should().Contain("[prep] trial").And.Contain("[train] trial").And.Contain("[train] best so far:")
            .And.Contain("step prep: completed")
            .And.Contain("step train (completed):")
            .And.MatchRegex(@"best trial: \S+ r2 = 4\.5 \(maximize\) alpha=0\.9");
        output.IndexOf("[prep] trial", StringComparison.Ordinal).Should().BeLessThan(output.IndexOf("[train] trial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_pipeline_step_exits_1_with_the_reason()
    {
        _folder.Write("src/fail.py", "import sys; sys.stderr.write('no data here\\n'); sys.exit(3)\n");
        var file = _folder.Write("pipeline.yml", """
            type: pipeline
            jobs:
              prep:
                type: command
                command: python fail.py
                code: src
            """);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("results"));

        exitCode.Should().Be(1, output);
        output.Should().Contain("[prep] trial").And.Contain("failed");
        error.Should().Contain("Step 'prep' failed").And.Contain("no data here");
    }

    [Fact]
    public async Task Ctrl_C_stops_every_trial_and_resume_continues_without_rerunning_finished_trials()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var results = _folder.Combine("results");
        _folder.Write("src/block", string.Empty);

        var pidFile = _folder.Combine("src", "pid");
        using var ctrlC = new CancellationTokenSource();
        var pressCtrlC = Task.Run(async () =>
        {
            // Ctrl+C once the blocked trial's process is up (it writes its pid, then sleeps for two minutes).
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(File.Exists(pidFile) && new FileInfo(pidFile).Length > 0) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await ctrlC.CancelAsync();
        });

        var (exitCode, output, error) = await CliRunner.RunAsync(CliServices.Default, ctrlC.Token, "run", file, "--out", results, "--max-concurrent", "1");
        await pressCtrlC;

        exitCode.Should().Be(130, error + output);
        output.Should().Contain("started: alpha=0.9").And.MatchRegex(@"trial \S+ canceled \(The run was canceled\.\)").And.Contain("sweep results canceled");
        error.Should().Contain($"Canceled. Continue with: hyperdrive run {file} --out {results} --resume");
        IsAlive(int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture)).Should().BeFalse("Ctrl+C kills the trial's process");

        File.Exists(Path.Combine(results, "sweep.json")).Should().BeTrue("a canceled run keeps its results");
        File.ReadAllLines(_folder.Combine("src", "runs.log")).Should().StartWith(["0.1", "0.5"]);

        File.Delete(_folder.Combine("src", "block"));
        (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", results, "--resume");

        exitCode.Should().Be(0, error + output);
        output.Should().MatchRegex(@"best trial: \S+ r2 = 18 ");
        // The counts start from what the interrupted run finished, and the finished trials are not announced again.
        output.Should().Contain("resumed: 2 trial(s) already done before the interruption  [running 0 | completed 2 | terminated 0 | failed 0]")
            .And.Contain("trial results_2 started: alpha=0.9  [running 1 | completed 2 | terminated 0 | failed 0]")
            .And.Contain("trial results_2 completed  [running 0 | completed 3 | terminated 0 | failed 0]")
            .And.NotContain("trial results_0 started");
        var runs = File.ReadAllLines(_folder.Combine("src", "runs.log"));
        runs.Count(r => r == "0.1").Should().Be(1, "a finished trial is not run again");
        runs.Count(r => r == "0.5").Should().Be(1);
        runs.Last().Should().Be("0.9");
    }

    [Fact]
    public async Task A_killed_run_resumes_stopping_its_orphaned_trial_without_rerunning_finished_ones_and_leaves_nothing_half_written()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var results = _folder.Combine("results");
        _folder.Write("src/block", string.Empty);
        var pidFile = _folder.Combine("src", "pid");

        // The real tool in its own process, killed with SIGKILL while the third trial runs: no handler gets to run.
        var (tool, output, error) = await StartBlockedToolAsync(file, results, pidFile);
        using (tool)
        {
            tool.Kill(entireProcessTree: false);
            await tool.WaitForExitAsync();
            await Task.WhenAll(output, error);
        }

        // A SIGKILLed host cannot stop its children: the blocked trial is still running, orphaned.
        var orphan = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        IsAlive(orphan).Should().BeTrue();

        Directory.EnumerateFiles(results, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty("every result file is written whole or not at all");
        File.ReadAllLines(_folder.Combine("src", "runs.log")).Should().Equal("0.1", "0.5", "0.9");

        File.Delete(_folder.Combine("src", "block"));
        var (exitCode, resumedOutput, resumedError) = await CliRunner.RunAsync("run", file, "--out", results, "--resume");

        exitCode.Should().Be(0, resumedError + resumedOutput);
        IsAlive(orphan).Should().BeFalse("the resume stops the trial the crashed run left running before it runs that trial again");
        (resumedOutput + resumedError).Should().Contain($"Stopped process {orphan} of trial results_2");
        resumedOutput.Should().MatchRegex(@"best trial: \S+ r2 = 18 ");
        File.ReadAllLines(_folder.Combine("src", "runs.log")).Should().Equal(["0.1", "0.5", "0.9", "0.9"], "only the trial that was running when the tool died runs again: " + resumedOutput);
        var sweep = JsonNode.Parse(File.ReadAllText(Path.Combine(results, "sweep.json")))!;
        sweep["trials"]!.AsArray().Select(t => (string?)t!["status"]).Should().Equal("Completed", "Completed", "Completed");
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task SIGTERM_and_SIGHUP_stop_every_trial_and_keep_the_results_as_Ctrl_C_does(string signal)
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var results = _folder.Combine("results");
        _folder.Write("src/block", string.Empty);
        var pidFile = _folder.Combine("src", "pid");

        // The real tool in its own process, sent the signal while the blocked trial runs.
        var (tool, output, error) = await StartBlockedToolAsync(file, results, pidFile);
        using var owned = tool;
        await SignalAsync(tool, signal);

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await tool.WaitForExitAsync(wait.Token);
        await Task.WhenAll(output, error);

        tool.ExitCode.Should().Be(130, await error + await output);
        IsAlive(int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture)).Should().BeFalse("the signal stops the trial's process, which is not left re-parented to PID 1");
        (await output).Should().Contain("sweep results canceled");
        (await error).Should().Contain($"Canceled. Continue with: hyperdrive run {file} --out {results} --resume");
        File.Exists(Path.Combine(results, "sweep.json")).Should().BeTrue("a stopped run keeps its results");
        Directory.EnumerateFiles(results, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_process_on_a_run_folder_in_use_is_refused_naming_the_holder_and_runs_nothing()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var results = _folder.Combine("results");
        _folder.Write("src/block", string.Empty);
        var pidFile = _folder.Combine("src", "pid");

        // The real tool in its own process holds the run folder while its third trial is blocked.
        var (tool, output, error) = await StartBlockedToolAsync(file, results, pidFile);
        using var owned = tool;

        // This test process is the second one: a resume on the same folder is refused, and runs no trial.
        var (exitCode, secondOutput, secondError) = await CliRunner.RunAsync("run", file, "--out", results, "--resume");

        exitCode.Should().Be(1, secondError + secondOutput);
        secondError.Should().Contain($"run folder {results} is in use by process {tool.Id}").And.NotContain("   at ");
        File.ReadAllLines(_folder.Combine("src", "runs.log")).Should().Equal(["0.1", "0.5", "0.9"], "the refused process started no trial");
        var journal = File.ReadAllLines(Path.Combine(results, "journal.jsonl"));
        journal.Count(l => l.Contains("\"event\":\"started\"", StringComparison.Ordinal)).Should().Be(3, "only the holder wrote to the journal");

        // Once the holder has stopped (SIGTERM, as a user would), the OS has released the lock and the resume runs.
        await SignalAsync(tool, "TERM");

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await tool.WaitForExitAsync(wait.Token);
        await Task.WhenAll(output, error);
        tool.ExitCode.Should().Be(130, await error + await output);
        File.Delete(_folder.Combine("src", "block"));

        (exitCode, secondOutput, secondError) = await CliRunner.RunAsync("run", file, "--out", results, "--resume");

        exitCode.Should().Be(0, secondError + secondOutput);
        secondOutput.Should().MatchRegex(@"best trial: \S+ r2 = 18 ");
    }

    [Fact]
    public async Task A_sweep_that_reaches_its_timeout_exits_1_not_130()
    {
        var file = _folder.Write("sweep.yml", SweepYaml.Replace("  max_concurrent_trials: 2", "  max_concurrent_trials: 1\n  timeout: 15", StringComparison.Ordinal)); // long enough for two python trials on a busy machine
        _folder.Write("src/block", string.Empty);

        var (exitCode, output, error) = await CliRunner.RunAsync("run", file, "--out", _folder.Combine("results"));

        exitCode.Should().Be(1, error + output);
        output.Should().Contain("sweep results canceled").And.MatchRegex(@"best trial: \S+ r2 = 10 ");
        output.Should().Contain("note: The sweep reached its timeout");
        error.Should().NotContain("--resume");
    }

    [Fact]
    public async Task An_existing_run_folder_is_not_overwritten_without_resume()
    {
        var file = _folder.Write("sweep.yml", SweepYaml);
        var results = _folder.Combine("results");
        (await CliRunner.RunAsync("run", file, "--out", results)).ExitCode.Should().Be(0);

        var (exitCode, _, error) = await CliRunner.RunAsync("run", file, "--out", results);

        exitCode.Should().Be(1);
        error.Should().Contain("already holds a run").And.Contain("Run it again with --resume to continue it, or choose another --out.").And.NotContain("ResumeAsync");
    }

    [Fact]
    public async Task Resume_lists_what_changed_and_force_accepts_a_larger_budget_but_not_other_values()
    {
        var results = _folder.Combine("results");
        var file = _folder.Write("sweep.yml", SweepYaml.Replace("max_total_trials: 3", "max_total_trials: 2", StringComparison.Ordinal));
        (await CliRunner.RunAsync("run", file, "--out", results)).ExitCode.Should().Be(0);
        _folder.Write("sweep.yml", SweepYaml);

        var (refused, _, refusedError) = await CliRunner.RunAsync("run", file, "--out", results, "--resume");
        _folder.Write("sweep.yml", SweepYaml.Replace("[0.1, 0.5, 0.9]", "[0.1, 0.5, 0.7]", StringComparison.Ordinal));
        var (otherValues, _, otherError) = await CliRunner.RunAsync("run", file, "--out", results, "--resume", "--force");
        _folder.Write("sweep.yml", SweepYaml);
        var (forced, forcedOutput, forcedError) = await CliRunner.RunAsync("run", file, "--out", results, "--resume", "--force");

        refused.Should().Be(1);
        refusedError.Should().Contain("limits.maxTotalTrials was 2, now 3").And.Contain("accept them with --force").And.NotContain("SweepRunOptions");
        otherValues.Should().Be(1);
        otherError.Should().Contain("holds a different sweep").And.Contain("searchSpace.alpha was");
        forced.Should().Be(0, forcedError + forcedOutput);
        var runs = File.ReadAllLines(_folder.Combine("src/runs.log"));
        runs.Should().HaveCount(3, "the two finished trials are kept and only the third runs");
        runs[..2].Should().BeEquivalentTo(["0.1", "0.5"], "the first two ran at the same time");
        runs[2].Should().Be("0.9");
    }

    [Fact]
    public async Task Force_without_resume_is_a_usage_error()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("run", _folder.Write("sweep.yml", SweepYaml), "--out", _folder.Combine("r"), "--force");

        exitCode.Should().Be(2);
        error.Should().Contain("--force applies to --resume only");
    }

    [Fact]
    public async Task Resume_without_out_is_a_usage_error()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("run", _folder.Write("sweep.yml", SweepYaml), "--resume");

        exitCode.Should().Be(2);
        error.Should().Contain("--resume needs --out DIR");
    }

    [Fact]
    public async Task An_invalid_file_lists_every_problem_and_runs_nothing()
    {
        var results = _folder.Combine("results");

        var (exitCode, output, error) = await CliRunner.RunAsync("run", CliRunner.TestData("invalid-sweep.yml"), "--out", results);

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("error search_space.alpha:").And.Contain("error trial.command:").And.Contain("cannot run locally: 2 error(s)");
        Directory.Exists(results).Should().BeFalse();
    }

    private static List<string> Alphas(string output) =>
        output.Split('\n').Where(l => l.Contains("started: alpha=", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("alpha=", StringComparison.Ordinal) + 6)..].Split(' ')[0]).Order(StringComparer.Ordinal).ToList();

    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(' ')[2] != "Z";
    }

    /// <summary>Starts the real tool (<see cref="ToolRun"/>), drains its streams, and waits until the blocked trial has
    /// written its pid: the tool is then running that trial.</summary>
    private static async Task<(Process Tool, Task<string> Output, Task<string> Error)> StartBlockedToolAsync(string file, string results, string pidFile)
    {
        var tool = Process.Start(ToolRun(file, results))!;
        var output = tool.StandardOutput.ReadToEndAsync();
        var error = tool.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(File.Exists(pidFile) && new FileInfo(pidFile).Length > 0) && !tool.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        tool.HasExited.Should().BeFalse("the tool should still be running the blocked trial");
        return (tool, output, error);
    }

    /// <summary>Sends a POSIX signal (TERM, HUP, ...) to the tool, as a user's <c>kill</c> would.</summary>
    private static async Task SignalAsync(Process tool, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {tool.Id}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The real tool, in its own process, running the sweep one trial at a time.</summary>
    private static ProcessStartInfo ToolRun(string file, string results)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hyperdrive.dll"), "run", file, "--out", results, "--max-concurrent", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

}
