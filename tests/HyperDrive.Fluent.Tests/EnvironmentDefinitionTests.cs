using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Tests;

/// <summary>The inline environment through the DSL (<c>.Environment(image:, condaFile:)</c>) and the model's guards.</summary>
public class EnvironmentDefinitionTests
{
    private static SweepBuilder Base() => Sweep.For("train.py").Sample("--lr", Uniform(0.01, 0.1)).Maximize("acc").Runs(4, 2);

    [Fact]
    public void Environment_with_image_and_conda_file_defines_it_inline_and_writes_the_CLI_mapping()
    {
        var sweep = Base().Environment(image: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", condaFile: "conda.yml").Build();

        sweep.Trial.Environment.Should().BeNull();
        sweep.Trial.InlineEnvironment.Should().Be(new EnvironmentDefinition { Image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", CondaFile = CondaFile.FromPath("conda.yml") });
        sweep.Validate(ValidationTarget.AzureML).Where(p => p.IsError).Should().BeEmpty();
        var yaml = AzureMLYaml.Write(sweep);
        yaml.Should().Contain("  environment:\n    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\n    conda_file: conda.yml\n");
        AzureMLYaml.Read(yaml).Should().Be(sweep);
    }

    [Fact]
    public void The_reference_form_stays_and_the_last_environment_call_wins()
    {
        var reference = Base().Environment(image: "python:3.11").Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest").Build();
        var inline = Base().Environment("azureml:env:1").Environment(EnvironmentDefinition.FromImage("python:3.11")).Build();

        (reference.Trial.Environment, reference.Trial.InlineEnvironment).Should().Be(("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest", (EnvironmentDefinition?)null));
        (inline.Trial.Environment, inline.Trial.InlineEnvironment?.Image).Should().Be(((string?)null, "python:3.11"));
    }

    [Fact]
    public void A_pipeline_command_step_takes_an_inline_environment_too()
    {
        var pipeline = Pipeline.Create("prep-pipeline")
            .Step("prep", "prep.py", step => step.Environment(image: "python:3.11", condaFile: "env/conda.yml"))
            .Build();

        var component = ((CommandJobDefinition)pipeline.Jobs["prep"]).Component;
        component.InlineEnvironment!.CondaFile!.Path.Should().Be("env/conda.yml");
        AzureMLYaml.Read(AzureMLYaml.Write(pipeline)).Should().Be(pipeline);
    }

    [Fact]
    public void Arguments_wrong_on_their_own_fail_at_the_call()
    {
        var emptyImage = () => Base().Environment(image: " ", condaFile: null);
        var emptyConda = () => EnvironmentDefinition.FromImage("python:3.11", "");
        var notAMapping = () => CondaFile.FromContent("- python=3.10\n- pip");
        var emptyBuild = () => new EnvironmentBuild(" ");
        var noDefinition = () => Base().Environment((EnvironmentDefinition)null!);

        emptyImage.Should().Throw<ArgumentException>().WithParameterName("image");
        emptyConda.Should().Throw<ArgumentException>().WithParameterName("condaFile");
        notAMapping.Should().Throw<ArgumentException>().WithParameterName("yaml").WithMessage("*must be YAML text of a mapping*");
        emptyBuild.Should().Throw<ArgumentException>().WithParameterName("path");
        noDefinition.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Inline_conda_content_is_written_as_a_mapping()
    {
        var sweep = Base().Environment(new EnvironmentDefinition { Image = "python:3.11", CondaFile = CondaFile.FromContent("channels: [conda-forge]\ndependencies: [python=3.10, pip]") }).Build();

        var yaml = AzureMLYaml.Write(sweep);

        yaml.Should().Contain("    conda_file:\n      channels: [conda-forge]\n      dependencies: [python=3.10, pip]\n");
        AzureMLYaml.Read(yaml).Should().Be(sweep);
    }

    [Fact]
    public void Both_forms_at_once_are_an_error_naming_the_field()
    {
        var sweep = Base().Build() with { };
        sweep = sweep with { Trial = sweep.Trial with { Environment = "azureml:env:1", InlineEnvironment = EnvironmentDefinition.FromImage("python:3.11") } };

        sweep.Validate(ValidationTarget.Portable).Should().ContainSingle(p => p.IsError)
            .Which.ToString().Should().Be("error trial.environment: Both an environment reference ('azureml:env:1') and an inline environment are set. Fix: Keep one: the reference (Environment) or the definition (InlineEnvironment).");
    }
}
