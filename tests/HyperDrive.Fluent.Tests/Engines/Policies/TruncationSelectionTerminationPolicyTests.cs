using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Engines.Policies;

namespace HyperDrive.Fluent.Tests.Engines.Policies;

public class TruncationSelectionTerminationPolicyTests
{
    private static PolicyState Scripted(ObjectiveGoal goal, params (string Trial, double[] Values)[] trials)
    {
        var state = new PolicyState(new Objective(goal, "acc"));
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
    public void Cuts_the_bottom_percentage_by_the_value_at_the_interval()
    {
        // 5 trials at interval 2, p = 20 → ceil(1) = 1 cut; kept 4, cut-off = 4th best = 0.5.
        var policy = new TruncationSelectionTerminationPolicy(new TruncationSelectionPolicy(20));
        var state = Scripted(
            ObjectiveGoal.Maximize,
            ("a", [0.1, 0.9]),
            ("b", [0.2, 0.8]),
            ("c", [0.3, 0.7]),
            ("d", [0.4, 0.5]),
            ("x", [0.99, 0.45, 0.0]));

        // x's best so far is 0.99, but truncation looks at the value at interval 2, and ignores x's third report.
        policy.Evaluate("x", 2, state).Should().Be(new PolicyDecision("x", "truncation_selection", 2, 0.45, 0.5, 0.5, true));
        policy.Evaluate("d", 2, state).Should().Be(new PolicyDecision("d", "truncation_selection", 2, 0.5, 0.5, 0.5, false));
    }

    [Fact]
    public void Rounds_the_count_up_and_mirrors_for_minimize()
    {
        // 3 trials, p = 34 → ceil(1.02) = 2 cut; minimize: kept is the smallest.
        var policy = new TruncationSelectionTerminationPolicy(new TruncationSelectionPolicy(34));
        var state = Scripted(ObjectiveGoal.Minimize, ("a", [1.0]), ("b", [2.0]), ("c", [3.0]));

        policy.Evaluate("a", 1, state)!.Should().BeEquivalentTo(new { Value = 1.0, Best = 1.0, Terminate = false });
        policy.Evaluate("b", 1, state)!.Should().BeEquivalentTo(new { Value = 2.0, Best = 1.0, Threshold = 1.0, Terminate = true });
        policy.Evaluate("c", 1, state)!.Terminate.Should().BeTrue();
    }

    [Fact]
    public void Ties_at_the_cut_off_keep_the_trial()
    {
        // 4 trials, p = 25 → 1 cut, but the two lowest tie at 0.5: neither is strictly worse than the cut-off.
        var policy = new TruncationSelectionTerminationPolicy(new TruncationSelectionPolicy(25));
        var state = Scripted(ObjectiveGoal.Maximize, ("a", [0.9]), ("b", [0.7]), ("c", [0.5]), ("d", [0.5]));

        policy.Evaluate("c", 1, state)!.Should().BeEquivalentTo(new { Best = 0.5, Terminate = false });
        policy.Evaluate("d", 1, state)!.Terminate.Should().BeFalse();

        var allTied = Scripted(ObjectiveGoal.Maximize, ("a", [1.0]), ("b", [1.0]), ("c", [1.0]));
        policy.Evaluate("a", 1, allTied)!.Terminate.Should().BeFalse();
    }

    [Fact]
    public void Excluding_finished_trials_leaves_them_out_of_the_ranking()
    {
        var state = Scripted(ObjectiveGoal.Maximize, ("done1", [0.1]), ("done2", [0.2]), ("a", [0.9]), ("x", [0.5]));
        state.MarkFinished("done1");
        state.MarkFinished("done2");
        var policy = new TruncationSelectionPolicy(25);

        // Including finished: 4 values, 1 cut (0.1): x survives. Excluding: a and x, 1 cut: x is cut.
        new TruncationSelectionTerminationPolicy(policy).Evaluate("x", 1, state)!.Terminate.Should().BeFalse();
        new TruncationSelectionTerminationPolicy(policy, excludeFinished: true).Evaluate("x", 1, state)!
            .Should().BeEquivalentTo(new { Value = 0.5, Best = 0.9, Terminate = true });
    }

    [Fact]
    public void A_lone_trial_is_not_truncated_and_gating_applies()
    {
        var policy = new TruncationSelectionTerminationPolicy(new TruncationSelectionPolicy(50, evaluationInterval: 2, delayEvaluation: 3));
        var state = Scripted(ObjectiveGoal.Maximize, ("x", [0.1, 0.1, 0.1, 0.1]));
        policy.Evaluate("x", 4, state).Should().BeNull();

        state.Report("a", 1);
        state.Report("a", 1);
        state.Report("a", 1);
        state.Report("a", 1);
        policy.Evaluate("x", 2, state).Should().BeNull("the delay is 3");
        policy.Evaluate("x", 3, state).Should().BeNull("3 is not a multiple of 2");
        policy.Evaluate("x", 4, state)!.Terminate.Should().BeTrue();
    }

    [Fact]
    public void Rejects_a_percentage_outside_1_to_99()
    {
        var act = () => new TruncationSelectionTerminationPolicy(new TruncationSelectionPolicy(100));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*truncation_percentage must be 1 to 99*");
    }

    [Theory]
    [InlineData(ObjectiveGoal.Maximize, false)]
    [InlineData(ObjectiveGoal.Maximize, true)]
    [InlineData(ObjectiveGoal.Minimize, false)]
    [InlineData(ObjectiveGoal.Minimize, true)]
    public void Every_decision_equals_ranking_by_a_sort_of_the_values_at_the_interval(ObjectiveGoal goal, bool excludeFinished)
    {
        // The ranked index (O(log n) per decision) against the rule read literally: sort the values at the interval of
        // every trial that counts, cut the bottom ceil(p·count/100). Reports and finishes interleave at random, with ties.
        var random = new Random(20261202 + (int)goal + (excludeFinished ? 10 : 0));
        for (var round = 0; round < 150; round++)
        {
            var percentage = random.Next(1, 100);
            var policy = new TruncationSelectionTerminationPolicy(new TruncationSelectionPolicy(percentage), excludeFinished);
            var state = new PolicyState(new Objective(goal, "m"));
            var trials = random.Next(1, 25);
            for (var step = 0; step < trials * 4; step++)
            {
                var id = $"t{random.Next(trials)}";
                if (random.Next(6) == 0)
                {
                    state.MarkFinished(id);
                    continue;
                }

                var n = state.Report(id, round % 2 == 0 ? random.Next(0, 4) : (random.NextDouble() * 20) - 10);
                if (random.Next(5) == 0)
                {
                    state.MarkFinished(id); // finished right after its last report, before the decision
                }

                policy.Evaluate(id, n, state).Should().Be(Expected(policy, percentage, state, id, n), $"round {round}, {id} at interval {n}, p {percentage}");
            }
        }
    }

    private static PolicyDecision? Expected(TruncationSelectionTerminationPolicy policy, int percentage, PolicyState state, string id, int n)
    {
        state.TryGetTrial(id, out var trial).Should().BeTrue();
        var values = state.Trials
            .Where(t => t.Count >= n && (ReferenceEquals(t, trial) || !(policy.ExcludeFinished && t.IsFinished)))
            .Select(t => t.ValueAt(n))
            .Order()
            .ToList();
        if (values.Count < 2)
        {
            return null;
        }

        if (state.Objective.Goal == ObjectiveGoal.Maximize)
        {
            values.Reverse();
        }

        var kept = values.Count - (int)Math.Ceiling(percentage * values.Count / 100.0);
        var value = trial!.ValueAt(n);
        return kept == 0
            ? new PolicyDecision(id, "truncation_selection", n, value, values[0], values[0], true)
            : new PolicyDecision(id, "truncation_selection", n, value, values[kept - 1], values[kept - 1], state.Objective.IsBetter(values[kept - 1], value));
    }
}
