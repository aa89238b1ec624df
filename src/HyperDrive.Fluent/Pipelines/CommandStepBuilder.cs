using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Pipelines;

/// <summary>A mutable, single-use builder of a pipeline command step (<see cref="CommandJobDefinition"/>).</summary>
public sealed class CommandStepBuilder
{
    private readonly CommandComposer _command;
    private readonly List<KeyValuePair<string, JobInput>> _inputs = [];
    private readonly List<KeyValuePair<string, JobOutput>> _outputs = [];
    private readonly List<KeyValuePair<string, string>> _environmentVariables = [];
    private CommandComponent _component = new();
    private CommandJobDefinition _definition = new();

    internal CommandStepBuilder(string scriptOrCommand, bool isTemplate)
    {
        _command = new CommandComposer(scriptOrCommand, isTemplate);
    }

    /// <summary>Adds an input; a key such as <c>--raw</c> appends <c>--raw ${{inputs.raw}}</c> to the command.</summary>
    /// <param name="key">The input name, or the script flag.</param>
    /// <param name="input">The input: an asset, a literal, or a binding (<see cref="BindingInput.ToStepOutput"/>).</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Input(string key, JobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (name, flag) = CommandComposer.SplitKey(key, nameof(key));
        _inputs.RemoveAll(i => i.Key == name);
        _inputs.Add(new(name, input));
        _command.AddFlag(flag, CommandTemplate.Input(name));
        return this;
    }

    /// <summary>Binds an input to another step's output.</summary>
    /// <param name="key">The input name, or the script flag.</param>
    /// <param name="stepName">The producing step.</param>
    /// <param name="outputName">Its output.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder BindInput(string key, string stepName, string outputName) =>
        Input(key, BindingInput.ToStepOutput(stepName, outputName));

    /// <summary>Adds an output; a key such as <c>--data</c> appends <c>--data ${{outputs.data}}</c> to the command.</summary>
    /// <param name="key">The output name, or the script flag.</param>
    /// <param name="output">The output; a folder when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Output(string key, JobOutput? output = null)
    {
        var (name, flag) = CommandComposer.SplitKey(key, nameof(key));
        _outputs.RemoveAll(o => o.Key == name);
        _outputs.Add(new(name, output ?? new JobOutput()));
        _command.AddFlag(flag, CommandTemplate.Output(name));
        return this;
    }

    /// <summary>Sets the code folder or code asset id.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Code(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _component = _component with { Code = code };
        return this;
    }

    /// <summary>Sets the environment.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Environment(string environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        _component = _component.WithEnvironment(environment);
        return this;
    }

    /// <summary>Defines the environment inline: a Docker image and, optionally, a conda file (CLI YAML
    /// <c>environment: {image: ..., conda_file: ...}</c>). On Azure ML the engine creates it as an anonymous environment
    /// version first; the local engine runs with this machine's Python and does not apply the image or the conda file.</summary>
    /// <param name="image">The Docker image, e.g. <c>mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04</c>.</param>
    /// <param name="condaFile">The conda file's path (relative to the definition's base directory), or <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="image"/> is empty, or <paramref name="condaFile"/> is empty but not <see langword="null"/>.</exception>
    public CommandStepBuilder Environment(string image, string? condaFile = null) => Environment(EnvironmentDefinition.FromImage(image, condaFile));

    /// <summary>Defines the environment inline (an image or a build context, a conda file as a path or content).</summary>
    /// <param name="environment">The environment definition.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> is <see langword="null"/>.</exception>
    public CommandStepBuilder Environment(EnvironmentDefinition environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _component = _component.WithEnvironment(environment);
        return this;
    }

    /// <summary>Sets an environment variable.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder EnvironmentVariable(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        _environmentVariables.RemoveAll(e => e.Key == name);
        _environmentVariables.Add(new(name, value));
        return this;
    }

    /// <summary>Sets the step's compute (else the pipeline's default compute).</summary>
    /// <param name="compute">The compute.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder Compute(string compute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(compute);
        _definition = _definition with { Compute = compute };
        return this;
    }

    /// <summary>Sets the display name.</summary>
    /// <param name="displayName">The display name.</param>
    /// <returns>The same builder.</returns>
    public CommandStepBuilder DisplayName(string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        _definition = _definition with { DisplayName = displayName };
        return this;
    }

    internal CommandJobDefinition Build() => _definition with
    {
        Inputs = EquatableMap<JobInput>.Create(_inputs),
        Outputs = EquatableMap<JobOutput>.Create(_outputs),
        Component = _component with
        {
            Command = _command.Compose(),
            EnvironmentVariables = EquatableMap<string>.Create(_environmentVariables),
        },
    };
}
