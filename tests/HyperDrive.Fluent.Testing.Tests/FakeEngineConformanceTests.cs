using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Tests.Conformance;
using Xunit.Abstractions;

namespace HyperDrive.Fluent.Testing.Tests;

/// <summary>The engine conformance scenarios on <see cref="FakeSweepEngine"/>: a user's test on the fake passes only where
/// the real engines behave the same.</summary>
public sealed class FakeEngineConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => ConformanceScenarios.Names();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_fake_engine_follows_the_shared_sweep_rules(string name)
    {
        var scenario = ConformanceScenarios.Get(name);
        var engine = new FakeSweepEngine { ReportInterval = TimeSpan.FromMilliseconds(10) }.Script(trial =>
        {
            var script = scenario.Trial(trial.Number);
            if (script.Values.Length > 0)
            {
                trial.Report("r2", script.Values);
            }

            if (script.OtherMetric is { } other)
            {
                trial.Report(other, 0.9);
            }

            if (script.Ending == TrialEnding.Fail)
            {
                trial.Fail("exit 1");
            }
            else if (script.Ending == TrialEnding.Hang)
            {
                trial.Report("heartbeat", Enumerable.Repeat(0.0, 100_000).ToArray()); // ends only when stopped
            }
        });
        var sweep = ConformanceScenarios.Sweep(scenario, Sweep.ForCommand("python train.py --alpha ${{search_space.alpha}}"));

        await using var run = await engine.StartAsync(sweep, new SweepRunOptions { RunName = "conformance" });
        await ConformanceRun.CompleteAndCheckAsync(run, scenario, "fake", output.WriteLine, engineEvaluatesPolicy: true);
    }
}
