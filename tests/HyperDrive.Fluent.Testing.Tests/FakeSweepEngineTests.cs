using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;
using Microsoft.Extensions.Time.Testing;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Testing.Tests;

public class FakeSweepEngineTests
{
    private static SweepBuilder Ridge() => Sweep.For("02_train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2");

    [Fact]
    public async Task Scripted_reports_become_each_trials_metric_history_and_ties_go_to_the_earlier_trial()
    {
        var engine = new FakeSweepEngine().Script(trial => trial.Report("r2", 0.41, 0.44, 0.47));

        await using var run = await engine.StartAsync(Ridge().Runs(4, 2).Build());
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Should().HaveCount(4).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        result.Trials.Select(t => t.Id).Should().Equal(
            result.RunId + "_0", result.RunId + "_1", result.RunId + "_2", result.RunId + "_3");
        result.Trials[2].GetMetric("r2").Select(m => m.Value).Should().Equal(0.41, 0.44, 0.47);
        result.Trials[2].GetMetric("r2").Select(m => m.Step).Should().Equal(0, 1, 2);
        result.BestTrial!.Id.Should().Be(result.Trials[0].Id);
        engine.Runs.Should().ContainSingle().Which.Should().BeSameAs(run);
    }

    [Fact]
    public async Task Parameters_come_from_the_real_sampler_and_a_per_parameter_metric_picks_the_closest_trial()
    {
        var engine = new FakeSweepEngine().Script(trial => trial.Report("r2", 1 - Math.Abs(trial.Parameter<double>("alpha") - 0.3)));

        await using var run = await engine.StartAsync(Ridge().Runs(10, 3).Build());
        var result = await run.WaitForCompletionAsync();

        var alphas = result.Trials.Select(t => (double)t.Parameters["alpha"]).ToList();
        alphas.Should().OnlyContain(a => a >= 0.05 && a <= 1.0).And.OnlyHaveUniqueItems();
        var closest = result.Trials.MinBy(t => Math.Abs((double)t.Parameters["alpha"] - 0.3))!;
        result.BestTrial!.Id.Should().Be(closest.Id);

        await using var again = await new FakeSweepEngine().Script(t => t.Report("r2", 0.5)).StartAsync(Ridge().Runs(10, 3).Build());
        (await again.WaitForCompletionAsync()).Trials.Select(t => (double)t.Parameters["alpha"]).Should().Equal(alphas, "the default seed makes runs reproducible");
    }

    [Fact]
    public async Task The_real_bandit_policy_terminates_trials_outside_the_slack()
    {
        var engine = new FakeSweepEngine().Script(trial =>
            trial.Report("r2", trial.Number % 2 == 0 ? [0.9, 0.9, 0.9] : [0.5, 0.6, 0.7]));

        await using var run = await engine.StartAsync(Ridge().Bandit(1, 0.1).Runs(4, 2).Build());
        var result = await run.WaitForCompletionAsync();

        result.Trials.Select(t => t.Status).Should().Equal(TrialStatus.Completed, TrialStatus.Terminated, TrialStatus.Completed, TrialStatus.Terminated);
        result.Trials[1].GetMetric("r2").Select(m => m.Value).Should().Equal([0.5], "the policy stopped it at its first report");
        var stop = result.Decisions.Should().ContainSingle(d => d.TrialId == result.Trials[1].Id).Which;
        stop.Should().BeEquivalentTo(new { Policy = "bandit", Interval = 1, Value = 0.5, Best = 0.9, Terminate = true });
        stop.Threshold.Should().BeApproximately(0.9 / 1.1, 1e-12);
        result.Decisions.Where(d => d.TrialId == result.Trials[0].Id).Should().HaveCount(3).And.OnlyContain(d => !d.Terminate);
        result.BestTrial!.Id.Should().Be(result.Trials[0].Id);
    }

    [Fact]
    public async Task Runs_on_the_local_scheduler_are_the_same_every_time_however_the_threads_interleave()
    {
        // Trials report in rounds on the local engine's scheduler: with 3 at a time and Bandit comparing each report with
        // the best so far, any dependence on thread timing would show in the statuses, decisions or update order.
        var sweep = Ridge().Bandit(1, 0.05).Runs(24, 6).Build();
        static void Script(FakeTrial trial)
        {
            var alpha = trial.Parameter<double>("alpha");
            trial.Report("r2", 0.5 + (alpha / 4), 0.6 + (alpha / 3), 0.7 - (alpha / 10));
        }

        var first = await RunOnceAsync();
        first.Statuses.Should().Contain("Terminated").And.Contain("Completed");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var again = await RunOnceAsync();
            again.Statuses.Should().Equal(first.Statuses);
            again.Decisions.Should().Equal(first.Decisions);
            again.Updates.Should().Equal(first.Updates);
        }

