using HyperDrive.Fluent.Serialization;
using static HyperDrive.Fluent.Tests.Serialization.Json.JsonTestSupport;

namespace HyperDrive.Fluent.Tests.Serialization.Json;

/// <summary>What the REST JSON writer does with particular payloads; every scenario's whole body is pinned by
/// <see cref="PayloadScenarioTests"/>.</summary>
public class AzureMLJsonWriterTests
{
    private static readonly AzureMLJsonOptions Options = new() { WorkspaceId = WorkspaceId };

    [Fact]
    public void Doubles_that_are_whole_numbers_stay_reals()
    {
        var json = AzureMLJson.Write(PayloadScenarios.All["distribution-choice"](), Options);

        json.Should().Contain("1.0").And.Contain("2.5");
        var choice = (HyperDrive.Fluent.SearchSpaces.ChoiceDistribution)AzureMLJson.ReadSweep(json).SearchSpace["choice"];
        choice.Values.Should().Equal(1L, 2.5, 1.0, "adam", true);
        choice.Values[0].Should().BeOfType<long>();
        choice.Values[2].Should().BeOfType<double>();
    }

    [Theory]
    [InlineData(-1e20, 1e20)]
    [InlineData(1e-7, 3.0000000000000004)]
    [InlineData(-5.0, 123456789012.0)]
    public void Extreme_and_long_reals_round_trip_exactly(double min, double max)
    {
        var sweep = PayloadScenarios.Seed() with
        {
            SearchSpace = EquatableMap<HyperDrive.Fluent.SearchSpaces.Distribution>.Create([new("x", HyperDrive.Fluent.Distributions.Uniform(min, max))]),
        };
        var options = Options with { IncludeName = true };

        var json = AzureMLJson.Write(sweep, options);

        AzureMLJson.Read(json, options: options).Should().Be(sweep);
        ShouldPassContract(AzureMLJson.Write(sweep, Options));
    }

    [Fact]
    public void Sweep_timeout_is_whole_minutes_and_trial_timeout_whole_seconds()
    {
        var json = AzureMLJson.Write(PayloadScenarios.All["limits-timeouts"](), Options);

        json.Should().Contain("\"timeout\": \"PT2H\"").And.Contain("\"trialTimeout\": \"PT1M30S\"");
    }

    [Theory]
    [InlineData(10000, "PT2H46M40S")]
    [InlineData(5, "PT1M")]
    [InlineData(61, "PT1M1S")]
    [InlineData(3600, "PT1H")]
    public void Sweep_timeouts_follow_the_SDK_job_limits_a_value_under_60_seconds_becomes_60_any_other_is_exact(int seconds, string iso)
    {
        // azure-ai-ml entities/_job/job_limits.py; the recorded PUT of sweep_job_test.yaml (timeout under a minute) carries PT1M.
        var sweep = PayloadScenarios.Seed() with { Limits = new SweepLimits { Timeout = TimeSpan.FromSeconds(seconds), TrialTimeout = TimeSpan.FromSeconds(seconds) } };

        var json = AzureMLJson.Write(sweep, Options);

        json.Should().Contain($"\"timeout\": \"{iso}\"").And.Contain($"\"trialTimeout\": \"{iso}\"");
        ShouldPassContract(json);
        if (seconds >= 60)
        {
            AzureMLJson.ReadSweep(json, options: Options).Limits.Timeout.Should().Be(TimeSpan.FromSeconds(seconds), "the round trip is exact");
        }
    }

    [Theory]
    [InlineData("azureml:serverless")]
    [InlineData("serverless")]
    public void Serverless_compute_is_sent_as_the_literal_serverless_never_as_an_ARM_id(string compute)
    {
        var sweep = PayloadScenarios.Seed() with { Compute = compute };
        var pipeline = Pipeline.Create("p").Step("tune", PayloadScenarios.Seed() with { Compute = compute }).DefaultCompute(compute).Build();

        AzureMLJson.Write(sweep, Options).Should().Contain("\"computeId\": \"serverless\"").And.NotContain("/computes/serverless");
        AzureMLJson.Write(pipeline, Options).Should().Contain("\"default_compute\": \"serverless\"").And.NotContain("/computes/serverless");
    }

