using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.Time.Testing;

namespace HyperDrive.Fluent.Tests.Engines;

/// <summary>The sweep rules every engine applies, one event at a time.</summary>
public class TrialLedgerTests
{
    private static readonly Objective MaximizeR2 = new(ObjectiveGoal.Maximize, "r2");
    private static readonly DateTimeOffset T0 = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static MetricValue R2(double value, int step = 0) => new("r2", value, step, T0);

    private static void Run(TrialLedger ledger, int number, TrialStatus status, int? exitCode = null, params double[] values)
    {
        var id = $"t{number}";
        ledger.Started(id, number);
        for (var i = 0; i < values.Length; i++)
        {
            ledger.Report(id, R2(values[i], i));
        }

        ledger.Ended(id, status, exitCode);
    }

    [Theory]
    [InlineData(null, 0.5, 0.5)]
    [InlineData(0.4, 0.5, 0.5)]
    [InlineData(0.6, 0.5, 0.6)]
    [InlineData(0.5, 0.5, 0.5)]
    [InlineData(0.4, double.NaN, 0.4)]
    [InlineData(0.4, double.PositiveInfinity, 0.4)]
    [InlineData(null, double.NegativeInfinity, null)]
    public void Best_so_far_counts_only_finite_values_and_only_a_strictly_better_one_replaces_it(double? best, double value, double? expected)
    {
        TrialLedger.BestAfter(best, value, MaximizeR2).Should().Be(expected);
        TrialLedger.BestAfter(best is null ? null : -best, -value, new Objective(ObjectiveGoal.Minimize, "loss"))
            .Should().Be(expected is null ? null : -expected, "minimizing mirrors maximizing");
    }

    [Fact]
    public void Only_finite_primary_values_count_and_the_best_is_kept_as_they_arrive()
    {
        var ledger = new TrialLedger(MaximizeR2, maxConcurrentTrials: 2);
        ledger.Started("t0", 0);

        ledger.Report("t0", R2(double.NaN)).Should().BeEquivalentTo(new { Counted = false, Interval = 0, BestChanged = false });
        ledger.Report("t0", R2(double.PositiveInfinity)).Counted.Should().BeFalse();
        ledger.Report("t0", new MetricValue("loss", 0.1, 0, T0)).Counted.Should().BeFalse();
        ledger.Report("t0", R2(0.3)).Should().BeEquivalentTo(new { Counted = true, Interval = 1, BestChanged = true });
        ledger.Report("t0", R2(0.2)).Should().BeEquivalentTo(new { Counted = true, Interval = 2, BestChanged = false });

        ledger.BestTrialId.Should().Be("t0");
        ledger.BestValue.Should().Be(0.3);
    }

    [Fact]
    public void Ties_go_to_the_lower_trial_number_whatever_the_order_of_reports()
    {
        var ledger = new TrialLedger(new Objective(ObjectiveGoal.Minimize, "r2"), maxConcurrentTrials: 2);
        ledger.Started("t1", 1);
        ledger.Started("t0", 0);

        ledger.Report("t1", R2(0.5));
        ledger.Report("t0", R2(0.5)).BestChanged.Should().BeTrue();
        ledger.Report("t1", R2(0.4)).BestChanged.Should().BeTrue("lower is better when minimizing");

        ledger.BestTrialId.Should().Be("t1");
        ledger.BestValue.Should().Be(0.4);
    }

    [Fact]
    public void SelectBest_applies_the_same_rule_to_finished_results()
    {
        TrialResult Trial(int number, params double[] values) => new()
        {
            Id = $"t{number}",
            Number = number,
            Parameters = new Dictionary<string, object>(),
            Status = TrialStatus.Completed,
            Metrics = new Dictionary<string, IReadOnlyList<MetricValue>> { ["r2"] = values.Select((v, i) => R2(v, i)).ToList() },
        };

        var best = TrialLedger.SelectBest([Trial(2, 0.9), Trial(0, double.NaN, double.PositiveInfinity), Trial(1, 0.9, 0.1)], MaximizeR2);

        best!.Id.Should().Be("t1");
        TrialLedger.SelectBest([Trial(0, double.NaN)], MaximizeR2).Should().BeNull();
        Trial(0, double.NaN, 0.2, double.PositiveInfinity).BestValue(MaximizeR2).Should().Be(0.2);
    }

