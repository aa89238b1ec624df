namespace HyperDrive.Fluent.Trials;

/// <summary>
/// What a trial (or a pipeline command step) runs: a command template with its code, environment and settings
/// (Azure: the sweep's <c>trial</c>, a <c>TrialComponent</c>, or a command component file).
/// </summary>
public sealed record CommandComponent
{
    /// <summary>Gets the command template; <c>${{search_space.x}}</c>, <c>${{inputs.x}}</c> and <c>${{outputs.x}}</c>
    /// are placeholders.</summary>
    /// <value>Empty only when the component is a registered reference (<see cref="ComponentId"/>).</value>
    public string Command { get; init; } = string.Empty;

    /// <summary>Gets the code: a local folder (relative to the definition file) or a code asset id (<c>azureml:...</c>
    /// or an ARM id).</summary>
    public string? Code { get; init; }

    /// <summary>Gets the environment: <c>azureml:name:version</c>, <c>azureml:name@latest</c>,
    /// <c>azureml://registries/...</c> or an ARM id.</summary>
    /// <value>The default value is <see langword="null"/>. At most one of <see cref="Environment"/> and
    /// <see cref="InlineEnvironment"/> is set.</value>
    public string? Environment { get; init; }

    /// <summary>Gets the environment defined inline (an image or a build context, and a conda file), which the Azure
    /// engine creates as an anonymous environment version before it submits the job.</summary>
    /// <value>The default value is <see langword="null"/>. At most one of <see cref="Environment"/> and
    /// <see cref="InlineEnvironment"/> is set.</value>
    public EnvironmentDefinition? InlineEnvironment { get; init; }

    /// <summary>This component with a registered environment, the inline one cleared (the builders' one rule: a
    /// component has one environment form at a time).</summary>
    internal CommandComponent WithEnvironment(string reference) =>
        this with { Environment = reference, InlineEnvironment = null };

    /// <summary>This component with an inline environment, the reference cleared.</summary>
    internal CommandComponent WithEnvironment(EnvironmentDefinition inline) =>
        this with { Environment = null, InlineEnvironment = inline };

    /// <summary>Gets the environment variables set for the command.</summary>
    public EquatableMap<string> EnvironmentVariables { get; init; } = EquatableMap<string>.Empty;

    /// <summary>Gets the compute resources.</summary>
    public JobResources? Resources { get; init; }

    /// <summary>Gets how multi-process trials are launched.</summary>
    public DistributedTraining? Distribution { get; init; }

    /// <summary>Gets the inputs the component declares (for components read from a file; search-space keys bind to
    /// them).</summary>
    public EquatableMap<ComponentInput> Inputs { get; init; } = EquatableMap<ComponentInput>.Empty;

    /// <summary>Gets the outputs the component declares.</summary>
    public EquatableMap<JobOutput> Outputs { get; init; } = EquatableMap<JobOutput>.Empty;

    /// <summary>Gets the component's name (component files only).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the component's version (component files only).</summary>
    public string? Version { get; init; }

    /// <summary>Gets the component's display name (component files only).</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the component's description (component files only).</summary>
    public string? Description { get; init; }

    /// <summary>Gets the component's tags (component files only).</summary>
    public EquatableMap<string> Tags { get; init; } = EquatableMap<string>.Empty;

    /// <summary>Gets the component's properties (component files only; kept for the round trip).</summary>
    public EquatableMap<string> Properties { get; init; } = EquatableMap<string>.Empty;

    /// <summary>Gets whether Azure ML may reuse an earlier run of the component with the same inputs (CLI YAML
    /// <c>is_deterministic</c>; component files only). The local engine always runs the command.</summary>
    /// <value>The default value is <see langword="null"/> (the service's default, <see langword="true"/>).</value>
    public bool? IsDeterministic { get; init; }

    /// <summary>Gets the folders and files the component adds to its code snapshot (CLI YAML
    /// <c>additional_includes</c>; component files only; kept for the round trip).</summary>
    public EquatableList<string> AdditionalIncludes { get; init; } = EquatableList<string>.Empty;

    /// <summary>Gets the file this component was read from, as the referencing YAML wrote it (e.g. <c>./train.yml</c>);
    /// writers emit the reference back instead of inlining the component.</summary>
    public string? Source { get; init; }

    /// <summary>Gets a registered component this trial refers to without defining it
    /// (<c>azureml:name:version</c>).</summary>
    public string? ComponentId { get; init; }

    /// <summary>Gets whether the command is only a reference to a registered component.</summary>
    public bool IsReference => ComponentId is not null && Command.Length == 0;
}
