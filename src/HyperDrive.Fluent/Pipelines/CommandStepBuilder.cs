using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Pipelines;

/// <summary>A mutable, single-use builder of a pipeline command step (<see cref="CommandJobDefinition"/>).</summary>
public sealed class CommandStepBuilder
{
    private readonly JobSettingsBuilder<CommandStepBuilder> _job;

    internal CommandStepBuilder(string scriptOrCommand, bool isTemplate)
    {
        _job = new(this, new CommandComposer(scriptOrCommand, isTemplate), resetKeepsPlace: false);
    }

    /// <summary>Adds an input; a key such as <c>--raw</c> appends <c>--raw ${{inputs.raw}}</c> to the
    /// command.</summary>
    /// <param name="key">The input name, or the script flag.</param>
    /// <param name="input">The input: an asset, a literal, or a binding
    /// (<see cref="BindingInput.ToStepOutput"/>).</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Input(string key, JobInput input) => _job.Input(key, input);

    /// <summary>Binds an input to another step's output.</summary>
    /// <param name="key">The input name, or the script flag.</param>
    /// <param name="stepName">The producing step.</param>
    /// <param name="outputName">Its output.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder BindInput(string key, string stepName, string outputName) =>
        Input(key, BindingInput.ToStepOutput(stepName, outputName));

    /// <summary>Adds an output; a key such as <c>--data</c> appends <c>--data ${{outputs.data}}</c> to the
    /// command.</summary>
    /// <param name="key">The output name, or the script flag.</param>
    /// <param name="output">The output; a folder when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Output(string key, JobOutput? output = null) => _job.Output(key, output);

    /// <summary>Sets the code folder or code asset id.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Code(string code) => _job.Code(code);

    /// <summary>Sets the environment.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Environment(string environment) => _job.Environment(environment);

    /// <summary>Defines the environment inline: a Docker image and, optionally, a conda file (CLI YAML <c>environment:
    /// {image: ..., conda_file: ...}</c>). On Azure ML the engine creates it as an anonymous environment version first;
    /// the local engine runs with this machine's Python and does not apply the image or the conda file.</summary>
    /// <param name="image">The Docker image, e.g. <c>mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04</c>.</param>
    /// <param name="condaFile">The conda file's path (relative to the definition's base directory), or
    /// <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="image"/> is empty, or <paramref name="condaFile"/> is empty
    /// but not <see langword="null"/>.</exception>
    public CommandStepBuilder Environment(string image, string? condaFile = null) =>
        Environment(EnvironmentDefinition.FromImage(image, condaFile));

    /// <summary>Defines the environment inline (an image or a build context, a conda file as a path or
    /// content).</summary>
    /// <param name="environment">The environment definition.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> is <see langword="null"/>.</exception>
    public CommandStepBuilder Environment(EnvironmentDefinition environment) => _job.Environment(environment);

    /// <summary>Sets an environment variable.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder EnvironmentVariable(string name, string value) =>
        _job.EnvironmentVariable(name, value);

    /// <summary>Sets the step's compute (else the pipeline's default compute).</summary>
    /// <param name="compute">The compute.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Compute(string compute) => _job.Compute(compute);

    /// <summary>Sets the display name.</summary>
    /// <param name="displayName">The display name.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder DisplayName(string displayName) => _job.DisplayName(displayName);

    internal CommandJobDefinition Build() =>
        _job.ApplyTo(new CommandJobDefinition()) with { Component = _job.BuildComponent() };
}
