using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Engines.Policies;

namespace HyperDrive.Fluent.Tests.Engines.Policies;

public class BanditTerminationPolicyTests
{
    private static PolicyState State(ObjectiveGoal goal) => new(new Objective(goal, "auc"));

    [Fact]
    public void How_to_example_slack_factor_terminates_below_best_over_one_plus_factor()
    {
        // Best AUC 0.8, slack_factor 0.2: runs whose best is below 0.8/1.2 = 0.667 are cancelled.
        var policy = new BanditTerminationPolicy(new BanditPolicy(slackFactor: 0.2));
        var state = State(ObjectiveGoal.Maximize);
        state.Report("best", 0.8);
        state.Report("close", 0.7);
        state.Report("far", 0.6);

        var close = policy.Evaluate("close", 1, state)!;
        var far = policy.Evaluate("far", 1, state)!;

        close.Should().BeEquivalentTo(new { TrialId = "close", Policy = "bandit", Interval = 1, Value = 0.7, Best = 0.8, Terminate = false });
        close.Threshold.Should().BeApproximately(0.6667, 0.0001);
        far.Should().BeEquivalentTo(new { Value = 0.6, Best = 0.8, Terminate = true });
        policy.Evaluate("best", 1, state)!.Terminate.Should().BeFalse();
    }

    [Fact]
    public void How_to_example_slack_amount_terminates_below_best_minus_amount()
    {
        var policy = new BanditTerminationPolicy(new BanditPolicy(slackAmount: 0.2));
        var state = State(ObjectiveGoal.Maximize);
        state.Report("best", 0.8);
        state.Report("edge", 0.6);
        state.Report("below", 0.59);

        policy.Evaluate("edge", 1, state).Should().Be(new PolicyDecision("edge", "bandit", 1, 0.6, 0.8, 0.8 - 0.2, false));
        policy.Evaluate("below", 1, state).Should().Be(new PolicyDecision("below", "bandit", 1, 0.59, 0.8, 0.8 - 0.2, true));
    }

    [Fact]
    public void Minimize_mirrors_both_slacks()
    {
        var state = State(ObjectiveGoal.Minimize);
        state.Report("best", 1.0);
        state.Report("x", 1.15);
        state.Report("y", 1.25);

        var factor = new BanditTerminationPolicy(new BanditPolicy(slackFactor: 0.2));
        factor.Evaluate("x", 1, state).Should().Be(new PolicyDecision("x", "bandit", 1, 1.15, 1.0, 1.2, false));
        factor.Evaluate("y", 1, state).Should().Be(new PolicyDecision("y", "bandit", 1, 1.25, 1.0, 1.2, true));

        var amount = new BanditTerminationPolicy(new BanditPolicy(slackAmount: 0.1));
        amount.Evaluate("x", 1, state)!.Should().BeEquivalentTo(new { Value = 1.15, Best = 1.0, Threshold = 1.1, Terminate = true });
    }

    [Fact]
    public void Uses_the_trials_best_so_far_and_the_best_of_all_trials_up_to_the_same_interval()
    {
        var policy = new BanditTerminationPolicy(new BanditPolicy(slackAmount: 0.1));
        var state = State(ObjectiveGoal.Maximize);
        // Leader: 0.5, 0.6, then 0.95 at interval 3. Trial x: 0.55, then 0.3.
        state.Report("leader", 0.5);
        state.Report("leader", 0.6);
        state.Report("leader", 0.95);
        state.Report("x", 0.55);
        state.Report("x", 0.3);

        // At interval 2 the leader's 0.95 (interval 3) does not count: best = 0.6; x's best so far is 0.55 ≥ 0.5.
        policy.Evaluate("x", 2, state)!.Should().BeEquivalentTo(new { Value = 0.55, Best = 0.6, Terminate = false });
        policy.Evaluate("x", 2, state)!.Threshold.Should().BeApproximately(0.5, 1e-12);

        state.Report("x", 0.4);
        policy.Evaluate("x", 3, state)!.Should().BeEquivalentTo(new { Value = 0.55, Best = 0.95, Terminate = true });
    }

    [Fact]
    public void A_trial_with_fewer_reports_counts_with_its_best_so_far()
    {
        var policy = new BanditTerminationPolicy(new BanditPolicy(slackAmount: 0.1));
        var state = State(ObjectiveGoal.Maximize);
        state.Report("short", 0.9); // finished after one report
        state.Report("x", 0.5);
        state.Report("x", 0.7);

        policy.Evaluate("x", 2, state)!.Should().BeEquivalentTo(new { Value = 0.7, Best = 0.9, Terminate = true });
    }

    [Fact]
    public void Delay_and_interval_gate_the_evaluations()
    {
        var policy = new BanditTerminationPolicy(new BanditPolicy(slackFactor: 0.1, evaluationInterval: 2, delayEvaluation: 5));
        var state = State(ObjectiveGoal.Maximize);
        state.Report("best", 1.0);
        var evaluated = new List<int>();
        for (var n = 1; n <= 10; n++)
        {
            state.Report("x", 0.1);
            if (policy.Evaluate("x", n, state) is { } decision)
            {
                decision.Terminate.Should().BeTrue();
                evaluated.Add(n);
            }
        }

        evaluated.Should().Equal(6, 8, 10);
    }

    [Fact]
    public void An_evaluation_interval_of_zero_is_treated_as_one()
    {
        var policy = new BanditTerminationPolicy(new BanditPolicy(slackFactor: 0.1, evaluationInterval: 0));
        var state = State(ObjectiveGoal.Maximize);
        state.Report("x", 1.0);
        policy.Evaluate("x", 1, state).Should().NotBeNull();
    }

    [Fact]
    public void Needs_exactly_one_slack()
    {
        var neither = () => new BanditTerminationPolicy(new BanditPolicy());
        var both = () => new BanditTerminationPolicy(new BanditPolicy(slackFactor: 0.1, slackAmount: 0.1));
        neither.Should().Throw<ArgumentException>().WithMessage("*exactly one of slack_factor and slack_amount*");
        both.Should().Throw<ArgumentException>().WithMessage("*exactly one of slack_factor and slack_amount*");
    }
}
