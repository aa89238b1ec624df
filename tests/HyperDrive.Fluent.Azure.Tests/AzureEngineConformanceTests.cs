using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Tests.Conformance;
using Xunit.Abstractions;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>The engine conformance scenarios on the Azure ML engine through the loopback fake service: the service's
/// trial statuses and histories go through the same rules. The service evaluates the policy itself (its decisions are not
/// in the REST API), so decisions are compared on the engines that evaluate it. A NaN is served as MLflow's REST API writes
/// it (the proto3 JSON string "NaN"), so every scenario runs here, the NaN one included.</summary>
public sealed class AzureEngineConformanceTests(ITestOutputHelper output) : FakeServerTest
{
    public static TheoryData<string> Scenarios => ConformanceScenarios.Names();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_Azure_engine_maps_the_service_into_the_shared_sweep_rules(string name)
    {
        var scenario = ConformanceScenarios.Get(name);
        var clock = new InstantTimeProvider();
        Fake.SetBestChildRunId = false;
        Fake.TrialScript = n =>
        {
            var script = scenario.Trial(n);
            if (scenario.ServicePolicyStop is { } stop && stop.Trial == n)
            {
                return new FakeTrialScript(script.Values[..stop.ValuesKept], "KILLED");
            }

            return new FakeTrialScript(script.Values, script.Ending switch
            {
                TrialEnding.Complete => "FINISHED",
                TrialEnding.Fail => "FAILED",
                _ => "KILLED", // a trial timeout or the policy: the service kills the child run
            });
        };
        var engine = new AzureMLSweepEngine(Fake.CreateClient(clock), new AzureMLSweepEngineOptions { TimeProvider = clock, PollInterval = TimeSpan.FromSeconds(5) });
        var template = AzureTestDefinitions.Sweep();
        var sweep = ConformanceScenarios.Sweep(scenario, Sweep.ForCommand("python train.py --alpha ${{search_space.alpha}}")) with
        {
            Compute = template.Compute,
            ExperimentName = template.ExperimentName,
            Trial = template.Trial with { Command = "python train.py --alpha ${{search_space.alpha}}" },
        };

        var run = await engine.StartAsync(sweep, new SweepRunOptions { RunName = "conformance" });
        await ConformanceRun.CompleteAndCheckAsync(run, scenario, "azure", output.WriteLine, engineEvaluatesPolicy: false);
        Fake.ContractViolations.Should().BeEmpty();
    }
}
