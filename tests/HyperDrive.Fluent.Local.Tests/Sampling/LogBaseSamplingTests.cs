using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Serialization;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Sampling;

/// <summary><c>sampling_algorithm.logbase</c> on the local engine: a log-scale distribution's bounds are exponents of
/// that base (azure-ai-ml <c>RandomSamplingAlgorithm.logbase</c>: "the base for log based random sampling").</summary>
public class LogBaseSamplingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(RandomSamplingRule.Sobol)]
    public async Task Loguniform_draws_are_powers_of_the_log_base(RandomSamplingRule? rule)
    {
        var values = await RunAsync(new RandomSampling(7, rule) { LogBase = 10 }, LogUniform(-3, -1));

        values.Should().OnlyContain(v => v >= 1e-3 && v <= 1e-1);
        values.Should().Contain(v => v < Math.Exp(-3), "with base e every draw would be at least e^-3 = 0.0498");
    }

    [Fact]
    public async Task Lognormal_draws_use_the_log_base()
    {
        var values = await RunAsync(new RandomSampling(3) { LogBase = 2 }, LogNormal(0, 1));

        // log2 of a draw is normal(0, 1): its mean over 24 draws is near 0, while ln of it would be log2 · 0.693.
        values.Select(Math.Log2).Average().Should().BeInRange(-0.8, 0.8);
        values.Should().OnlyContain(v => v > 0);
    }

    [Fact]
    public async Task Without_a_log_base_the_draws_are_those_of_base_e()
    {
        var withE = await RunAsync(new RandomSampling(11) { LogBase = Math.E }, LogUniform(-3, -1));
        var without = await RunAsync(new RandomSampling(11), LogUniform(-3, -1));

        withE.Should().Equal(without);
        without.Should().OnlyContain(v => v >= Math.Exp(-3) && v <= Math.Exp(-1));
    }

    [Fact]
    public async Task A_YAML_sweep_with_logbase_runs_with_that_base()
    {
        const string yaml = """
            type: sweep
            trial:
              command: python train.py --lr ${{search_space.lr}}
            sampling_algorithm:
              type: random
              seed: 5
              logbase: 10
            search_space:
              lr:
                type: loguniform
                min_value: -4
                max_value: -2
            objective:
              goal: maximize
              primary_metric: accuracy
            limits:
              max_total_trials: 12
            """;
        var sweep = (SweepDefinition)AzureMLYaml.Read(yaml);

        var values = await RunAsync(sweep.SamplingAlgorithm, sweep.SearchSpace["lr"]);

        values.Should().OnlyContain(v => v >= 1e-4 && v <= 1e-2);
    }

    private static async Task<IReadOnlyList<double>> RunAsync(SamplingAlgorithm sampling, Fluent.SearchSpaces.Distribution distribution)
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var sweep = Sweep.For((ctx, _) =>
            {
                ctx.Report("score", ctx.Parameters.GetDouble("x"));
                return Task.CompletedTask;
            })
            .Sample("x", distribution)
            .SamplingAlgorithm(sampling)
            .Maximize("score")
            .Runs(24, 4)
            .Build();

        var result = await LocalTestHelpers.RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        return result.Trials.OrderBy(t => t.Number).Select(t => (double)t.Parameters["x"]).ToList();
    }
}