        async Task<(List<string> Statuses, List<string> Decisions, List<string> Updates)> RunOnceAsync()
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            await using var run = await new FakeSweepEngine(time).Script(Script).StartAsync(sweep);
            var result = await run.WaitForCompletionAsync();
            var updates = new List<string>();
            await foreach (var update in run.WatchAsync())
            {
                updates.Add($"{update.Kind} {update.TrialId} {update.Metric?.Value} {update.Status}");
            }

            return (
                result.Trials.Select(t => t.Status.ToString()).ToList(),
                result.Decisions.Select(d => $"{d.TrialId} {d.Interval} {d.Value} {d.Best} {d.Terminate}").ToList(),
                updates);
        }
    }

    [Fact]
    public async Task A_bayesian_sweep_is_proposed_by_the_real_bayesian_sampler()
    {
        var sweep = Ridge().BayesianSampling().Runs(8, 2).Build();
        var engine = new FakeSweepEngine().Script(trial => trial.Report("r2", 1 - Math.Abs(trial.Parameter<double>("alpha") - 0.3)));

        await using var run = await engine.StartAsync(sweep);
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Should().HaveCount(8).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        result.Warnings.Should().NotContain(w => w.Contains("random sampling", StringComparison.Ordinal), "the fake runs the real sampler");
        result.BestTrial!.GetMetric("r2").Single().Value.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public async Task The_real_median_stopping_policy_applies_after_its_delay()
    {
        var engine = new FakeSweepEngine().Script(trial =>
            trial.Report("loss", trial.Number == 2 ? [9.0, 9.0, 9.0] : [1.0, 1.0, 1.0]));
        var sweep = Sweep.For("train.py").Sample("--lr", Uniform(0.001, 0.1)).Minimize("loss").MedianStopping(1, 2).Runs(3, 3).Build();

        await using var run = await engine.StartAsync(sweep);
        var result = await run.WaitForCompletionAsync();

        result.Decisions.Should().NotContain(d => d.Interval < 2);
        result.Trials[2].Status.Should().Be(TrialStatus.Terminated);
        result.Trials[2].GetMetric("loss").Should().HaveCount(2);
    }

    [Fact]
    public async Task Failing_and_throwing_scripts_fail_their_trial_and_the_sweep_goes_on()
    {
        var engine = new FakeSweepEngine().Script(trial =>
        {
            switch (trial.Number)
            {
                case 1:
                    trial.Report("r2", 0.2).Fail("CUDA out of memory");
                    break;
                case 2:
                    throw new InvalidOperationException("no data");
                default:
                    trial.Report("r2", 0.3);
                    break;
            }
        });

        await using var run = await engine.StartAsync(Ridge().Runs(4, 1).Build());
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Select(t => t.Status).Should().Equal(TrialStatus.Completed, TrialStatus.Failed, TrialStatus.Failed, TrialStatus.Completed);
        result.Trials[1].Error.Should().Be("CUDA out of memory");
        result.Trials[2].Error.Should().Be("The trial's script threw InvalidOperationException: no data");
        result.Warnings.Should().Equal(
            $"Trial {result.Trials[2].Id} never reported the primary metric 'r2'.",
            "2 of 4 trials failed: 1 failed (CUDA out of memory), 1 failed (The trial's script threw InvalidOperationException: no data).");
    }

    [Fact]
    public async Task Cancel_stops_every_running_trial_and_starts_no_more()
    {
        var clock = new FakeTimeProvider();
        var engine = new FakeSweepEngine(clock) { ReportInterval = TimeSpan.FromSeconds(1) }
            .Script(trial => trial.Report("r2", 0.1, 0.2, 0.3, 0.4));

        await using var run = await engine.StartAsync(Ridge().Runs(6, 2).Build());
        await foreach (var update in run.WatchAsync())
        {
            if (update.Kind == TrialUpdateKind.Metric)
            {
                break;
            }
        }

        await run.CancelAsync();
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Canceled);
        run.Status.Should().Be(SweepRunStatus.Canceled);
        result.Trials.Should().HaveCount(2).And.OnlyContain(t => t.Status == TrialStatus.Canceled && t.Error == "The run was canceled.");
    }

    [Fact]
    public async Task Updates_replay_from_the_start_to_every_watcher()
    {
        var engine = new FakeSweepEngine().Script(trial => trial.Report("r2", 0.5));
        await using var run = await engine.StartAsync(Ridge().Runs(2, 1).Build());
        await run.WaitForCompletionAsync();

        var first = await Collect(run);
        var second = await Collect(run);

        second.Should().Equal(first);
        first.Select(u => u.Kind).Should().Equal(
            TrialUpdateKind.Started, TrialUpdateKind.Metric, TrialUpdateKind.BestChanged, TrialUpdateKind.Finished,
            TrialUpdateKind.Started, TrialUpdateKind.Metric, TrialUpdateKind.Finished);
    }

    [Fact]
    public async Task Pipelines_run_their_steps_in_order_with_step_scripts()
    {
        var pipeline = Pipeline.Create("ridge-pipeline")
            .Step("prep", "01_prep.py", s => s.Output("--data_X"))
            .Sweep("tune", Ridge().BindInput("--data_X", "prep", "data_X").Runs(3, 3))
            .Build();
        var engine = new FakeSweepEngine().Script("tune", trial => trial.Report("r2", 0.1 * (trial.Number + 1)));

        await using var run = await engine.StartAsync(pipeline);
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Steps.Keys.Should().Equal("prep", "tune");
        result.Steps["prep"].Trials.Should().ContainSingle().Which.Status.Should().Be(TrialStatus.Completed);
        result.Steps["tune"].BestTrial!.Id.Should().Be("ridge-pipeline_tune_2");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pipeline_steps_follow_the_local_engines_rules_when_a_step_fails(bool continueOnStepFailure)
    {
        // The local engine's rules (PipelineSchedule): a sweep step whose trials never report the primary metric failed;
        // a step bound to a failed step's output does not run; continue_on_step_failure lets independent steps run.
        var pipeline = Pipeline.Create("ridge-pipeline")
            .Step("prep", "01_prep.py", s => s.Output("--data_X"))
            .Sweep("tune", Ridge().BindInput("--data_X", "prep", "data_X").Output("--model").Runs(2, 2))
            .Step("register", "03_register.py", s => s.BindInput("--model", "tune", "model"))
            .Step("report", "04_report.py")
            .ContinueOnStepFailure(continueOnStepFailure)
            .Build();
        var engine = new FakeSweepEngine().Script("tune", trial => trial.Report("loss", 0.5));

        await using var run = await engine.StartAsync(pipeline);
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Failed);
        result.Error.Should().StartWith("Step 'tune' failed: ").And.Contain("r2");
        result.Steps.Keys.Should().Equal(continueOnStepFailure ? ["prep", "tune", "report"] : ["prep", "tune"]);
        if (continueOnStepFailure)
        {
            result.Warnings.Should().Contain("Step 'register' did not run because step 'tune' failed.");
        }
    }

    [Fact]
    public async Task Grid_sweeps_stop_when_the_grid_is_exhausted()
    {
        var grid = Sweep.For("train.py").Sample("--kernel", Choice("linear", "rbf", "poly")).GridSampling().Maximize("acc").Build();

        await using var run = await new FakeSweepEngine().StartAsync(grid);
        var result = await run.WaitForCompletionAsync();

        result.Trials.Select(t => t.Parameters["kernel"]).Should().BeEquivalentTo(["linear", "rbf", "poly"]);
        result.Status.Should().Be(SweepRunStatus.Failed, "no trial produced the primary metric");
        result.Error.Should().Be("all 3 trials failed: 3 did not report acc");
        result.Warnings.Should().Contain("No trial reported the primary metric 'acc'; metrics seen: none.")
            .And.Contain("Trial fake_run_1_0 never reported the primary metric 'acc'.");
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_before_anything_starts()
    {
        var engine = new FakeSweepEngine();
        var invalid = Sweep.For("train.py").Sample("--alpha", Uniform(0, 1)).GridSampling().Maximize("r2").BuildUnvalidated();

        var act = () => engine.StartAsync(invalid);

        (await act.Should().ThrowAsync<HyperDriveValidationException>()).Which.Message.Should().Contain("search_space.alpha");
        engine.Runs.Should().BeEmpty();
    }

    [Fact]
    public async Task Parameter_names_the_parameters_a_trial_has()
    {
        FakeTrial? seen = null;
        var engine = new FakeSweepEngine().Script(t => seen = t);
        await using var run = await engine.StartAsync(Ridge().Runs(1).Build());
        await run.WaitForCompletionAsync();

        var act = () => seen!.Parameter<double>("l1");

        act.Should().Throw<KeyNotFoundException>().WithMessage($"Trial {seen!.Id} has no parameter 'l1'; its parameters are 'alpha'.");
    }

    private static async Task<List<TrialUpdate>> Collect(SweepRun run)
    {
        var updates = new List<TrialUpdate>();
        await foreach (var update in run.WatchAsync())
        {
            updates.Add(update);
        }

        return updates;
    }
}
