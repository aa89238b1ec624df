using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Tests.Conformance;

/// <summary>The scenarios every engine runs (issue 11, "the same rules hold in every engine"), and the one check of a
/// result against a scenario.</summary>
public static class ConformanceScenarios
{
    public static readonly ConformanceScenario AllFail = new()
    {
        Name = "all fail",
        MaxTotalTrials = 4,
        MaxConcurrentTrials = 4,
        Trial = _ => new TrialScript([], TrialEnding.Fail),
        Status = SweepRunStatus.Failed,
        ErrorStartsWith = "all 4 trials failed: 4 ",
        TrialStatuses = [TrialStatus.Failed, TrialStatus.Failed, TrialStatus.Failed, TrialStatus.Failed],
    };

    public static readonly ConformanceScenario SomeFail = new()
    {
        Name = "some fail",
        MaxTotalTrials = 3,
        MaxConcurrentTrials = 1,
        Trial = n => n == 1 ? new TrialScript([], TrialEnding.Fail) : new TrialScript([0.3 + (n * 0.1)], TrialEnding.Complete),
        Status = SweepRunStatus.Completed,
        TrialStatuses = [TrialStatus.Completed, TrialStatus.Failed, TrialStatus.Completed],
        BestTrialNumber = 2,
        Warnings = ["Trial {0} never reported the primary metric 'r2'."],
        WarningTrial = 1,
    };

    public static readonly ConformanceScenario PolicyStops = new()
    {
        Name = "policy stops",
        MaxTotalTrials = 2,
        MaxConcurrentTrials = 1,
        Policy = new BanditPolicy(slackFactor: 0.1),
        ServicePolicyStop = (1, 1),
        Trial = n => n == 0 ? new TrialScript([0.9, 0.9, 0.9], TrialEnding.Complete) : new TrialScript([0.5, 0.6, 0.7], TrialEnding.Complete),
        Status = SweepRunStatus.Completed,
        TrialStatuses = [TrialStatus.Completed, TrialStatus.Terminated],
        BestTrialNumber = 0,
        Decisions = [(0, 1, false), (0, 2, false), (0, 3, false), (1, 1, true)],
    };

    public static readonly ConformanceScenario Timeouts = new()
    {
        Name = "timeouts",
        MaxTotalTrials = 3,
        MaxConcurrentTrials = 1,
        TrialTimeout = TimeSpan.FromSeconds(1),
        Trial = n => n switch
        {
            0 => new TrialScript([0.4], TrialEnding.Complete),
            1 => new TrialScript([0.6], TrialEnding.Hang),
            _ => new TrialScript([], TrialEnding.Hang),
        },
        Status = SweepRunStatus.Completed,
        TrialStatuses = [TrialStatus.Completed, TrialStatus.Canceled, TrialStatus.Canceled],
        BestTrialNumber = 1,
    };

    public static readonly ConformanceScenario Cancel = new()
    {
        Name = "cancel",
        MaxTotalTrials = 2,
        MaxConcurrentTrials = 1,
        CancelAfterStart = true,
        Trial = _ => new TrialScript([], TrialEnding.Hang),
        Status = SweepRunStatus.Canceled,
    };

    public static readonly ConformanceScenario NoMetric = new()
    {
        Name = "no metric",
        MaxTotalTrials = 2,
        MaxConcurrentTrials = 2,
        Trial = _ => new TrialScript([], TrialEnding.Complete, OtherMetric: "accuracy"),
        Status = SweepRunStatus.Failed,
        ErrorStartsWith = "all 2 trials failed: 2 did not report r2",
        TrialStatuses = [TrialStatus.Completed, TrialStatus.Completed],
        Warnings = ["Trial {0} never reported the primary metric 'r2'."],
    };

    public static readonly ConformanceScenario NanMetric = new()
    {
        Name = "NaN metric",
        MaxTotalTrials = 2,
        MaxConcurrentTrials = 2,
        Trial = n => n == 0 ? new TrialScript([double.NaN, double.NaN], TrialEnding.Complete) : new TrialScript([0.3], TrialEnding.Complete),
        Status = SweepRunStatus.Completed,
        TrialStatuses = [TrialStatus.Completed, TrialStatus.Completed],
        BestTrialNumber = 1,
        Warnings = ["Trial {0} reported the primary metric 'r2' only as NaN or infinity; those values never count.", "1 of 2 trials failed: 1 reported r2 only as NaN."],
    };

    public static IReadOnlyList<ConformanceScenario> All { get; } = [AllFail, SomeFail, PolicyStops, Timeouts, Cancel, NoMetric, NanMetric];

    /// <summary>The scenarios by name, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names(params ConformanceScenario[] except)
    {
        var data = new TheoryData<string>();
        foreach (var scenario in All.Except(except))
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    public static ConformanceScenario Get(string name) => All.Single(s => s.Name == name);

    /// <summary>The sweep of a scenario with its trials' command (Azure ML, fake engine) or in-process delegate (local).</summary>
    public static SweepDefinition Sweep(ConformanceScenario scenario, SweepBuilder builder)
    {
        var sweep = builder
            .Sample("alpha", Distributions.Uniform(0.05, 1.0))
            .Maximize("r2")
            .Runs(scenario.MaxTotalTrials, scenario.MaxConcurrentTrials);
        if (scenario.Policy is { } policy)
        {
            sweep = sweep.EarlyTermination(policy);
        }

        if (scenario.TrialTimeout is { } timeout)
        {
            sweep = sweep.TrialTimeout(timeout);
        }

        return sweep.Build();
    }

    /// <summary>One line of the outcome table (scenario | sweep status | trial statuses | best trial), written by each
    /// engine's test so a run's log shows what every engine did.</summary>
    public static string Describe(ConformanceScenario scenario, string engine, SweepResult result) =>
        $"conformance | {scenario.Name} | {engine} | {result.Status} | " +
        string.Join(", ", result.Trials.OrderBy(t => t.Number).Select(t => t.Status)) +
        $" | {(result.BestTrial is { } best ? "trial " + best.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}";

    /// <summary>Checks a result against what every engine must agree on.</summary>
    public static void Check(ConformanceScenario scenario, SweepResult result, bool enginesEvaluatesPolicy)
    {
        result.Status.Should().Be(scenario.Status, $"scenario '{scenario.Name}' ({result.Error})");
        if (scenario.ErrorStartsWith is { } error)
        {
            result.Error.Should().StartWith(error);
        }
        else if (scenario.Status != SweepRunStatus.Failed)
        {
            result.Error.Should().BeNull();
        }

        var trials = result.Trials.OrderBy(t => t.Number).ToList();
        if (scenario.TrialStatuses is { } statuses)
        {
            trials.Select(t => t.Status).Should().Equal(statuses, $"scenario '{scenario.Name}'");
        }
        else
        {
            trials.Should().NotContain(t => t.Status == TrialStatus.Completed, "the run was canceled while its trial hung");
        }

        if (scenario.BestTrialNumber is { } best)
        {
            result.BestTrial!.Number.Should().Be(best);
        }
        else
        {
            result.BestTrial.Should().BeNull();
        }

        if (enginesEvaluatesPolicy)
        {
            result.Decisions
                .Select(d => (trials.Single(t => t.Id == d.TrialId).Number, d.Interval, d.Terminate))
                .Should().Equal(scenario.Decisions);
        }

        foreach (var warning in scenario.Warnings)
        {
            result.Warnings.Should().Contain(string.Format(System.Globalization.CultureInfo.InvariantCulture, warning, trials[scenario.WarningTrial].Id));
        }
    }
}
