using FluentAssertions.Execution;
using HyperDrive.Fluent.Sampling;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Testing.Tests;

public class SweepDefinitionAssertionsTests
{
    private const string RidgeYaml = """


        The sweep compiles to:
            $schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
            type: sweep
            trial:
              command: python 02_train.py --alpha ${{search_space.alpha}} --data_X ${{inputs.data_X}}
            inputs:
              data_X:
                type: uri_file
                path: data/X.csv
            sampling_algorithm: random
            search_space:
              alpha:
                type: uniform
                min_value: 0.05
                max_value: 1.0
            objective:
              goal: maximize
              primary_metric: r2
            early_termination:
              type: bandit
              evaluation_interval: 2
              delay_evaluation: 0
              slack_factor: 0.1
            limits:
              max_total_trials: 4
              max_concurrent_trials: 2
        """;

    private static SweepDefinition Ridge() => Sweep.For("02_train.py")
        .Sample("--alpha", Uniform(0.05, 1.0))
        .Input("--data_X", Trials.JobInput.UriFile("data/X.csv"))
        .Maximize("r2")
        .Bandit(2, 0.1)
        .Runs(4, 2)
        .Build();

    private static string FailureOf(Action assertion) => assertion.Should().Throw<Exception>().Which.Message.TrimEnd();

    [Fact]
    public void Every_assertion_passes_on_a_matching_definition()
    {
        var definition = Ridge();

        definition.Should().Sample("alpha").FromUniform(0.05, 1.0)
            .And.Sample("--alpha").From(Uniform(0.05, 1.0))
            .And.Maximize("r2")
            .And.UseBandit(2, 0.1)
            .And.HaveLimits(4, 2)
            .And.HaveLimits(4)
            .And.UseSampling(new RandomSampling())
            .And.HaveCommand("python 02_train.py --alpha ${{search_space.alpha}} --data_X ${{inputs.data_X}}")
            .And.BeValid();
    }

    [Fact]
    public void Sample_from_a_different_distribution_fails_with_both_distributions_and_the_yaml()
    {
        var definition = Ridge();

        FailureOf(() => definition.Should().Sample("alpha").FromUniform(0.1, 1.0)).Should().Be(
            "Expected sweep to sample \"alpha\" from uniform(0.1, 1), but it samples it from uniform(0.05, 1)." + RidgeYaml);
    }

    [Fact]
    public void Sample_of_a_missing_parameter_names_the_parameters_there_are()
    {
        var definition = Ridge();

        FailureOf(() => definition.Should().Sample("l1_ratio").FromUniform(0, 1)).Should().Be(
            "Expected sweep to sample \"l1_ratio\", but its search space has only \"alpha\"." + RidgeYaml);
    }

    [Fact]
    public void Objective_mismatch_says_what_the_sweep_optimizes()
    {
        var definition = Ridge();

        FailureOf(() => definition.Should().Minimize("r2")).Should().Be("Expected sweep to minimize \"r2\", but it maximizes \"r2\"." + RidgeYaml);
        FailureOf(() => definition.Should().Maximize("rmse", "the {0} is the primary metric", "RMSE")).Should().Be(
            "Expected sweep to maximize \"rmse\" because the RMSE is the primary metric, but it maximizes \"r2\"." + RidgeYaml);
    }

    [Fact]
    public void Policy_mismatch_shows_both_policies_with_their_numbers()
    {
        var definition = Ridge();

        FailureOf(() => definition.Should().UseBandit(1, 0.2)).Should().Be(
            "Expected sweep to use bandit(evaluation_interval: 1, slack_factor: 0.2, delay_evaluation: 0), " +
            "but it uses bandit(evaluation_interval: 2, slack_factor: 0.1, delay_evaluation: 0)." + RidgeYaml);
        FailureOf(() => definition.Should().UseMedianStopping(1, 5)).Should().StartWith(
            "Expected sweep to use median_stopping(evaluation_interval: 1, delay_evaluation: 5), but it uses bandit(");
        FailureOf(() => definition.Should().UseNoEarlyTermination()).Should().StartWith(
            "Expected sweep to use no early termination, but it uses bandit(evaluation_interval: 2");
    }

    [Fact]
    public void Limits_mismatch_shows_the_limits()
    {
        var definition = Ridge();

        FailureOf(() => definition.Should().HaveLimits(8, 2)).Should().Be(
            "Expected sweep to run at most 8 trials, 2 at a time, but its limits are max_total_trials: 4, max_concurrent_trials: 2." + RidgeYaml);
    }

    [Fact]
    public void BindInput_from_a_step_fails_on_an_asset_input()
    {
        var definition = Ridge();

        FailureOf(() => definition.Should().BindInput("data_X").From("prep", "data_X")).Should().Be(
            "Expected sweep to bind its input \"data_X\" to the output \"data_X\" of step \"prep\", but it is the UriFile asset data/X.csv." + RidgeYaml);
        FailureOf(() => definition.Should().BindInput("data_y")).Should().Be(
            "Expected sweep to have the input \"data_y\", but it has only \"data_X\"." + RidgeYaml);
    }

    [Fact]
    public void Sampling_and_command_mismatches_say_what_there_is()
    {
        var definition = Ridge();

        FailureOf(() => definition.Should().UseSampling(new GridSampling())).Should().StartWith(
            "Expected sweep to use grid sampling, but it uses random sampling.");
        FailureOf(() => definition.Should().HaveCommand("python train.py")).Should().StartWith(
            "Expected sweep to run the command \"python train.py\", but it runs \"python 02_train.py --alpha ${{search_space.alpha}} --data_X ${{inputs.data_X}}\".");
    }

    [Fact]
    public void BeValid_lists_the_validation_errors()
    {
        var invalid = Sweep.For("train.py").Sample("--alpha", Uniform(0, 1)).GridSampling().Maximize("r2").BuildUnvalidated();

        FailureOf(() => invalid.Should().BeValid()).Should().Contain("Expected sweep to be valid for Portable, but it has ").And.Contain("search_space.alpha");
    }

    [Fact]
    public void A_null_definition_fails_without_throwing_anything_else()
    {
        SweepDefinition? definition = null;

        FailureOf(() => definition.Should().Maximize("r2")).Should().Be("Expected sweep to maximize \"r2\", but found <null>.");
    }

    [Fact]
    public void Failures_inside_an_assertion_scope_are_reported_together()
    {
        var definition = Ridge();

        var message = FailureOf(() =>
        {
            using var scope = new AssertionScope();
            definition.Should().Minimize("r2").And.HaveLimits(5);
        });

        message.Should().Contain("to minimize \"r2\"").And.Contain("to run at most 5 trials");
    }
}
