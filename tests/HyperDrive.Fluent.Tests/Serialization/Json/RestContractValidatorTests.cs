using System.Text.Json.Nodes;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Testing.Contract;
using static HyperDrive.Fluent.Tests.Serialization.Json.JsonTestSupport;

namespace HyperDrive.Fluent.Tests.Serialization.Json;

public class RestContractValidatorTests
{
    private static JsonNode SeedBody() =>
        JsonNode.Parse(AzureMLJson.Write(PayloadScenarios.Seed(), new AzureMLJsonOptions { WorkspaceId = WorkspaceId }))!;

    [Fact]
    public void Every_injected_mistake_is_reported_with_its_path()
    {
        var body = SeedBody();
        var p = body["properties"]!;
        p["limits"]!["maxTrials"] = 4;                          // unknown property
        p["objective"]!["goal"] = "maximise";                  // not an enum value
        p["trial"]!.AsObject().Remove("command");              // required
        p["limits"]!["maxConcurrentTrials"] = "2";             // wrong type
        p["earlyTermination"]!["policyType"] = "Bandits";      // unknown discriminator
        p["limits"]!["timeout"] = "5m";                        // not a duration
        p["status"] = "Running";                               // read-only in a request
        p["objective"]!["primaryMetric"] = "!!!";              // pattern [a-zA-Z0-9_]
        p["inputs"]!["data"]!["mode"] = "ReadOnly";            // unknown mode
        p["samplingAlgorithm"]!["seed"] = 1.5;                 // not an integer
        p["displayName"] = null;                               // x-nullable: allowed

        var violations = Contract.Validate(body.ToJsonString());

        violations.Select(v => v.Path).Should().BeEquivalentTo(
            "$.properties.limits.maxTrials",
            "$.properties.objective.goal",
            "$.properties.trial.command",
            "$.properties.limits.maxConcurrentTrials",
            "$.properties.earlyTermination.policyType",
            "$.properties.limits.timeout",
            "$.properties.status",
            "$.properties.objective.primaryMetric",
            "$.properties.inputs.data.mode",
            "$.properties.samplingAlgorithm.seed");
        violations.Should().ContainSingle(v => v.Path == "$.properties.limits.maxTrials")
            .Which.Message.Should().Be("is not a property of SweepJobLimits; known properties: jobLimitsType, maxConcurrentTrials, maxTotalTrials, timeout, trialTimeout.");
        violations.Should().ContainSingle(v => v.Path == "$.properties.earlyTermination.policyType")
            .Which.Message.Should().Be("'Bandits' is not a known policyType of EarlyTerminationPolicy; expected one of 'Bandit', 'MedianStopping', 'TruncationSelection'.");
        violations.Should().ContainSingle(v => v.Path == "$.properties.objective.goal")
            .Which.Message.Should().Be("'maximise' is not a value of Goal; expected one of 'Minimize', 'Maximize' (exact case).");
        violations.Should().ContainSingle(v => v.Path == "$.properties.trial.command").Which.Message.Should().Be("is required by TrialComponent.");
        violations.Should().ContainSingle(v => v.Path == "$.properties.status").Which.Message.Should().Be("is read-only in JobBase; a request must not send it.");
    }

    [Fact]
    public void Properties_of_a_discriminator_subtype_are_checked_against_that_subtype()
    {
        var body = SeedBody();
        body["properties"]!["earlyTermination"]!["truncationPercentage"] = 10;   // a TruncationSelection field on a Bandit policy
        body["properties"]!["inputs"]!["data"]!["value"] = "x";                  // a literal field on a uri_file input

        Contract.Validate(body.ToJsonString()).Select(v => v.ToString()).Should().BeEquivalentTo(
            "$.properties.earlyTermination.truncationPercentage: is not a property of BanditPolicy; known properties: delayEvaluation, evaluationInterval, policyType, slackAmount, slackFactor.",
            "$.properties.inputs.data.value: is not a property of UriFileJobInput; known properties: description, jobInputType, mode, uri.");
    }

    [Fact]
    public void A_missing_discriminator_and_a_wrong_job_type_are_reported()
    {
        var body = SeedBody();
        body["properties"]!["samplingAlgorithm"]!.AsObject().Remove("samplingAlgorithmType");
        body["properties"]!["jobType"] = "sweep";

        Contract.Validate(body.ToJsonString()).Select(v => v.Path).Should().BeEquivalentTo("$.properties.jobType");

        body["properties"]!["jobType"] = "Sweep";
        Contract.Validate(body.ToJsonString()).Should().ContainSingle()
            .Which.ToString().Should().Be("$.properties.samplingAlgorithm: the discriminator 'samplingAlgorithmType' of SamplingAlgorithm is required (a string).");
    }

    [Fact]
    public void Null_where_the_contract_does_not_allow_it_is_reported()
    {
        var body = SeedBody();
        body["properties"]!["earlyTermination"]!["evaluationInterval"] = null;
        body["properties"]!["trial"]!["environmentVariables"] = null;   // x-nullable

        Contract.Validate(body.ToJsonString()).Should().ContainSingle()
            .Which.ToString().Should().Be("$.properties.earlyTermination.evaluationInterval: null is not allowed here (the property is not x-nullable); leave it out instead.");
    }

    [Fact]
    public void Extensible_enums_can_be_lenient_for_a_fake_server()
    {
        var body = SeedBody();
        body["properties"]!["objective"]!["goal"] = "maximize";

        Contract.Validate(body.ToJsonString()).Should().ContainSingle();
        var lenient = Load();
        lenient.LenientExtensibleEnums = true;
        lenient.Validate(body.ToJsonString()).Should().BeEmpty();
    }

    [Fact]
    public void Responses_may_carry_read_only_fields()
    {
        var body = SeedBody();
        body["id"] = WorkspaceId + "/jobs/ridge-sweep-001";
        body["name"] = "ridge-sweep-001";
        body["properties"]!["status"] = "Completed";

        Contract.Validate(body.ToJsonString()).Should().HaveCount(3);
        ResponseCopy().Validate(body.ToJsonString()).Should().BeEmpty();
    }

    [Fact]
    public void Output_asset_names_of_newer_api_versions_can_be_allowed_explicitly()
    {
        var sweep = PayloadScenarios.Seed() with
        {
            Outputs = EquatableMap<Trials.JobOutput>.Create([new("model", Trials.JobOutput.MLFlowModel() with { AssetName = "ridge", AssetVersion = "3" })]),
        };
        var json = AzureMLJson.Write(sweep, new AzureMLJsonOptions { WorkspaceId = WorkspaceId });

        Contract.Validate(json).Select(v => v.Path).Should().BeEquivalentTo("$.properties.outputs.model.assetName", "$.properties.outputs.model.assetVersion");
        ResponseCopy().AllowProperties("AssetJobOutput", "assetName", "assetVersion").Validate(json).Should().BeEmpty();
        AzureMLJson.Read(json, options: new AzureMLJsonOptions { WorkspaceId = WorkspaceId }).Should().Be(sweep with { Name = null });
    }

    [Fact]
    public void Definitions_file_holds_the_job_definitions() =>
        Contract.DefinitionNames.Should().Contain(["JobBaseResource", "SweepJob", "PipelineJob", "CommandJob", "Resource", "systemData"]);

    private static RestContractValidator ResponseCopy()
    {
        var validator = Load();
        validator.IsRequest = false;
        return validator;
    }

    private static RestContractValidator Load() =>
        RestContractValidator.Load(Path.Combine(AppContext.BaseDirectory, "Shared", "RestContract", "sweepjob-definitions.json"));
}
