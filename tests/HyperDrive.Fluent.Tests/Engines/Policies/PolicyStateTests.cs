using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines.Policies;

namespace HyperDrive.Fluent.Tests.Engines.Policies;

public class PolicyStateTests
{
    [Fact]
    public void Keeps_prefix_bests_and_running_averages_per_trial()
    {
        var state = new PolicyState(new Objective(ObjectiveGoal.Minimize, "loss"));
        state.Report("t", 3.0).Should().Be(1);
        state.Report("t", 1.0).Should().Be(2);
        state.Report("t", 2.0).Should().Be(3);

        state.TryGetTrial("t", out var t).Should().BeTrue();
        t!.Values.Should().Equal(3.0, 1.0, 2.0);
        Enumerable.Range(1, 3).Select(t.BestUpTo).Should().Equal(3.0, 1.0, 1.0);
        Enumerable.Range(1, 3).Select(t.MeanUpTo).Should().Equal(3.0, 2.0, 2.0);
        state.BestUpTo(1).Should().Be(3.0);
        state.BestUpTo(5).Should().Be(1.0);
        state.MedianOfOtherRunningAveragesAt(2, t).Should().BeNull("no other trial reported twice");
        state.ValuesAt(4).Should().BeEmpty();
    }

    [Fact]
    public void Rejects_non_finite_values_naming_the_trial_and_metric()
    {
        var state = new PolicyState(new Objective(ObjectiveGoal.Maximize, "r2"));
        var act = () => state.Report("trial_3", double.NaN);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*trial_3*r2*");
    }

    [Fact]
    public void The_factory_maps_each_definition()
    {
        TerminationPolicyFactory.Create(null).Should().BeNull();
        TerminationPolicyFactory.Create(new BanditPolicy(slackFactor: 0.1)).Should().BeOfType<BanditTerminationPolicy>();
        TerminationPolicyFactory.Create(new MedianStoppingPolicy()).Should().BeOfType<MedianStoppingTerminationPolicy>();
        TerminationPolicyFactory.Create(new TruncationSelectionPolicy(10), excludeFinished: true)
            .Should().BeOfType<TruncationSelectionTerminationPolicy>().Which.ExcludeFinished.Should().BeTrue();
    }

    [Fact]
    public void The_running_median_of_the_other_trials_equals_sorting_them_for_every_trial_and_interval()
    {
        var random = new Random(20261202);
        for (var round = 0; round < 200; round++)
        {
            var state = new PolicyState(new Objective(ObjectiveGoal.Maximize, "m"));
            var trials = random.Next(1, 30);
            var reports = new List<(string Trial, double Value)>();
            for (var i = 0; i < trials * 3; i++)
            {
                // Small integers make ties and equal running averages common.
                var value = round % 2 == 0 ? random.Next(0, 4) : (random.NextDouble() * 20) - 10;
                reports.Add(($"t{random.Next(trials)}", value));
            }

            foreach (var (id, value) in reports)
            {
                var n = state.Report(id, value);
                state.TryGetTrial(id, out var series).Should().BeTrue();
                var others = state.Trials.Where(t => !ReferenceEquals(t, series) && t.Count >= n).Select(t => t.MeanUpTo(n)).Order().ToArray();
                double? expected = others.Length == 0 ? null
                    : others.Length % 2 == 1 ? others[others.Length / 2]
                    : (others[(others.Length / 2) - 1] + others[others.Length / 2]) / 2;

                state.MedianOfOtherRunningAveragesAt(n, series!).Should().Be(expected, $"round {round}, {id} at interval {n}");
            }
        }
    }

    [Fact]
    public void Ranked_values_answer_every_rank_as_a_sorted_list_through_adds_and_removes()
    {
        var random = new Random(7);
        var ranked = new RankedValues();
        var reference = new List<double>();
        for (var step = 0; step < 5_000; step++)
        {
            if (reference.Count > 0 && random.Next(3) == 0)
            {
                var value = random.Next(2) == 0 ? reference[random.Next(reference.Count)] : random.Next(0, 50);
                ranked.Remove(value).Should().Be(reference.Remove(value), $"step {step}");
            }
            else
            {
                var value = random.Next(2) == 0 ? random.Next(0, 50) : (random.NextDouble() * 100) - 50;
                ranked.Add(value);
                reference.Add(value);
            }

            reference.Sort();
            ranked.Count.Should().Be(reference.Count);
            if (reference.Count > 0)
            {
                var k = random.Next(reference.Count);
                ranked.Smallest(k).Should().Be(reference[k], $"step {step}, rank {k}");
                ranked.Smallest(0).Should().Be(reference[0]);
                ranked.Smallest(reference.Count - 1).Should().Be(reference[^1]);
            }
        }
    }
}
