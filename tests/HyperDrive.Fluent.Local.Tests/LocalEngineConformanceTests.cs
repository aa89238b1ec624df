using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Tests.Conformance;
using Xunit.Abstractions;

namespace HyperDrive.Fluent.Local.Tests;

/// <summary>The engine conformance scenarios on the local engine, with in-process trials.</summary>
public sealed class LocalEngineConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => ConformanceScenarios.Names();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_local_engine_follows_the_shared_sweep_rules(string name)
    {
        var scenario = ConformanceScenarios.Get(name);
        using var temp = new TempFolder();
        await using var engine = new LocalSweepEngine(new LocalSweepEngineOptions { OutputRoot = temp.Path, StreamTrialOutput = false });
        var sweep = ConformanceScenarios.Sweep(scenario, Sweep.For(async (TrialContext ctx, CancellationToken ct) =>
        {
            var script = scenario.Trial(ctx.TrialNumber);
            for (var i = 0; i < script.Values.Length; i++)
            {
                ctx.Report("r2", script.Values[i], i);
            }

            if (script.OtherMetric is { } other)
            {
                ctx.Report(other, 0.9, 0);
            }

            switch (script.Ending)
            {
                case TrialEnding.Fail:
                    throw new InvalidOperationException("exit 1");
                case TrialEnding.Hang:
                    await Task.Delay(Timeout.Infinite, ct);
                    break;
            }
        }));

        await using var run = await engine.StartAsync(sweep, new SweepRunOptions { RunName = "conformance" });
        await ConformanceRun.CompleteAndCheckAsync(run, scenario, "local", output.WriteLine, engineEvaluatesPolicy: true);
    }
}
