using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

public class EarlyTerminationTests
{
    private static readonly Dictionary<string, double[]> Streams = new()
    {
        ["good"] = [0.8, 0.85, 0.9, 0.92],
        ["close"] = [0.78, 0.84, 0.86, 0.9],
        ["bad"] = [0.5, 0.55, 0.6, 0.62],
    };

    [Fact]
    public async Task Bandit_terminates_the_trial_that_falls_out_of_the_slack_and_records_every_decision()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For(async (ctx, ct) =>
            {
                foreach (var value in Streams[ctx.Parameters.GetString("stream")])
                {
                    ct.ThrowIfCancellationRequested();
                    ctx.Report("auc", value);
                    await Task.Yield();
                }
            })
            .Sample("stream", Choice("good", "close", "bad"))
            .GridSampling()
            .Maximize("auc")
            .Bandit(1, 0.1)
            .Runs(3, 1)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Trials.Select(t => t.Status).Should().Equal(TrialStatus.Completed, TrialStatus.Completed, TrialStatus.Terminated);
        var bad = result.Trials[2];
        bad.GetMetric("auc").Select(v => v.Value).Should().Equal(0.5);
        bad.Error.Should().Contain("bandit").And.Contain("interval 1");
        var decision = result.Decisions[^1];
        decision.Should().BeEquivalentTo(new PolicyDecision(bad.Id, "bandit", 1, 0.5, 0.8, 0.8 / 1.1, true), o => o.Excluding(d => d.Timestamp));
        result.Decisions.Where(d => d.TrialId == result.Trials[1].Id).Should().HaveCount(4).And.OnlyContain(d => !d.Terminate);
        result.Decisions.Count(d => d.TrialId == result.Trials[0].Id).Should().Be(4);
        result.BestTrial!.Id.Should().Be(result.Trials[0].Id);
    }

    [Fact]
    public async Task A_terminated_trials_later_reports_are_not_recorded_or_evaluated_again()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, ct) =>
            {
                foreach (var value in Streams[ctx.Parameters.GetString("stream")])
                {
                    ctx.Report("auc", value); // ignores its token, like a process whose output is already in the pipe
                }

                return Task.CompletedTask;
            })
            .Sample("stream", Choice("good", "bad"))
            .GridSampling()
            .Maximize("auc")
            .Bandit(2, 0.1)
            .Runs(2, 1)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        var bad = result.Trials[1];
        bad.Status.Should().Be(TrialStatus.Terminated);
        bad.GetMetric("auc").Select(v => v.Value).Should().Equal(0.5, 0.55);
        result.Decisions.Where(d => d.TrialId == bad.Id).Should().ContainSingle().Which.Terminate.Should().BeTrue();
    }

    [Fact]
    public async Task Minimizing_bandit_with_slack_amount_terminates_the_high_loss_trial()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For(async (ctx, ct) =>
            {
                foreach (var value in Streams[ctx.Parameters.GetString("stream")])
                {
                    ct.ThrowIfCancellationRequested();
                    ctx.Report("loss", 1 - value);
                    await Task.Yield();
                }
            })
            .Sample("stream", Choice("good", "bad"))
            .GridSampling()
            .Minimize("loss")
            .BanditAmount(2, 0.2)
            .Runs(2, 1)
            .Build();

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Trials[0].Status.Should().Be(TrialStatus.Completed);
        result.Trials[1].Status.Should().Be(TrialStatus.Terminated);
        result.Trials[1].GetMetric("loss").Should().HaveCount(2, "bandit with interval 2 first evaluates at the second report");
        var decision = result.Decisions.Single(d => d.Terminate);
        decision.Interval.Should().Be(2);
        decision.Value.Should().BeApproximately(0.45, 1e-12);
        decision.Best.Should().BeApproximately(0.15, 1e-12);
        decision.Threshold.Should().BeApproximately(0.35, 1e-12);
    }
}