    [Fact]
    public void The_policy_is_evaluated_on_counted_values_and_its_stop_is_explained()
    {
        var time = new FakeTimeProvider(T0);
        var ledger = new TrialLedger(MaximizeR2, new BanditPolicy(slackFactor: 0.1), maxConcurrentTrials: 2, timeProvider: time);
        ledger.Started("t0", 0);
        ledger.Started("t1", 1);
        ledger.Report("t0", R2(0.9));
        time.Advance(TimeSpan.FromSeconds(5));

        ledger.Report("t1", R2(double.NaN)).Decision.Should().BeNull("a NaN is never an interval");
        var report = ledger.Report("t1", R2(0.5));

        report.Decision.Should().BeEquivalentTo(new { TrialId = "t1", Policy = "bandit", Interval = 1, Value = 0.5, Best = 0.9, Terminate = true });
        report.Decision!.Timestamp.Should().Be(T0.AddSeconds(5));
        report.StopReason.Should().StartWith("Stopped by the bandit policy at interval 1: value 0.5 did not reach the threshold 0.81818");
        ledger.Decisions.Should().HaveCount(2);
    }

    [Fact]
    public void No_trial_with_the_primary_metric_fails_the_sweep_with_every_reason()
    {
        var ledger = new TrialLedger(MaximizeR2, maxConcurrentTrials: 4, maxTotalTrials: 4);
        Run(ledger, 0, TrialStatus.Failed, exitCode: 1);
        Run(ledger, 1, TrialStatus.Failed, exitCode: 1);
        Run(ledger, 2, TrialStatus.Completed);
        Run(ledger, 3, TrialStatus.Failed, exitCode: 1);

        var outcome = ledger.Conclude();

        outcome.Status.Should().Be(SweepRunStatus.Failed);
        outcome.Error.Should().Be("all 4 trials failed: 3 exited with code 1, 1 did not report r2");
        outcome.Warnings.Should().Contain("Trial t2 never reported the primary metric 'r2'.")
            .And.Contain("No trial reported the primary metric 'r2'; metrics seen: none.");
    }

    [Fact]
    public void Some_failures_and_one_good_trial_complete_with_the_failures_counted()
    {
        var ledger = new TrialLedger(MaximizeR2, maxConcurrentTrials: 2);
        Run(ledger, 0, TrialStatus.Completed, null, 0.4);
        Run(ledger, 1, TrialStatus.Failed, exitCode: 1);
        Run(ledger, 2, TrialStatus.Completed, null, double.NaN);

        var outcome = ledger.Conclude();

        outcome.Status.Should().Be(SweepRunStatus.Completed);
        outcome.Error.Should().BeNull();
        ledger.FailedTrials.Should().Be(2);
        outcome.Warnings.Should().Contain("2 of 3 trials failed: 1 exited with code 1, 1 reported r2 only as NaN.")
            .And.Contain("Trial t2 reported the primary metric 'r2' only as NaN or infinity; those values never count.");
        ledger.BestTrialId.Should().Be("t0");
    }

    [Fact]
    public void The_first_max_concurrent_trials_failing_the_same_way_stop_the_sweep()
    {
        var ledger = new TrialLedger(MaximizeR2, maxConcurrentTrials: 2, maxTotalTrials: 10);
        ledger.Started("t0", 0);
        ledger.Started("t1", 1);

        ledger.Ended("t1", TrialStatus.Failed, exitCode: 1).StopSweep.Should().BeNull("trial 0 is still running");
        var verdict = ledger.Ended("t0", TrialStatus.Failed, exitCode: 1);

        verdict.Failure.Should().Be("exited with code 1");
        verdict.StopSweep.Should().StartWith("the first 2 trials all failed the same way (exited with code 1)");
        ledger.Conclude().Should().BeEquivalentTo(new { Status = SweepRunStatus.Failed, Error = verdict.StopSweep });
    }

    [Fact]
    public void Different_failures_or_a_small_budget_do_not_stop_the_sweep_early()
    {
        var mixed = new TrialLedger(MaximizeR2, maxConcurrentTrials: 2, maxTotalTrials: 10);
        Run(mixed, 0, TrialStatus.Failed, exitCode: 1);
        Run(mixed, 1, TrialStatus.Failed, exitCode: 2);
        mixed.StopReason.Should().BeNull();

        var small = new TrialLedger(MaximizeR2, maxConcurrentTrials: 2, maxTotalTrials: 2);
        Run(small, 0, TrialStatus.Failed, exitCode: 1);
        Run(small, 1, TrialStatus.Failed, exitCode: 1);
        small.StopReason.Should().BeNull("the sweep ends anyway");
        small.Conclude().Error.Should().Be("all 2 trials failed: 2 exited with code 1");
    }

