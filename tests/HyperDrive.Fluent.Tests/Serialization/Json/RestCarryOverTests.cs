using System.Text.Json.Nodes;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Tests.Serialization.Json;

/// <summary>
/// The REST fields issue 10 names (<c>isArchived</c>, <c>notificationSetting</c>, <c>services</c>, <c>componentId</c>,
/// <c>queueSettings</c>, <c>secretsConfiguration</c>, <c>trial.resources.properties</c>, job-level <c>resources</c>,
/// <c>codeId</c>): each is carried through REST -> model -> REST, or named in a notice; none is dropped silently.
/// </summary>
public class RestCarryOverTests
{
    private static string Sweep(string extraProperties, string trialExtra = "") => $$$"""
        {"properties": {
          "jobType": "Sweep",
          "trial": {"command": "python t.py --x ${{search_space.x}}", "environmentId": "azureml:env:1"{{{trialExtra}}}},
          "searchSpace": {"x": ["uniform", [0, 1]]},
          "samplingAlgorithm": {"samplingAlgorithmType": "Random"},
          "objective": {"goal": "Maximize", "primaryMetric": "m"}{{{extraProperties}}}
        } }
        """;

    private static JsonNode Properties(JobDefinition job) => JsonNode.Parse(AzureMLJson.Write(job))!["properties"]!;

    [Fact]
    public void IsArchived_is_carried_and_the_YAML_writer_says_YAML_has_no_key_for_it()
    {
        var job = AzureMLJson.Read(Sweep(""", "isArchived": true"""), out var notices);

        job.IsArchived.Should().BeTrue();
        notices.Should().BeEmpty();
        Properties(job)["isArchived"]!.GetValue<bool>().Should().BeTrue();
        AzureMLYaml.Write(job, out var omissions);
        omissions.Should().ContainSingle().Which.Path.Should().Be("is_archived");
    }

    [Fact]
    public void A_notification_setting_is_carried_and_its_webhooks_are_named()
    {
        var job = AzureMLJson.Read(
            Sweep(""", "notificationSetting": {"emailOn": ["JobCompleted", "JobFailed"], "emails": ["a@contoso.com"], "webhooks": {"hook": {"webhookType": "AzureDevOps"}}}"""),
            out var notices);

        job.Notifications.Should().Be(new JobNotifications
        {
            EmailOn = EquatableList<JobNotificationEvent>.Create([JobNotificationEvent.JobCompleted, JobNotificationEvent.JobFailed]),
            Emails = EquatableList<string>.Create(["a@contoso.com"]),
        });
        notices.Should().ContainSingle().Which.Path.Should().Be("properties.notificationSetting.webhooks");
        Properties(job)["notificationSetting"]!.ToJsonString().Should().Be("""{"emailOn":["JobCompleted","JobFailed"],"emails":["a@contoso.com"]}""");
        AzureMLYaml.Write(job, out var omissions);
        omissions.Should().ContainSingle().Which.Path.Should().Be("notification_setting");
    }

    [Fact]
    public void The_services_the_service_adds_and_an_interactive_one_are_named()
    {
        _ = AzureMLJson.Read(
            Sweep("""
                , "services": {
                  "Studio": {"jobServiceType": "Studio", "endpoint": "https://ml.azure.com/runs/x", "port": null},
                  "my_jupyter": {"jobServiceType": "JupyterLab", "nodes": {"nodesValueType": "All"}}}
                """),
            out var notices);

        notices.Select(n => n.Path).Should().Equal("properties.services.Studio", "properties.services.my_jupyter");
        notices[0].Message.Should().Contain("set by the service");
        notices[1].Message.Should().Contain("the interactive service 'my_jupyter' (JupyterLab) is not carried");
    }

    [Fact]
    public void A_sweep_componentId_queue_priority_and_secrets_are_named_and_the_tier_is_carried()
    {
        var job = AzureMLJson.Read(
            Sweep("""
                , "componentId": "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/components/c/versions/1",
                  "queueSettings": {"jobTier": "Spot", "priority": 3},
                  "secretsConfiguration": {"TOKEN": {"uri": "https://kv.vault.azure.net/secrets/t", "workspaceSecretName": "t"}}
                """),
            out var notices);

        job.QueueTier.Should().Be(JobTier.Spot);
        notices.Select(n => n.Path).Should().BeEquivalentTo("properties.componentId", "properties.queueSettings.priority", "properties.secretsConfiguration");
        notices.Should().OnlyContain(n => !n.IsError && n.Message.Contains("is not carried", StringComparison.Ordinal));
    }

