using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>MLflow's REST API writes the values JSON has no number for as the proto3 JSON strings "NaN", "Infinity" and
/// "-Infinity" (mlflow/utils/proto_json_utils.py message_to_json uses protobuf's MessageToJson); the Azure engine reads
/// them as those values, and they never count as a best.</summary>
public sealed class MlflowMetricValueTests : FakeServerTest
{
    [Fact]
    public async Task NaN_and_infinities_in_the_metric_history_arrive_as_such_and_never_count()
    {
        var clock = new InstantTimeProvider();
        Fake.SetBestChildRunId = false;
        Fake.TrialScript = n => new FakeTrialScript(n == 0 ? [double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.5] : [0.25], "FINISHED");
        var engine = new AzureMLSweepEngine(Fake.CreateClient(clock), new AzureMLSweepEngineOptions { TimeProvider = clock, PollInterval = TimeSpan.FromSeconds(5) });
        var template = AzureTestDefinitions.Sweep();
        var sweep = Sweep.ForCommand("python train.py --alpha ${{search_space.alpha}}")
            .Sample("alpha", Uniform(0.05, 1.0)).Maximize("r2").Runs(2, 2).Build() with
        {
            Compute = template.Compute,
            ExperimentName = template.ExperimentName,
            Trial = template.Trial with { Command = "python train.py --alpha ${{search_space.alpha}}" },
        };

        var result = await (await engine.StartAsync(sweep, new SweepRunOptions { RunName = "specials" })).WaitForCompletionAsync();

        var first = result.Trials.Single(t => t.Number == 0);
        first.GetMetric("r2").Select(v => v.Value).Should().Equal(double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.5);
        result.BestTrial!.Number.Should().Be(0, "its best is 0.5: +infinity never counts");
        result.BestTrial.BestValue(sweep.Objective).Should().Be(0.5);
        Fake.ContractViolations.Should().BeEmpty();
    }
}
