using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>
/// Environments on Azure ML as azure-ai-ml handles them, against the fake serving the recorded traffic
/// (TestData/recordings, INDEX.md): an inline environment is created first as
/// <c>CliV2AnonymousEnvironment/versions/{content hash}</c> and the job carries its ARM id; <c>azureml:name@latest</c> is
/// resolved to the latest version first; curated environments are sent as given.
/// </summary>
public sealed class EnvironmentTests : FakeServerTest
{
    private const string AnonymousPrefix = "/environments/CliV2AnonymousEnvironment/versions/";
    private readonly InstantTimeProvider _clock = new();
    private readonly List<string> _notices = [];

    private AzureMLSweepEngine CreateEngine() =>
        new(Fake.CreateClient(_clock), new AzureMLSweepEngineOptions { TimeProvider = _clock, OnNotice = _notices.Add });

    private static SweepDefinition SweepWith(EnvironmentDefinition? inline = null, string? reference = null)
    {
        var sweep = AzureTestDefinitions.Sweep();
        return sweep with { Trial = sweep.Trial with { Environment = reference, InlineEnvironment = inline } };
    }

    private static JsonObject RecordedRequestBody(string file) => (JsonObject)Recording.Load(file).RequestBody!;

    private static string RecordedVersion(string file) => Recording.Load(file).Uri.Split('?')[0].Split('/')[^1];

