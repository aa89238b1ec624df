using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Bayesian;

public class WarmStartTests
{
    private static TrialResult Trial(int number, double? r2, params (string Name, object Value)[] parameters) => new()
    {
        Id = $"previous_{number}",
        Number = number,
        Parameters = parameters.ToDictionary(p => p.Name, p => p.Value),
        Status = r2 is null ? TrialStatus.Failed : TrialStatus.Completed,
        Metrics = r2 is null
            ? new Dictionary<string, IReadOnlyList<MetricValue>>()
            : new Dictionary<string, IReadOnlyList<MetricValue>> { ["r2"] = [new MetricValue("r2", r2.Value, 0, DateTimeOffset.UnixEpoch)] },
    };

    private static SweepResult Previous(params TrialResult[] trials) => new()
    {
        RunId = "previous",
        Status = SweepRunStatus.Completed,
        Objective = new Objective(ObjectiveGoal.Maximize, "r2"),
        Trials = trials,
    };

    private static SweepResult RidgeResult() => Previous(
        Trial(0, 0.40, ("alpha", 0.9), ("solver", "auto")),
        Trial(1, 0.45, ("alpha", 0.2), ("solver", "svd")),
        Trial(2, 0.44, ("alpha", 0.35), ("solver", "auto")),
        Trial(3, null, ("alpha", 0.6), ("solver", "svd")),
        Trial(4, 0.41, ("alpha", 0.75), ("solver", "svd")),
        Trial(5, 0.46, ("alpha", 0.15), ("solver", "auto")),
        Trial(6, 0.43, ("alpha", 0.5), ("solver", "auto")));

    private static SweepBuilder Ridge() => Sweep.For("train.py")
        .Sample("--alpha", Uniform(0.05, 1.0))
        .Sample("--solver", Choice("auto", "svd"))
        .Maximize("r2")
        .BayesianSampling()
        .Runs(20);

    [Fact]
    public void The_builder_takes_every_trial_with_its_best_value_and_failed_ones_without()
    {
        var sweep = Ridge().WarmStartFrom(RidgeResult()).Build();

        sweep.WarmStart!.PrimaryMetric.Should().Be("r2");
        sweep.WarmStart.Trials.Should().HaveCount(7);
        sweep.WarmStart.Trials[1].Should().Be(new WarmStartTrial(EquatableMap<object>.Create([new("alpha", 0.2), new("solver", "svd")]), 0.45));
        sweep.WarmStart.Trials[3].Value.Should().BeNull();
    }

    [Fact]
    public void Warm_start_changes_the_first_proposals_of_the_bayesian_sampler()
    {
        var cold = SamplerFactory.Create(Ridge().Build(), 8);
        var warm = SamplerFactory.Create(Ridge().WarmStartFrom(RidgeResult()).Build(), 8);

        var coldFirst = cold.Propose(0, SamplerHistory.Empty)!;
        var warmFirst = warm.Propose(0, SamplerHistory.Empty)!;

        warmFirst.Should().NotBeEquivalentTo(coldFirst);
        // Seven earlier trials (six with values) exceed the initial design of max(5, 2·2), so the model proposes at once,
        // near the best earlier alpha (0.15) rather than anywhere in [0.05, 1].
        ((double)warmFirst["alpha"]).Should().BeLessThan(0.5);
    }

