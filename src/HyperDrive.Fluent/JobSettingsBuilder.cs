using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>
/// The setters every job builder shares (<see cref="SweepBuilder"/>, <see cref="Pipelines.CommandStepBuilder"/>,
/// <see cref="PipelineBuilder"/>), written once: each checks its arguments, records the value and returns the
/// builder that owns this core, so a public step is one line that delegates here. The job's fields
/// (<see cref="JobDefinition"/>) are applied by <see cref="ApplyTo"/>, the command's (code, environment, variables,
/// resources, distribution) by <see cref="BuildComponent"/>.
/// </summary>
/// <typeparam name="TOwner">The public builder each setter returns.</typeparam>
internal sealed class JobSettingsBuilder<TOwner>
    where TOwner : class
{
    private readonly TOwner _owner;
    private readonly CommandComposer? _command;
    private readonly bool _resetKeepsPlace;
    private readonly List<KeyValuePair<string, JobInput>> _inputs = [];
    private readonly List<KeyValuePair<string, JobOutput>> _outputs = [];
    private readonly List<KeyValuePair<string, string>> _environmentVariables = [];
    private readonly List<KeyValuePair<string, string>> _tags = [];
    private readonly List<KeyValuePair<string, string>> _properties = [];
    private CommandComponent _component = new();
    private string? _name;
    private string? _displayName;
    private string? _experimentName;
    private string? _description;
    private string? _compute;
    private JobIdentity? _identity;
    private JobTier? _queueTier;
    private bool _built;

    /// <summary>Creates the core of one builder.</summary>
    /// <param name="owner">The builder the setters return.</param>
    /// <param name="command">The command that dash-prefixed keys append flags to; <see langword="null"/> for none (a
    /// pipeline, an in-process sweep).</param>
    /// <param name="resetKeepsPlace">Whether setting a key again (an input, a tag, ...) keeps its place in the
    /// order (sweeps) or moves it last (pipelines and their steps), as each builder always did.</param>
    /// <param name="name">The job name the builder starts with (a pipeline's).</param>
    public JobSettingsBuilder(TOwner owner, CommandComposer? command, bool resetKeepsPlace, string? name = null)
    {
        _owner = owner;
        _command = command;
        _resetKeepsPlace = resetKeepsPlace;
        _name = name;
    }

    /// <summary>Appends <c>{flag} {placeholder}</c> to the command unless it already names the placeholder.</summary>
    public void AddFlag(string? flag, string placeholder) => _command?.AddFlag(flag, placeholder);

    /// <summary>Throws if the builder was built before; marks it built.</summary>
    /// <param name="startAgain">The call that starts a new builder, for the message.</param>
    public void MarkBuilt(string startAgain)
    {
        if (_built)
        {
            throw new InvalidOperationException($"This builder was already built; start a new one with {startAgain}.");
        }

        _built = true;
    }

    // ---------------------------------------------------------------- inputs and outputs

    /// <summary>An input whose key may be a script flag (<c>--data</c> appends <c>--data ${{inputs.data}}</c>).
    /// </summary>
    public TOwner Input(string key, JobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (name, flag) = CommandComposer.SplitKey(key, nameof(key));
        Set(_inputs, name, input);
        AddFlag(flag, CommandTemplate.Input(name));
        return _owner;
    }

    /// <summary>An output whose key may be a script flag; a folder when <paramref name="output"/> is
    /// <see langword="null"/>.</summary>
    public TOwner Output(string key, JobOutput? output)
    {
        var (name, flag) = CommandComposer.SplitKey(key, nameof(key));
        Set(_outputs, name, output ?? new JobOutput());
        AddFlag(flag, CommandTemplate.Output(name));
        return _owner;
    }

    /// <summary>An input under a plain name, no command flag (a pipeline's own inputs).</summary>
    public TOwner NamedInput(string name, JobInput input) => SetEntry(_inputs, name, input, nameof(input));

    /// <summary>An output under a plain name, no command flag; a folder when <paramref name="output"/> is
    /// <see langword="null"/>.</summary>
    public TOwner NamedOutput(string name, JobOutput? output) =>
        SetEntry(_outputs, name, output ?? new JobOutput(), nameof(output));

    // ---------------------------------------------------------------- the command

    public TOwner Code(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _component = _component with { Code = code };
        return _owner;
    }

    public TOwner Environment(string environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        _component = _component.WithEnvironment(environment);
        return _owner;
    }

    public TOwner Environment(EnvironmentDefinition environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _component = _component.WithEnvironment(environment);
        return _owner;
    }

    public TOwner EnvironmentVariable(string name, string value) =>
        SetEntry(_environmentVariables, name, value, nameof(value));

    public TOwner Resources(int instanceCount, string? instanceType)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instanceCount, 1);
        _component = _component with
        {
            Resources = new JobResources { InstanceCount = instanceCount, InstanceType = instanceType },
        };
        return _owner;
    }

    public TOwner DistributedTraining(DistributedTraining distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        _component = _component with { Distribution = distribution };
        return _owner;
    }

    // ---------------------------------------------------------------- the job

    public TOwner Compute(string compute) => SetText(ref _compute, compute, nameof(compute));

    public TOwner Name(string name) => SetText(ref _name, name, nameof(name));

    public TOwner DisplayName(string displayName) => SetText(ref _displayName, displayName, nameof(displayName));

    public TOwner Experiment(string experimentName) =>
        SetText(ref _experimentName, experimentName, nameof(experimentName));

    public TOwner Description(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        _description = description;
        return _owner;
    }

    public TOwner Tag(string name, string value) => SetEntry(_tags, name, value, nameof(value));

    public TOwner Property(string name, string value) => SetEntry(_properties, name, value, nameof(value));

    public TOwner Identity(JobIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _identity = identity;
        return _owner;
    }

    public TOwner QueueTier(JobTier tier)
    {
        _queueTier = tier;
        return _owner;
    }

    // ---------------------------------------------------------------- build

    /// <summary>The command component: what the setters recorded, with the composed command and the variables.
    /// </summary>
    public CommandComponent BuildComponent() => _component with
    {
        Command = _command?.Compose() ?? string.Empty,
        EnvironmentVariables = EquatableMap<string>.Create(_environmentVariables),
    };

    /// <summary>The definition with the job fields the setters recorded.</summary>
    public TJob ApplyTo<TJob>(TJob definition)
        where TJob : JobDefinition => (TJob)((JobDefinition)definition with
        {
            Name = _name,
            DisplayName = _displayName,
            ExperimentName = _experimentName,
            Description = _description,
            Compute = _compute,
            Identity = _identity,
            QueueTier = _queueTier,
            Tags = EquatableMap<string>.Create(_tags),
            Properties = EquatableMap<string>.Create(_properties),
            Inputs = EquatableMap<JobInput>.Create(_inputs),
            Outputs = EquatableMap<JobOutput>.Create(_outputs),
        });

    private TOwner SetText(ref string? field, string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        field = value;
        return _owner;
    }

    /// <summary>Sets a named entry: the name must not be empty, the value not <see langword="null"/>.</summary>
    private TOwner SetEntry<T>(List<KeyValuePair<string, T>> entries, string name, T value, string valueName)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value, valueName);
        Set(entries, name, value);
        return _owner;
    }

    private void Set<T>(List<KeyValuePair<string, T>> entries, string key, T value)
    {
        var index = entries.FindIndex(e => e.Key == key);
        if (index >= 0 && _resetKeepsPlace)
        {
            entries[index] = new(key, value);
            return;
        }

        if (index >= 0)
        {
            entries.RemoveAt(index);
        }

        entries.Add(new(key, value));
    }
}