    [Fact]
    public void MaxFailedTrials_stops_after_that_many_failures_of_any_kind()
    {
        var ledger = new TrialLedger(MaximizeR2, maxConcurrentTrials: 1, maxTotalTrials: 10, maxFailedTrials: 3);
        Run(ledger, 0, TrialStatus.Completed, null, 0.5);
        Run(ledger, 1, TrialStatus.Failed, exitCode: 1);
        Run(ledger, 2, TrialStatus.Completed);
        ledger.StopReason.Should().BeNull("the default rule is off when a limit is set");

        ledger.Started("t3", 3);
        var verdict = ledger.Ended("t3", TrialStatus.Failed, error: "OSError: disk full\nTraceback ...");

        verdict.StopSweep.Should().Be("stopped after 3 failed trials (the limit is 3): 1 exited with code 1, 1 did not report r2, 1 failed (OSError: disk full)");
        ledger.Conclude().Status.Should().Be(SweepRunStatus.Failed, "a limit reached fails the sweep even with a good trial");
    }

    [Fact]
    public void Trials_the_run_canceled_are_not_failures_but_timed_out_ones_are()
    {
        var ledger = new TrialLedger(MaximizeR2, maxConcurrentTrials: 3, maxTotalTrials: 3);
        Run(ledger, 0, TrialStatus.Canceled);
        ledger.Started("t1", 1);
        ledger.TimedOut("t1", TimeSpan.FromMinutes(5)).Should().Be("Stopped after the trial timeout of 00:05:00.");
        ledger.Ended("t1", TrialStatus.Canceled).Failure.Should().Be("timed out");
        ledger.Started("t2", 2);
        ledger.Report("t2", R2(0.1));
        ledger.TimedOut("t2", TimeSpan.FromMinutes(5));
        ledger.Ended("t2", TrialStatus.Canceled).Failure.Should().BeNull("its values count");

        ledger.FailedTrials.Should().Be(1);
        ledger.Conclude(canceled: true).Status.Should().Be(SweepRunStatus.Canceled);
        var timedOut = ledger.Conclude(timedOutAfter: TimeSpan.FromHours(1));
        timedOut.Status.Should().Be(SweepRunStatus.Canceled);
        timedOut.Warnings.Should().Contain("The sweep reached its timeout (01:00:00); the trials still running were canceled.");
    }

    [Fact]
    public void A_command_job_fails_when_its_trial_fails_and_completes_otherwise()
    {
        var failed = new TrialLedger(objective: null);
        Run(failed, 0, TrialStatus.Failed, exitCode: 2);
        failed.Conclude().Should().BeEquivalentTo(new { Status = SweepRunStatus.Failed, Error = "the trial exited with code 2" });

        var completed = new TrialLedger(new Objective(ObjectiveGoal.Maximize, string.Empty));
        completed.Objective.Should().BeNull("an empty primary metric is no objective");
        Run(completed, 0, TrialStatus.Completed);
        completed.Conclude().Should().BeEquivalentTo(new { Status = SweepRunStatus.Completed, Error = (string?)null });
        completed.BestTrialId.Should().BeNull();
    }

    [Fact]
    public void A_restored_trial_counts_and_feeds_the_policy_without_new_decisions()
    {
        var ledger = new TrialLedger(MaximizeR2, new BanditPolicy(slackFactor: 0.1), maxConcurrentTrials: 2);
        var earlier = new PolicyDecision("t0", "bandit", 1, 0.9, 0.9, 0.8, false);

        ledger.Restore("t0", 0, [R2(0.9), R2(double.NaN, 1)], TrialStatus.Completed, 0, null, [earlier]);
        ledger.Started("t1", 1);
        var report = ledger.Report("t1", R2(0.5));

        ledger.Decisions.Should().HaveCount(2).And.StartWith(earlier);
        report.Decision!.Best.Should().Be(0.9, "the restored trial's values are in the policy's state");
        ledger.BestTrialId.Should().Be("t0");
    }

    [Fact]
    public void Events_for_an_unknown_trial_and_bad_limits_are_refused()
    {
        var ledger = new TrialLedger(MaximizeR2);

        var act = () => ledger.Report("t9", R2(0.1));
        act.Should().Throw<InvalidOperationException>().WithMessage("Trial 't9' was not started in this ledger.");
        var zero = () => new TrialLedger(MaximizeR2, maxFailedTrials: 0);
        zero.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxFailedTrials");
        var options = () => new SweepRunOptions { MaxFailedTrials = 0 };
        options.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxFailedTrials");
    }
}