    [Fact]
    public void Random_and_grid_samplers_do_not_repeat_warm_start_points()
    {
        var earlier = Previous(Trial(0, 0.4, ("solver", "auto"), ("depth", 1L)), Trial(1, 0.5, ("solver", "svd"), ("depth", 2L)));
        SweepBuilder Grid() => Sweep.For("train.py").Sample("--solver", Choice("auto", "svd")).Sample("--depth", Choice(1, 2)).Maximize("r2");

        var grid = SamplerFactory.Create(Grid().GridSampling().WarmStartFrom(earlier).Build(), 1);
        var random = SamplerFactory.Create(Grid().RandomSampling(3).WarmStartFrom(earlier).Build(), 3);

        var gridProposals = Enumerable.Range(0, 3).Select(n => grid.Propose(n, SamplerHistory.Empty)).ToList();
        gridProposals[2].Should().BeNull("two of the four grid points were tried before");
        gridProposals.Take(2).Should().BeEquivalentTo(new[]
        {
            new Dictionary<string, object> { ["solver"] = "auto", ["depth"] = 2L },
            new Dictionary<string, object> { ["solver"] = "svd", ["depth"] = 1L },
        });
        var warmKeys = earlier.Trials.Select(t => BayesianSamplerTests.WarmStartKey(t.Parameters)).ToHashSet();
        Enumerable.Range(0, 40).Select(n => BayesianSamplerTests.WarmStartKey(random.Propose(n, SamplerHistory.Empty)!))
            .Should().NotContain(k => warmKeys.Contains(k));
    }

    [Fact]
    public void A_value_outside_the_bounds_is_rejected_naming_the_parameter()
    {
        var act = () => Ridge().WarmStartFrom(Previous(Trial(0, 0.4, ("alpha", 1.5), ("solver", "auto")))).Build();

        act.Should().Throw<HyperDriveValidationException>()
            .WithMessage("*warm_start.search_space.alpha*alpha=1.5*[0.05, 1]*");
    }

    [Fact]
    public void A_value_that_is_not_a_choice_is_rejected_naming_the_parameter()
    {
        var act = () => Ridge().WarmStartFrom(Previous(Trial(0, 0.4, ("alpha", 0.5), ("solver", "lsqr")))).Build();

        act.Should().Throw<HyperDriveValidationException>()
            .WithMessage("*warm_start.search_space.solver*'lsqr'*not one of the choices*");
    }

    [Fact]
    public void A_missing_or_an_extra_parameter_is_rejected_naming_it()
    {
        var missing = () => Ridge().WarmStartFrom(Previous(Trial(0, 0.4, ("alpha", 0.5)))).Build();
        var extra = () => Ridge().WarmStartFrom(Previous(Trial(0, 0.4, ("alpha", 0.5), ("solver", "svd"), ("tol", 0.001)))).Build();

        missing.Should().Throw<HyperDriveValidationException>().WithMessage("*warm_start.search_space.solver*has no parameter 'solver'*");
        extra.Should().Throw<HyperDriveValidationException>().WithMessage("*warm_start.search_space.tol*does not have*");
    }

    [Fact]
    public void A_parameter_of_another_type_is_rejected_naming_it()
    {
        var act = () => Ridge().WarmStartFrom(Previous(Trial(0, 0.4, ("alpha", "0.5"), ("solver", "svd")))).Build();

        act.Should().Throw<HyperDriveValidationException>().WithMessage("*warm_start.search_space.alpha*takes numbers*");
    }

    [Fact]
    public void A_different_primary_metric_is_rejected()
    {
        var act = () => Sweep.For("train.py").Sample("--alpha", Uniform(0.05, 1.0)).Sample("--solver", Choice("auto", "svd"))
            .Maximize("accuracy").WarmStartFrom(RidgeResult()).Build();

        act.Should().Throw<HyperDriveValidationException>().WithMessage("*warm_start:*'r2'*'accuracy'*");
    }

    [Fact]
    public void A_result_without_an_objective_cannot_seed_a_sweep()
    {
        var act = () => Ridge().WarmStartFrom(new SweepResult { RunId = "pipeline", Status = SweepRunStatus.Completed });

        act.Should().Throw<ArgumentException>().WithMessage("*'pipeline' has no objective*");
    }

    [Fact]
    public void Warm_starts_compare_by_value()
    {
        WarmStart.FromResult(RidgeResult()).Should().Be(WarmStart.FromResult(RidgeResult()));
    }
}