    private FakeAzureML.RecordedRequest EnvironmentPut() => Fake.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("/environments/", StringComparison.Ordinal));

    private string JobEnvironmentId(string jobName)
    {
        var put = Fake.Requests.Single(r => r.Method == "PUT" && r.Path.EndsWith("/jobs/" + jobName, StringComparison.Ordinal));
        return JsonNode.Parse(put.Body)!["properties"]!["trial"]!["environmentId"]!.GetValue<string>();
    }

    [Fact]
    public async Task An_image_only_environment_is_created_as_the_recorded_anonymous_version_and_the_job_carries_its_id()
    {
        var recorded = Recordings("image");
        var definition = SweepWith(EnvironmentDefinition.FromImage("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest")) with { Name = "env-image" };

        await CreateEngine().SubmitAsync(definition);

        var put = EnvironmentPut();
        put.Path.Should().Be(FakeAzureML.WorkspacePath + AnonymousPrefix + RecordedVersion(recorded), "the version is azure-ai-ml's content hash of the same image");
        JsonNode.DeepEquals(JsonNode.Parse(put.Body), RecordedRequestBody(recorded)).Should().BeTrue($"the body is what azure-ai-ml sent: {put.Body}");
        JobEnvironmentId("env-image").Should().Be(FakeAzureML.WorkspacePath + AnonymousPrefix + RecordedVersion(recorded));
        Fake.ContractViolations.Should().BeEmpty();
        _notices.Should().Contain(n => n.Contains("anonymous environment CliV2AnonymousEnvironment:baf18218754be5571da6e579a0c774b5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_image_with_a_conda_file_sends_the_conda_text_as_the_CLI_does_and_the_same_content_hash()
    {
        var recorded = Recordings("conda");
        var body = RecordedRequestBody(recorded)["properties"]!;
        var environment = new EnvironmentDefinition { Image = (string)body["image"]!, CondaFile = CondaFile.FromContent((string)body["condaFile"]!) };

        var version = (await Fake.CreateClient(_clock).CreateAnonymousEnvironmentAsync(environment)).Value;

        var put = EnvironmentPut();
        put.Path.Should().EndWith(AnonymousPrefix + "7926e182b294d8644f987381c0081e94");
        JsonNode.DeepEquals(JsonNode.Parse(put.Body), RecordedRequestBody(recorded)).Should().BeTrue($"the body is what azure-ai-ml sent: {put.Body}");
        version.Id.Should().Be(FakeAzureML.WorkspacePath + AnonymousPrefix + "7926e182b294d8644f987381c0081e94");
        (version.Name, version.Version, version.IsAnonymous, version.Image).Should().Be(("CliV2AnonymousEnvironment", "7926e182b294d8644f987381c0081e94", true, "mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04"));
    }

    [Fact]
    public async Task A_conda_file_path_is_read_relative_to_the_base_directory_and_sent_as_PyYAML_dumps_it()
    {
        // azureml-examples cli/jobs/pipelines-with-components/basics/5c_env_conda_file/conda.yaml (indented lists, unsorted keys);
        // the expected text is PyYAML 6.0's yaml.dump(yaml.safe_load(file), sort_keys=True), what azure-ai-ml sends.
        var folder = Directory.CreateTempSubdirectory("hdf-conda-").FullName;
        File.WriteAllText(Path.Combine(folder, "conda.yaml"), "name: demo_env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.8\n  - pip\n  - pip:\n    - pyjokes\n");
        var definition = SweepWith(EnvironmentDefinition.FromImage("mcr.microsoft.com/azureml/openmpi5.0-cuda12.4-ubuntu22.04:latest", "./conda.yaml")) with { Name = "env-conda" };

        await CreateEngine().SubmitAsync(definition, new SweepRunOptions { BaseDirectory = folder });

        var properties = JsonNode.Parse(EnvironmentPut().Body)!["properties"]!;
        ((string)properties["condaFile"]!).Should().Be("channels:\n- conda-forge\ndependencies:\n- python=3.8\n- pip\n- pip:\n  - pyjokes\nname: demo_env\n");
        ((bool)properties["isAnonymous"]!).Should().BeTrue();
        JobEnvironmentId("env-conda").Should().StartWith(FakeAzureML.WorkspacePath + AnonymousPrefix);
    }

    [Fact]
    public async Task Conda_text_follows_PyYAML_on_types_quoting_sorting_and_folding()
    {
        // Expected: PyYAML 6.0, yaml.dump(yaml.safe_load(conda), sort_keys=True) (YAML 1.1 types: yes, 0777, 1:30, 1_000;
        // quoting; non-ASCII escaped; folding past column 80; mixed-type keys keep their order, as sorted() fails on them).
        const string conda = """
            name: tricky
            dependencies:
              - python=3.10
              - "3.10"
              - yes
              - 'no'
              - 0777
              - 1:30
              - 1_000
              - 1.5e+3
              - 0.00001
              - 12345678901234567890.0
              - ~
              - ""
              - "hello world: with colon"
              - "- dash"
              - "#hash"
              - "it's"
              - "caf\u00e9"
              - "trailing "
              - {}
              - []
              - - nested
                - list
              - pip:
                - --extra-index-url https://download.pytorch.org/whl/cu118 torch==2.0.1 torchvision==0.15.2 torchaudio==2.0.2 some-more-packages
                - "a 'quoted' string that is long enough to need folding at the eighty column limit of pyyaml emitter"
            channels: [conda-forge, defaults]
            variables:
              B: 2
              A: "1"
              on: true
            """;
        const string expected = "channels:\n- conda-forge\n- defaults\ndependencies:\n- python=3.10\n- '3.10'\n- true\n- 'no'\n- 511\n- 90\n- 1000\n- 1500.0\n- 1.0e-05\n- 1.2345678901234567e+19\n- null\n- ''\n- 'hello world: with colon'\n- '- dash'\n- '#hash'\n- it's\n- \"caf\\xE9\"\n- 'trailing '\n- {}\n- []\n- - nested\n  - list\n- pip:\n  - --extra-index-url https://download.pytorch.org/whl/cu118 torch==2.0.1 torchvision==0.15.2\n    torchaudio==2.0.2 some-more-packages\n  - a 'quoted' string that is long enough to need folding at the eighty column limit\n    of pyyaml emitter\nname: tricky\nvariables:\n  B: 2\n  A: '1'\n  true: true\n";

        await Fake.CreateClient(_clock).CreateAnonymousEnvironmentAsync(new EnvironmentDefinition { Image = "python:3.11", CondaFile = CondaFile.FromContent(conda) });

        ((string)JsonNode.Parse(EnvironmentPut().Body)!["properties"]!["condaFile"]!).Should().Be(expected);
    }

    [Fact]
    public async Task The_same_definition_is_created_once_per_client_and_names_the_same_version_every_time()
    {
        var engine = CreateEngine();
        var environment = EnvironmentDefinition.FromImage("python:3.11");

        await engine.SubmitAsync(SweepWith(environment) with { Name = "first" });
        await engine.SubmitAsync(SweepWith(environment) with { Name = "second" });
        var other = (await Fake.CreateClient(_clock).CreateAnonymousEnvironmentAsync(environment)).Value;

        Fake.Count("PUT", AnonymousPrefix).Should().Be(2, "one client sends it once; another client's PUT is answered 201 again, as recorded");
        JobEnvironmentId("first").Should().Be(JobEnvironmentId("second")).And.Be(other.Id);
    }

    [Fact]
    public async Task The_environment_is_created_before_the_code_is_uploaded_as_azure_ai_ml_orders_it()
    {
        // Recorded (test_pipeline_job_serverless_compute_sweep_in_pipeline_with_job_tier): entry 0 is the anonymous
        // environment PUT, entries 1.. the code hash lookup, startPendingUpload and the code version PUT.
        var folder = CodeFolders.Create(("train.py", "print('r2=1')"));
        var definition = AzureTestDefinitions.Sweep(code: "src") with { Name = "env-then-code" };
        definition = definition with { Trial = definition.Trial with { Environment = null, InlineEnvironment = EnvironmentDefinition.FromImage("python:3.11") } };

        await CreateEngine().SubmitAsync(definition, new SweepRunOptions { BaseDirectory = Path.GetDirectoryName(folder) });

        var order = Fake.Requests.Select(r => r.Path).ToList();
        order.FindIndex(p => p.Contains(AnonymousPrefix, StringComparison.Ordinal)).Should()
            .BeLessThan(order.FindIndex(p => p.Contains("/codes/", StringComparison.Ordinal)))
            .And.BeGreaterThanOrEqualTo(0);
        JobEnvironmentId("env-then-code").Should().StartWith(FakeAzureML.WorkspacePath + AnonymousPrefix);
    }

    [Fact]
    public async Task Latest_is_resolved_to_a_concrete_version_before_the_job_PUT_with_the_recorded_query()
    {
        Fake.RegisterEnvironment("my-env", "1");
        Fake.RegisterEnvironment("my-env", "2");
        Fake.RegisterEnvironment("other-env", "9");

        await CreateEngine().SubmitAsync(SweepWith(reference: "azureml:my-env@latest") with { Name = "latest" });

        var get = Fake.Requests.Single(r => r.Method == "GET" && r.Path.Contains("/environments/", StringComparison.Ordinal));
        get.Path.Should().Be(FakeAzureML.WorkspacePath + "/environments/my-env/versions");
        get.Query.Should().Be(Recording.Load(Recordings("latest")).Uri[Recording.Load(Recordings("latest")).Uri.IndexOf('?', StringComparison.Ordinal)..]
            .Replace("api-version=2022-05-01", "api-version=" + FakeAzureML.ApiVersion, StringComparison.Ordinal));
        JobEnvironmentId("latest").Should().Be(FakeAzureML.WorkspacePath + "/environments/my-env/versions/2");
        Fake.Requests.Select(r => r.Method + " " + r.Path).Should().ContainInOrder(
            "GET " + FakeAzureML.WorkspacePath + "/environments/my-env/versions", "PUT " + FakeAzureML.WorkspacePath + "/jobs/latest");
    }

    [Fact]
    public async Task Curated_and_registry_environments_are_sent_as_given_and_a_versioned_name_as_its_ARM_id()
    {
        var engine = CreateEngine();

        await engine.SubmitAsync(SweepWith(reference: "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest") with { Name = "curated" });
        await engine.SubmitAsync(SweepWith(reference: "azureml://registries/azureml/environments/sklearn-1.5/labels/latest") with { Name = "registry" });
        await engine.SubmitAsync(SweepWith(reference: "azureml:my-env:3") with { Name = "versioned" });

        Fake.Requests.Should().NotContain(r => r.Path.Contains("/environments/", StringComparison.Ordinal));
        JobEnvironmentId("curated").Should().Be("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest", "the service expands curated names (azure-ai-ml leaves them)");
        JobEnvironmentId("registry").Should().Be("azureml://registries/azureml/environments/sklearn-1.5/labels/latest");
        JobEnvironmentId("versioned").Should().Be(FakeAzureML.WorkspacePath + "/environments/my-env/versions/3");
    }

    [Fact]
    public async Task Latest_of_an_environment_with_no_version_is_a_clear_error_and_nothing_is_submitted()
    {
        var act = () => CreateEngine().SubmitAsync(SweepWith(reference: "azureml:nope@latest") with { Name = "nope" });

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.Status.Should().Be(404);
        error.Message.Should().Contain("The environment 'nope' has no version in workspace ws");
        Fake.Jobs.Should().BeEmpty();
    }

    [Fact]
    public async Task The_services_refusal_of_the_environment_is_reported_and_no_job_is_sent()
    {
        // Recorded: the service refuses a conda file pinning python 3.7.6 (400, NewRecommendedPythonVersions).
        var recorded = Recordings("refused");
        var body = RecordedRequestBody(recorded)["properties"]!;
        var environment = new EnvironmentDefinition { Image = (string)body["image"]!, CondaFile = CondaFile.FromContent((string)body["condaFile"]!) };

        var act = () => CreateEngine().SubmitAsync(SweepWith(environment) with { Name = "eol" });

        var error = (await act.Should().ThrowAsync<RequestFailedException>()).Which;
        error.Status.Should().Be(400);
        error.ErrorCode.Should().Be("UserError");
        error.Message.Should().Contain("Python versions matching the specification 3.7.6 have reached or are nearing end-of-life");
        EnvironmentPut().Path.Should().EndWith(AnonymousPrefix + RecordedVersion(recorded), "the same content hash azure-ai-ml computed for it");
        Fake.Jobs.Should().BeEmpty();
    }

    [Fact]
    public async Task An_environment_that_cannot_be_created_is_a_validation_error_naming_the_field_and_nothing_is_sent()
    {
        var engine = CreateEngine();
        var missingConda = () => engine.SubmitAsync(SweepWith(EnvironmentDefinition.FromImage("python:3.11", "nowhere/conda.yml")) with { Name = "missing" }, new SweepRunOptions { BaseDirectory = Path.GetTempPath() });
        var build = () => engine.SubmitAsync(SweepWith(new EnvironmentDefinition { Build = new EnvironmentBuild("./docker") }) with { Name = "build" });

        (await missingConda.Should().ThrowAsync<HyperDriveValidationException>()).Which.Problems.Should().ContainSingle()
            .Which.Path.Should().Be("trial.environment.conda_file");
        (await build.Should().ThrowAsync<HyperDriveValidationException>()).Which.Problems.Should().ContainSingle()
            .Which.ToString().Should().StartWith("error trial.environment.build: The environment is built from a Docker build context (./docker); the Azure engine does not upload build contexts yet.");
        Fake.Requests.Should().NotContain(r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_pipeline_step_defined_in_YAML_with_an_inline_environment_gets_the_anonymous_version_in_its_component_spec()
    {
        var folder = Directory.CreateTempSubdirectory("hdf-pipe-").FullName;
        File.WriteAllText(Path.Combine(folder, "component.yml"), "type: command\nname: hello\ncommand: python hello.py\nenvironment:\n  image: docker.io/python\n");
        File.WriteAllText(Path.Combine(folder, "pipeline.yml"), "type: pipeline\njobs:\n  hello:\n    type: command\n    component: ./component.yml\n    compute: azureml:cpu-cluster\n");
        var pipeline = AzureMLYaml.ReadFile(Path.Combine(folder, "pipeline.yml")) with { Name = "pipe-env" };

        await CreateEngine().SubmitAsync(pipeline, new SweepRunOptions { BaseDirectory = folder });

        var put = Fake.Requests.Single(r => r.Method == "PUT" && r.Path.EndsWith("/jobs/pipe-env", StringComparison.Ordinal));
        var environment = JsonNode.Parse(put.Body)!["properties"]!["jobs"]!["hello"]!["componentSpec"]!["environment"]!.GetValue<string>();
        environment.Should().Be(FakeAzureML.WorkspacePath + AnonymousPrefix + EnvironmentPut().Path.Split('/')[^1]);
        JsonNode.Parse(EnvironmentPut().Body)!["properties"]!["image"]!.GetValue<string>().Should().Be("docker.io/python");
    }

    [Fact]
    public async Task A_component_with_additional_includes_is_refused_before_anything_is_sent()
    {
        var sweep = AzureTestDefinitions.Sweep() with { Name = "includes" };
        sweep = sweep with { Trial = sweep.Trial with { AdditionalIncludes = EquatableList<string>.Create(["../common_src"]) } };

        var act = () => CreateEngine().SubmitAsync(sweep);

        (await act.Should().ThrowAsync<HyperDriveValidationException>()).Which.Problems.Should().ContainSingle()
            .Which.ToString().Should().StartWith("error trial.additional_includes: The component adds ../common_src to its code snapshot; the Azure engine does not copy additional_includes into the uploaded code yet.");
        Fake.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_environment_operations_can_be_substituted_with_model_factory_objects()
    {
        var client = NSubstitute.Substitute.For<HyperDriveClient>();
        var anonymous = HyperDriveModelFactory.AzureMLEnvironmentVersion(FakeAzureML.WorkspacePath + AnonymousPrefix + "abc", "CliV2AnonymousEnvironment", "abc", "python:3.11", isAnonymous: true);
        NSubstitute.SubstituteExtensions.Returns(client.CreateAnonymousEnvironmentAsync(NSubstitute.Arg.Any<EnvironmentDefinition>(), NSubstitute.Arg.Any<string?>(), NSubstitute.Arg.Any<CancellationToken>()), global::Azure.Response.FromValue(anonymous, NSubstitute.Substitute.For<global::Azure.Response>()));

        var created = (await client.CreateAnonymousEnvironmentAsync(EnvironmentDefinition.FromImage("python:3.11"))).Value;

        (created.Id, created.Name, created.Version, created.Image, created.IsAnonymous, created.CondaFile).Should()
            .Be((FakeAzureML.WorkspacePath + AnonymousPrefix + "abc", "CliV2AnonymousEnvironment", "abc", "python:3.11", true, (string?)null));
    }

    private static string Recordings(string which) => which switch
    {
        "image" => FakeAzureML.Recordings.EnvironmentPutImage,
        "conda" => FakeAzureML.Recordings.EnvironmentPutConda,
        "latest" => FakeAzureML.Recordings.EnvironmentLatest,
        _ => FakeAzureML.Recordings.EnvironmentPythonEndOfLife,
    };
}
