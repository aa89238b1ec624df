using System.Text.Json.Nodes;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Tests.Serialization;

/// <summary>
/// <c>sampling_algorithm.logbase</c> (a number or <c>e</c>): read from YAML and REST, kept in
/// <see cref="RandomSampling.LogBase"/>, written for the preview api-versions whose RandomSamplingAlgorithm has it
/// (recorded echoes carry <c>"logbase": null</c> from 2022-12-01-preview on, none at 2022-06-01-preview; the GA
/// 2024-04-01 definition has no such field), and refused with the api-version to use for a GA one.
/// </summary>
public class LogBaseTests
{
    private const string Preview = "2024-01-01-preview";

    private static string Yaml(string logbase) => $$$"""
        type: sweep
        trial:
          command: python train.py --lr ${{search_space.lr}}
          environment: azureml:sklearn:1
        compute: azureml:cpu
        sampling_algorithm:
          type: random
          logbase: {{{logbase}}}
        search_space:
          lr:
            type: loguniform
            min_value: -4
            max_value: -1
        objective:
          goal: maximize
          primary_metric: accuracy
        """;

    private static SweepDefinition Sweep(double? logBase, RandomSamplingRule? rule = null) => Builder(logBase, rule).Build();

    private static SweepBuilder Builder(double? logBase, RandomSamplingRule? rule = null) => Fluent.Sweep.ForCommand("python train.py --lr ${{search_space.lr}}")
        .Sample("lr", LogUniform(-4, -1))
        .SamplingAlgorithm(new RandomSampling(Rule: rule) { LogBase = logBase })
        .Maximize("accuracy")
        .Environment("azureml:sklearn:1")
        .Compute("azureml:cpu");

    [Theory]
    [InlineData("e", Math.E)]
    [InlineData("2.5", 2.5)]
    [InlineData("10", 10.0)]
    [InlineData("\"2\"", 2.0)]
    public void YAML_logbase_is_read_into_the_model_and_written_back(string text, double expected)
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Yaml(text));

        ((RandomSampling)sweep.SamplingAlgorithm).LogBase.Should().Be(expected);
        var written = AzureMLYaml.Write(sweep);
        written.Should().Contain(expected == Math.E ? "logbase: e" : $"logbase: {expected.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        AzureMLYaml.Read(written).Should().Be(sweep);
    }

    [Fact]
    public void A_logbase_that_is_neither_a_number_nor_e_is_an_error_at_its_line()
    {
        var act = () => AzureMLYaml.Read(Yaml("ten"));

        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.Key.Should().Be("sampling_algorithm.logbase");
        error.Line.Should().Be(8);
        error.Problem.Should().Be("expected a finite number or e, got 'ten'.");
    }

    [Theory]
    [InlineData(".inf")]
    [InlineData(".nan")]
    [InlineData("1e400")]
    [InlineData("\"Infinity\"")]
    public void A_logbase_that_is_not_finite_is_an_error_at_its_line_not_a_crash_of_the_writer(string text)
    {
        // Found by the reader-fuzz benchmark: it read, then writing the job back threw ArgumentOutOfRangeException.
        var act = () => AzureMLYaml.Read(Yaml(text));

        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.Key.Should().Be("sampling_algorithm.logbase");
        error.Line.Should().Be(8);
        error.Problem.Should().StartWith("expected a finite number or e");
    }

    [Theory]
    [InlineData(Math.E, "e")]
    [InlineData(2.5, "2.5")]
    public void A_preview_api_version_carries_logbase_as_the_REST_string_and_reads_it_back(double logBase, string text)
    {
        var options = new AzureMLJsonOptions { ApiVersion = Preview };
        var json = AzureMLJson.Write(Sweep(logBase), options);

        JsonNode.Parse(json)!["properties"]!["samplingAlgorithm"]!.ToJsonString().Should().Be($$"""{"samplingAlgorithmType":"Random","logbase":"{{text}}"}""");
        AzureMLJson.Read(json, options: options).Should().Be(Sweep(logBase));
    }

    [Theory]
    [InlineData("2024-10-01")]
    [InlineData("2024-04-01")]
    [InlineData("2022-06-01-preview")]
    public void An_api_version_without_logbase_is_an_error_naming_the_api_version_to_use(string apiVersion)
    {
        var act = () => AzureMLJson.Write(Sweep(10), new AzureMLJsonOptions { ApiVersion = apiVersion });

        act.Should().Throw<InvalidOperationException>()
            .WithMessage($"sampling_algorithm.logbase: api-version {apiVersion} has no logbase*would be dropped. Write the body for a preview api-version such as 2024-01-01-preview*");
    }

    [Fact]
    public void Without_a_logbase_a_GA_body_is_unchanged()
    {
        var json = AzureMLJson.Write(Sweep(null));

        JsonNode.Parse(json)!["properties"]!["samplingAlgorithm"]!.ToJsonString().Should().Be("""{"samplingAlgorithmType":"Random"}""");
    }

    [Fact]
    public void A_service_echo_with_a_null_logbase_reads_as_no_logbase() =>
        ((RandomSampling)AzureMLJson.ReadSweep("""
            {"properties": {"jobType": "Sweep", "trial": {"command": "python t.py"}, "searchSpace": {"x": ["uniform", [0, 1]]},
             "samplingAlgorithm": {"samplingAlgorithmType": "Random", "seed": null, "logbase": null, "rule": "Random"},
             "objective": {"goal": "Maximize", "primaryMetric": "m"}}}
            """).SamplingAlgorithm).LogBase.Should().BeNull();

    [Fact]
    public void A_pipeline_sweep_node_keeps_its_logbase_through_REST()
    {
        var pipeline = Pipeline.Create("p").Step("tune", Sweep(10, RandomSamplingRule.Sobol) with { Compute = null }).Build();

        var json = AzureMLJson.Write(pipeline);

        JsonNode.Parse(json)!["properties"]!["jobs"]!["tune"]!["sampling_algorithm"]!.ToJsonString()
            .Should().Be("""{"type":"random","rule":"sobol","logbase":10.0}""");
        var node = (SweepDefinition)AzureMLJson.ReadPipeline(json).Jobs["tune"];
        ((RandomSampling)node.SamplingAlgorithm).LogBase.Should().Be(10);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    public void A_log_base_that_cannot_be_one_is_a_validation_error(double logBase) =>
        Builder(logBase).BuildUnvalidated().Validate(ValidationTarget.AzureML).Should().ContainSingle(p => p.IsError)
            .Which.Path.Should().Be("sampling_algorithm.logbase");

    [Fact]
    public void The_log_bounds_warning_gives_the_exponents_of_the_log_base()
    {
        var sweep = Fluent.Sweep.ForCommand("python train.py --lr ${{search_space.lr}}")
            .Sample("lr", LogUniform(0.001, 0.1))
            .SamplingAlgorithm(new RandomSampling { LogBase = 10 })
            .Maximize("accuracy")
            .Build();

        var warning = sweep.Validate().Should().ContainSingle(p => p.Path == "search_space.lr").Which;

        warning.Message.Should().Be("loguniform bounds are exponents of the log base 10, so 'lr' samples 10^0.001..10^0.1 (1.002..1.259), not 0.001..0.1.");
        warning.Fix.Should().Be("For values between 0.001 and 0.1 write min_value: -3 and max_value: -1 in YAML.");
    }
}