    [Fact]
    public void A_legacy_single_brace_command_is_sent_as_the_recorded_PUT_carries_it()
    {
        // sweep_job_test.yaml writes --lr {search_space.lr} ...; azure-ai-ml's recorded PUT (put_sweep_job__...test_sweep_job_submit__2) carries this command.
        var file = Path.Combine(AppContext.BaseDirectory, "TestData", "corpus", "yaml", "azure-sdk-for-python__test_configs__sweep_job__sweep_job_test.yaml");
        var sweep = (SweepDefinition)AzureMLYaml.ReadFile(file);

        using var body = System.Text.Json.JsonDocument.Parse(AzureMLJson.Write(sweep, Options with { LocalCode = LocalCodeHandling.Omit }));

        sweep.Trial.Command.Should().Contain("{search_space.lr}", "the model and YAML keep what the file says");
        body.RootElement.GetProperty("properties").GetProperty("trial").GetProperty("command").GetString().Should().Be(
            "python ./sweep_script.py --lr ${{search_space.lr}} --conv_size ${{search_space.conv_size}} --dropout_rate ${{search_space.dropout_rate}}");
    }

    [Fact]
    public void A_code_ARM_id_behind_azureml_is_sent_as_the_bare_ARM_id()
    {
        var sweep = PayloadScenarios.Seed() with { Trial = PayloadScenarios.Seed().Trial with { Code = "azureml:" + PayloadScenarios.CodeId } };

        var json = AzureMLJson.Write(sweep, Options);

        json.Should().Contain($"\"codeId\": \"{PayloadScenarios.CodeId}\"");
        ShouldPassContract(json);
    }

    [Fact]
    public void A_fraction_of_a_second_is_rounded_up()
    {
        var sweep = PayloadScenarios.Seed() with { Limits = new SweepLimits { Timeout = TimeSpan.FromSeconds(90.2), TrialTimeout = TimeSpan.FromMilliseconds(1500) } };

        AzureMLJson.Write(sweep, Options).Should().Contain("\"timeout\": \"PT1M31S\"").And.Contain("\"trialTimeout\": \"PT1M\"");
    }

    [Fact]
    public void Literal_inputs_are_strings_on_the_wire_and_typed_again_when_read()
    {
        var json = AzureMLJson.Write(PayloadScenarios.All["inputs-outputs-every-type-and-mode"](), Options);

        json.Should().Contain("\"value\": \"20\"").And.Contain("\"value\": \"0.25\"").And.Contain("\"value\": \"1.0\"")
            .And.Contain("\"value\": \"adam\"").And.Contain("\"value\": \"true\"");
    }

    [Fact]
    public void Pipeline_sweep_node_uses_the_SDK_rest_node_shape()
    {
        var json = AzureMLJson.Write(PayloadScenarios.All["pipeline-sweep-step"](), Options);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var tune = document.RootElement.GetProperty("properties").GetProperty("jobs").GetProperty("tune");

        tune.GetProperty("type").GetString().Should().Be("sweep");
        tune.GetProperty("search_space").GetProperty("alpha").GetProperty("type").GetString().Should().Be("uniform");
        tune.GetProperty("search_space").GetProperty("alpha").GetProperty("min_value").GetRawText().Should().Be("0.05");
        tune.GetProperty("limits").GetProperty("max_total_trials").GetInt32().Should().Be(4);
        tune.GetProperty("limits").GetProperty("timeout").GetInt32().Should().Be(1800);
        tune.GetProperty("objective").GetProperty("goal").GetString().Should().Be("maximize");
        tune.GetProperty("early_termination").GetProperty("policy_type").GetString().Should().Be("Bandit");
        tune.GetProperty("early_termination").GetProperty("slack_factor").GetRawText().Should().Be("0.1");
        tune.GetProperty("inputs").GetProperty("data").GetProperty("value").GetString().Should().Be("${{parent.jobs.prep.outputs.data}}");
        tune.GetProperty("inputs").GetProperty("data").GetProperty("job_input_type").GetString().Should().Be("literal");
        document.RootElement.GetProperty("properties").GetProperty("jobs").GetProperty("consume").GetProperty("inputs").GetProperty("model")
            .GetProperty("value").GetString().Should().Be("${{parent.jobs.tune.outputs.model}}");
    }
}