    [Fact]
    public void Resource_properties_and_job_level_resources_are_carried_into_the_trial()
    {
        var job = (SweepDefinition)AzureMLJson.Read(
            Sweep(
                """, "resources": {"instanceCount": 2, "instanceType": "STANDARD_D2_V2", "shmSize": "4g"}""",
                """, "resources": {"instanceCount": 1, "properties": {"AISuperComputer": "enabled", "nested": {"a": 1}}, "locations": ["eastus"]}"""),
            out var notices);

        job.Trial.Resources.Should().Be(new JobResources
        {
            InstanceCount = 1,
            InstanceType = "STANDARD_D2_V2",
            ShmSize = "4g",
            Properties = EquatableMap<string>.Create([new("AISuperComputer", "enabled")]),
        });
        notices.Select(n => n.Path).Should().BeEquivalentTo("properties.trial.resources.properties.nested", "properties.trial.resources.locations");
        Properties(job)["trial"]!["resources"]!.ToJsonString().Should().Be("""{"instanceCount":1,"instanceType":"STANDARD_D2_V2","shmSize":"4g","properties":{"AISuperComputer":"enabled"}}""");
        var yaml = AzureMLYaml.Write(job);
        yaml.Should().Contain("properties:\n      AISuperComputer: enabled");
        AzureMLYaml.Read(yaml).Should().Be(job);
    }

    [Theory]
    [InlineData("my-code:3", "azureml:my-code:3", "azureml:my-code:3")]
    [InlineData("azureml:my-code:3", "azureml:my-code:3", "azureml:my-code:3")]
    [InlineData("azureml://registries/r/codes/c/versions/1", "azureml://registries/r/codes/c/versions/1", "azureml://registries/r/codes/c/versions/1")]
    [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/codes/c/versions/1", "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/codes/c/versions/1", "azureml:/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/codes/c/versions/1")]
    public void A_codeId_reads_back_as_a_code_asset_never_as_a_local_folder(string codeId, string code, string yamlCode)
    {
        var job = (SweepDefinition)AzureMLJson.Read(Sweep(string.Empty, $$""", "codeId": "{{codeId}}" """));

        job.Trial.Code.Should().Be(code);
        AzureMLJson.Write(job).Should().Contain("\"codeId\"", "a code asset needs no upload, so the body keeps it (a local folder would be refused)");
        AzureMLYaml.Write(job).Should().Contain($"code: {yamlCode}\n", "CLI v2 YAML reads a bare ARM id as a folder path");
    }

    [Fact]
    public void A_field_the_model_has_no_place_for_is_named()
    {
        _ = AzureMLJson.Read(Sweep(""", "futureField": {"x": 1}""", """, "newTrialField": true"""), out var notices);

        notices.Select(n => n.Path).Should().BeEquivalentTo("properties.futureField", "properties.trial.newTrialField");
    }

    [Fact]
    public void A_registered_component_ARM_id_of_a_pipeline_step_survives_YAML()
    {
        const string id = "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/components/train/versions/2";
        var pipeline = AzureMLJson.Read($$"""
            {"properties": {"jobType": "Pipeline", "settings": {"default_compute": "serverless"}, "jobs": {
              "tune": {"type": "sweep", "trial": {"componentId": "{{id}}"}, "search_space": {"x": {"type": "uniform", "min_value": 0, "max_value": 1} },
                       "sampling_algorithm": "random", "objective": {"goal": "maximize", "primary_metric": "m"}, "limits": {"max_total_trials": 2} } } } }
            """);

        var yaml = AzureMLYaml.Write(pipeline);
        yaml.Should().Contain($"trial: azureml:{id}");
        var again = JsonNode.Parse(AzureMLJson.Write(AzureMLYaml.Read(yaml)))!["properties"]!["jobs"]!["tune"]!;
        again["trial"]!["componentId"]!.GetValue<string>().Should().Be(id);
        again["sampling_algorithm"]!.GetValue<string>().Should().Be("random", "azure-ai-ml sends a plain name for an algorithm with no settings");
    }
}
