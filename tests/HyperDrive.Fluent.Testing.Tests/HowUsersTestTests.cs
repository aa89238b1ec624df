using Azure;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Engines;
using NSubstitute;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Testing.Tests;

/// <summary>The three ways a user tests code built on HyperDrive.Fluent: assert the definition, run it on the fake engine,
/// substitute the engine or the Azure client.</summary>
public class HowUsersTestTests
{
    [Fact]
    public void Way_1_assert_the_definition()
    {
        var sweep = TuningJob.Define();

        sweep.Should().Sample("alpha").FromUniform(0.05, 1.0)
            .And.Maximize("r2")
            .And.UseBandit(2, 0.1)
            .And.HaveLimits(4, 2);
    }

    [Fact]
    public async Task Way_2_run_the_host_logic_on_the_fake_engine()
    {
        var engine = new FakeSweepEngine()
            .Script(trial => trial.Report("r2", 0.40, 0.60 - Math.Abs(trial.Parameter<double>("alpha") - 0.5)));
        var job = new TuningJob(engine);

        var alpha = await job.BestAlphaAsync();

        var result = await engine.Runs.Single().WaitForCompletionAsync();
        alpha.Should().Be((double)result.BestTrial!.Parameters["alpha"]);
        result.Trials.Should().HaveCount(4);
    }

    [Fact]
    public async Task Way_3a_substitute_the_engine()
    {
        var engine = Substitute.For<ISweepEngine>();
        var run = Substitute.For<SweepRun>();
        var best = new TrialResult { Id = "ridge_1", Number = 1, Parameters = new Dictionary<string, object> { ["alpha"] = 0.25 }, Status = TrialStatus.Completed };
        run.WaitForCompletionAsync(Arg.Any<CancellationToken>()).Returns(new SweepResult { RunId = "ridge", Status = SweepRunStatus.Completed, BestTrial = best });
        engine.StartAsync(Arg.Any<JobDefinition>(), Arg.Any<SweepRunOptions?>(), Arg.Any<CancellationToken>()).Returns(run);

        var alpha = await new TuningJob(engine).BestAlphaAsync();

        alpha.Should().Be(0.25);
        await engine.Received(1).StartAsync(Arg.Is<JobDefinition>(d => d is SweepDefinition), Arg.Any<SweepRunOptions?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Way_3b_substitute_the_azure_run()
    {
        var run = Substitute.For<AzureMLSweepRun>();
        var best = new TrialResult { Id = "ridge_3", Number = 3, Parameters = new Dictionary<string, object> { ["alpha"] = 0.4 }, Status = TrialStatus.Completed };
        run.GetBestTrialAsync(Arg.Any<CancellationToken>()).Returns(best);

        var alpha = await TuningJob.BestAlphaOnAzureAsync(run);

        alpha.Should().Be(0.4);
        var missing = Substitute.For<AzureMLSweepRun>();
        missing.GetBestTrialAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException<TrialResult?>(new RequestFailedException(404, "Job not found", "UserError", null)));
        var act = () => TuningJob.BestAlphaOnAzureAsync(missing);
        (await act.Should().ThrowAsync<RequestFailedException>()).Which.Status.Should().Be(404);
    }

    /// <summary>The user's own code under test.</summary>
    private sealed class TuningJob(ISweepEngine engine)
    {
        public static SweepDefinition Define() => Sweep.For("02_train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .Maximize("r2")
            .Bandit(2, 0.1)
            .Runs(4, 2)
            .Build();

        public static async Task<double?> BestAlphaOnAzureAsync(AzureMLSweepRun run) =>
            (await run.GetBestTrialAsync()) is { } best ? Convert.ToDouble(best.Parameters["alpha"], System.Globalization.CultureInfo.InvariantCulture) : null;

        public async Task<double?> BestAlphaAsync()
        {
            var run = await engine.StartAsync(Define());
            var result = await run.WaitForCompletionAsync();
            return result.BestTrial is { } best ? Convert.ToDouble(best.Parameters["alpha"], System.Globalization.CultureInfo.InvariantCulture) : null;
        }
    }
}
