using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Engines.Policies;

namespace HyperDrive.Fluent.Tests.Engines.Policies;

public class MedianStoppingTerminationPolicyTests
{
    private static readonly MedianStoppingTerminationPolicy Policy = new(new MedianStoppingPolicy());

    private static PolicyState Scripted(ObjectiveGoal goal, params (string Trial, double[] Values)[] trials)
    {
        var state = new PolicyState(new Objective(goal, "loss"));
        foreach (var (trial, values) in trials)
        {
            foreach (var value in values)
            {
                state.Report(trial, value);
            }
        }

        return state;
    }

    [Fact]
    public void Compares_the_best_so_far_with_the_median_of_the_others_running_averages()
    {
        // Running averages at interval 2: a = (0.2+0.4)/2 = 0.3, b = 0.5, c = 0.7 → median 0.5.
        var state = Scripted(
            ObjectiveGoal.Maximize,
            ("a", [0.2, 0.4, 0.9]),
            ("b", [0.5, 0.5]),
            ("c", [0.6, 0.8]),
            ("x", [0.45, 0.1]));

        Policy.Evaluate("x", 2, state).Should().Be(new PolicyDecision("x", "median_stopping", 2, 0.45, 0.5, 0.5, true));

        state.Report("y", 0.5);
        state.Report("y", 0.3);
        // y's best (0.5) beats the median of a, b, c and x (0.3, 0.5, 0.7, 0.275 → (0.3+0.5)/2 = 0.4): not worse.
        Policy.Evaluate("y", 2, state).Should().Be(new PolicyDecision("y", "median_stopping", 2, 0.5, 0.4, 0.4, false));
    }

    [Fact]
    public void Excludes_the_trial_itself_and_trials_with_fewer_reports()
    {
        var state = Scripted(ObjectiveGoal.Maximize, ("short", [100.0]), ("a", [1.0, 1.0, 1.0]), ("x", [0.0, 0.0, 0.5]));

        // At interval 3 only a counts (short has one report, x is excluded): median 1.0.
        Policy.Evaluate("x", 3, state)!.Should().BeEquivalentTo(new { Value = 0.5, Best = 1.0, Terminate = true });
    }

    [Fact]
    public void Minimize_stops_a_trial_whose_best_is_above_the_median()
    {
        var state = Scripted(ObjectiveGoal.Minimize, ("a", [1.0, 0.8]), ("b", [2.0, 1.0]), ("x", [1.5, 1.45]), ("y", [1.0, 1.6]));

        // Others of x at 2: a 0.9, b 1.5, y 1.3 → median 1.3; x's best 1.45 > 1.3.
        Policy.Evaluate("x", 2, state)!.Should().BeEquivalentTo(new { Value = 1.45, Best = 1.3, Threshold = 1.3, Terminate = true });
        // Others of y: a 0.9, b 1.5, x 1.475 → 1.475; y's best 1.0 ≤ 1.475.
        Policy.Evaluate("y", 2, state)!.Should().BeEquivalentTo(new { Value = 1.0, Best = 1.475, Terminate = false });
    }

    [Fact]
    public void With_no_other_trial_at_the_interval_it_does_not_apply_and_one_other_is_enough()
    {
        var state = Scripted(ObjectiveGoal.Maximize, ("x", [0.1]));
        Policy.Evaluate("x", 1, state).Should().BeNull();

        state.Report("a", 0.9);
        Policy.Evaluate("x", 1, state)!.Should().BeEquivalentTo(new { Value = 0.1, Best = 0.9, Terminate = true });
        Policy.Evaluate("a", 1, state)!.Should().BeEquivalentTo(new { Value = 0.9, Best = 0.1, Terminate = false });
    }

    [Fact]
    public void Finished_trials_still_count()
    {
        var state = Scripted(ObjectiveGoal.Maximize, ("done", [0.9, 0.9]), ("x", [0.1, 0.2]));
        state.MarkFinished("done");
        Policy.Evaluate("x", 2, state)!.Terminate.Should().BeTrue();
    }

    [Fact]
    public void Delay_evaluation_gates_the_first_evaluation()
    {
        var policy = new MedianStoppingTerminationPolicy(new MedianStoppingPolicy(evaluationInterval: 1, delayEvaluation: 5));
        var state = Scripted(ObjectiveGoal.Maximize, ("a", [1, 1, 1, 1, 1, 1]));
        var evaluated = new List<int>();
        for (var n = 1; n <= 6; n++)
        {
            state.Report("x", 0);
            if (policy.Evaluate("x", n, state) is not null)
            {
                evaluated.Add(n);
            }
        }

        evaluated.Should().Equal(5, 6);
    }
}
