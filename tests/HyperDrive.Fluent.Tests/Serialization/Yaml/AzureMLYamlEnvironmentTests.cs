using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Tests.Serialization.Yaml;

/// <summary>
/// <c>environment:</c> as a mapping (an inline environment: image or build, conda file as a path or a mapping) and command
/// components with every key of the commandComponent schema, through <see cref="AzureMLYaml"/> and <see cref="AzureMLJson"/>.
/// </summary>
public sealed class AzureMLYamlEnvironmentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hdf-env-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Sweep(string environment) => $$$"""
        $schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json
        type: sweep
        trial:
          command: python train.py --lr ${{search_space.lr}}
          code: ./src
        {{{environment}}}
        sampling_algorithm: random
        search_space:
          lr:
            type: uniform
            min_value: 0.01
            max_value: 0.1
        objective:
          goal: maximize
          primary_metric: acc
        limits:
          max_total_trials: 4
        """;

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void RoundTripsExactly(JobDefinition job, string? sourcePath = null)
    {
        var written = AzureMLYaml.Write(job);
        var again = AzureMLYaml.Read(written, new AzureMLYamlReadOptions { SourcePath = sourcePath });
        again.Should().Be(job);
        AzureMLYaml.Write(again).Should().Be(written);
    }

    [Fact]
    public void An_image_with_a_conda_file_path_is_read_with_the_file_text_relative_to_the_YAML_file()
    {
        WriteFile("job/conda.yaml", "name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n");
        var path = WriteFile("job/sweep.yml", Sweep("  environment:\n    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n    conda_file: ./conda.yaml"));

        var sweep = (SweepDefinition)AzureMLYaml.ReadFile(path);

        sweep.Trial.Environment.Should().BeNull();
        var environment = sweep.Trial.InlineEnvironment!;
        environment.Image.Should().Be("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest");
        environment.CondaFile!.Path.Should().Be("./conda.yaml");
        environment.CondaFile.Content.Should().Be("name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n");
        sweep.Validate(ValidationTarget.AzureML).Where(p => p.IsError).Should().BeEmpty();
        AzureMLYaml.Write(sweep).Should().Contain("  environment:\n    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest\n    conda_file: ./conda.yaml\n");
        RoundTripsExactly(sweep, path);
    }

    [Fact]
    public void A_conda_file_path_that_does_not_exist_is_kept_as_a_path()
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Sweep("  environment:\n    image: python:3.11\n    conda_file: missing/conda.yml"), new AzureMLYamlReadOptions { SourcePath = Path.Combine(_folder, "x.yml") });

        sweep.Trial.InlineEnvironment!.CondaFile.Should().Be(CondaFile.FromPath("missing/conda.yml"));
        RoundTripsExactly(sweep);
    }

    [Fact]
    public void An_inline_conda_mapping_is_kept_as_YAML_text_with_its_quoting_and_written_back_as_a_mapping()
    {
        var yaml = Sweep("""
              environment:
                image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04
                conda_file:
                  name: example-environment
                  channels:
                    - conda-forge
                  dependencies:
                    - python="3.10"
                    - pip
                    - pip:
                        - mlflow
                  version: "1.0"
            """);

        var sweep = (SweepDefinition)AzureMLYaml.Read(yaml);

        var content = sweep.Trial.InlineEnvironment!.CondaFile!.Content!;
        sweep.Trial.InlineEnvironment.CondaFile.Path.Should().BeNull();
        content.Should().Be("name: example-environment\nchannels:\n- conda-forge\ndependencies:\n- python=\"3.10\"\n- pip\n- pip:\n  - mlflow\nversion: \"1.0\"\n");
        var written = AzureMLYaml.Write(sweep);
        written.Should().Contain("    conda_file:\n      name: example-environment\n      channels:\n      - conda-forge\n");
        written.Should().Contain("      version: \"1.0\"\n", "a quoted string stays a string");
        RoundTripsExactly(sweep);
    }

    [Fact]
    public void A_build_context_name_version_description_tags_and_os_type_round_trip()
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Sweep("""
              environment:
                name: my-env
                version: "2"
                description: built here
                tags:
                  team: vision
                build:
                  path: ./docker-context
                  dockerfile_path: Dockerfile.gpu
                os_type: linux
            """));

        var environment = sweep.Trial.InlineEnvironment!;
        environment.Build.Should().Be(new EnvironmentBuild("./docker-context") { DockerfilePath = "Dockerfile.gpu" });
        environment.Build!.IsRemote.Should().BeFalse();
        (environment.Name, environment.Version, environment.Description, environment.OsType).Should().Be(("my-env", "2", "built here", "linux"));
        environment.Tags.Should().Equal(new Dictionary<string, string> { ["team"] = "vision" });
        RoundTripsExactly(sweep);

        // azure-ai-ml drops an inline environment's name with a warning (AnonymousEnvironmentSchema); so does validation.
        sweep.Validate(ValidationTarget.AzureML).Should().ContainSingle(p => p.Path == "trial.environment.name" && p.Severity == ValidationSeverity.Warning)
            .Which.Message.Should().Contain("CliV2AnonymousEnvironment");
    }

    [Fact]
    public void Every_problem_of_an_inline_environment_is_reported_with_its_line_and_key()
    {
        var act = () => AzureMLYaml.Read(
            Sweep("  environment:\n    image: python:3.11\n    channels: [conda-forge]\n    conda_file: [a, b]\n    build: {dockerfile_path: Dockerfile}"),
            new AzureMLYamlReadOptions { SourcePath = "job.yml" });

        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.Problems.Select(p => (p.Key, p.Line)).Should().BeEquivalentTo(new (string?, int?)[]
        {
            ("trial.environment.channels", 8),
            ("trial.environment.conda_file", 9),
            ("trial.environment.build.path", 10),
        });
        error.Problems.Single(p => p.Key == "trial.environment.channels").Problem.Should().Contain("unknown key 'channels'");
        error.Problems.Single(p => p.Key == "trial.environment.conda_file").Problem.Should().Contain("a conda file path (./conda.yaml) or a conda specification");
    }

    [Fact]
    public void Validation_follows_azure_ai_ml_image_or_build_required_not_both()
    {
        var neither = (SweepDefinition)AzureMLYaml.Read(Sweep("  environment:\n    conda_file: ./conda.yml"));
        var both = (SweepDefinition)AzureMLYaml.Read(Sweep("  environment:\n    image: python:3.11\n    build:\n      path: ./ctx"));

        neither.Validate(ValidationTarget.Portable).Should().ContainSingle(p => p.IsError)
            .Which.ToString().Should().Be("error trial.environment: The inline environment has neither an image nor a build context. Fix: Give environment.image (e.g. mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04) or environment.build.path.");
        both.Validate(ValidationTarget.AzureML).Should().ContainSingle(p => p.IsError)
            .Which.Message.Should().Be("The inline environment has both an image and a build context.");
    }

    [Fact]
    public void An_inline_environment_satisfies_the_Azure_ML_environment_requirement()
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Sweep("  environment:\n    image: python:3.11"));

        sweep.Validate(ValidationTarget.AzureML).Should().NotContain(p => p.Path == "trial.environment");
    }

    [Fact]
    public void The_REST_body_refuses_an_inline_environment_with_the_fix_and_omits_it_when_asked()
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Sweep("  environment:\n    image: python:3.11"));

        var act = () => AzureMLJson.Write(sweep, new AzureMLJsonOptions { CodeIds = new Dictionary<string, string> { ["./src"] = "azureml:code:1" } });

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("trial.environment: the environment is defined inline (image python:3.11), but the Azure ML REST body carries only an environment id (environmentId).*Azure engine*anonymous environment*");
        var omitted = AzureMLJson.Write(sweep, new AzureMLJsonOptions { LocalCode = LocalCodeHandling.Omit });
        omitted.Should().NotContain("environmentId").And.Contain("\"command\"");
    }

    [Fact]
    public void A_pipeline_component_file_with_its_own_conda_file_keeps_the_file_it_names()
    {
        WriteFile("pipe/components/train/conda.yaml", "dependencies:\n  - python=3.9\n");
        WriteFile("pipe/components/train/component.yml", """
            $schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
            type: command
            name: train
            version: 1
            tags:
              author: azureml-sdk-team
            is_deterministic: false
            properties:
              stage: dev
            code: ./src
            environment:
              image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04
              conda_file: ./conda.yaml
            additional_includes:
              - ../common
            command: python train.py
            """);
        var path = WriteFile("pipe/pipeline.yml", """
            type: pipeline
            jobs:
              train:
                type: command
                component: ./components/train/component.yml
            """);

        var pipeline = (PipelineDefinition)AzureMLYaml.ReadFile(path);

        var component = ((CommandJobDefinition)pipeline.Jobs["train"]).Component;
        component.InlineEnvironment!.CondaFile!.Content.Should().Be("dependencies:\n  - python=3.9\n");
        component.Tags.Should().Equal(new Dictionary<string, string> { ["author"] = "azureml-sdk-team" });
        component.IsDeterministic.Should().BeFalse();
        component.Properties.Should().Equal(new Dictionary<string, string> { ["stage"] = "dev" });
        component.AdditionalIncludes.Should().Equal("../common");
        RoundTripsExactly(pipeline, path);
    }

    [Fact]
    public void A_command_component_accepts_every_key_of_the_commandComponent_schema()
    {
        // A component with tags: was rejected before (unknown key); each key here is in azure-ai-ml's CommandComponentSchema.
        var yaml = Sweep("  environment: azureml:env:1").Replace("trial:\n  command:", """
            trial:
              $schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
              type: command
              name: train_component
              version: "3"
              display_name: Train
              description: trains
              tags:
                author: me
                empty:
              is_deterministic: true
              properties:
                p: "1"
              inputs:
                lr:
                  type: number
              outputs:
                model:
                  type: mlflow_model
              resources:
                instance_count: 2
              distribution:
                type: pytorch
                process_count_per_instance: 2
              environment_variables:
                A: b
              additional_includes:
                - ../shared
              command:
            """.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

        var sweep = (SweepDefinition)AzureMLYaml.Read(yaml);

        var trial = sweep.Trial;
        (trial.Name, trial.Version, trial.DisplayName, trial.Description, trial.IsDeterministic).Should().Be(("train_component", "3", "Train", "trains", true));
        trial.Tags.Should().Equal(new Dictionary<string, string> { ["author"] = "me", ["empty"] = string.Empty });
        trial.Properties.Should().Equal(new Dictionary<string, string> { ["p"] = "1" });
        trial.AdditionalIncludes.Should().Equal("../shared");
        trial.Resources!.InstanceCount.Should().Be(2);
        RoundTripsExactly(sweep);
    }

    [Fact]
    public void A_pipeline_steps_component_tags_and_is_deterministic_go_into_its_componentSpec_and_back()
    {
        var pipeline = (PipelineDefinition)AzureMLYaml.Read("""
            type: pipeline
            jobs:
              prep:
                type: command
                component:
                  name: prep
                  tags:
                    author: azureml-sdk-team
                  is_deterministic: false
                  command: python prep.py
                  environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:33
            """);

        var json = AzureMLJson.Write(pipeline);
        var spec = System.Text.Json.Nodes.JsonNode.Parse(json)!["properties"]!["jobs"]!["prep"]!["componentSpec"]!;

        ((string?)spec["tags"]!["author"]).Should().Be("azureml-sdk-team");
        ((bool?)spec["is_deterministic"]).Should().BeFalse();
        var back = ((CommandJobDefinition)((PipelineDefinition)AzureMLJson.Read(json)).Jobs["prep"]).Component;
        back.Tags.Should().Equal(new Dictionary<string, string> { ["author"] = "azureml-sdk-team" });
        back.IsDeterministic.Should().BeFalse();
    }

    [Fact]
    public void Wrongly_typed_component_keys_are_errors_naming_the_key()
    {
        var yaml = Sweep("  environment: azureml:env:1").Replace("trial:\n", "trial:\n  is_deterministic: maybe\n  additional_includes: ../shared\n  tags: [a]\n", StringComparison.Ordinal);

        var act = () => AzureMLYaml.Read(yaml);

        act.Should().Throw<AzureMLFormatException>().Which.Problems.Select(p => p.Key)
            .Should().BeEquivalentTo("trial.is_deterministic", "trial.additional_includes", "trial.tags");
    }
}
