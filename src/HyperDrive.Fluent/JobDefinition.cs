using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent;

/// <summary>What every Azure ML job shares: a sweep, a command job or a pipeline.</summary>
public abstract record JobDefinition
{
    private protected JobDefinition()
    {
    }

    /// <summary>Gets the job type as YAML spells it (<c>sweep</c>, <c>command</c>, <c>pipeline</c>).</summary>
    public abstract string JobType { get; }

    /// <summary>Gets the job name (Azure pattern <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>); <see langword="null"/>
    /// lets the engine generate one.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the experiment name.</summary>
    public string? ExperimentName { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the tags.</summary>
    public EquatableMap<string> Tags { get; init; } = EquatableMap<string>.Empty;

    /// <summary>Gets the properties.</summary>
    public EquatableMap<string> Properties { get; init; } = EquatableMap<string>.Empty;

    /// <summary>Gets the compute target: <c>azureml:name</c>, a bare name, or an ARM id. Ignored by the local
    /// engine.</summary>
    public string? Compute { get; init; }

    /// <summary>Gets the inputs.</summary>
    public EquatableMap<JobInput> Inputs { get; init; } = EquatableMap<JobInput>.Empty;

    /// <summary>Gets the outputs.</summary>
    public EquatableMap<JobOutput> Outputs { get; init; } = EquatableMap<JobOutput>.Empty;

    /// <summary>Gets the identity the job runs as.</summary>
    public JobIdentity? Identity { get; init; }

    /// <summary>Gets the queue tier.</summary>
    public JobTier? QueueTier { get; init; }

    /// <summary>Gets who is emailed when the job ends (REST <c>notificationSetting</c>, YAML
    /// <c>notification_setting</c>).</summary>
    /// <value>The default value is <see langword="null"/>: no notifications.</value>
    public JobNotifications? Notifications { get; init; }

    /// <summary>Gets whether the job is archived (REST <c>isArchived</c>; hidden from the Studio's job list). CLI v2
    /// YAML has no key for it (<c>az ml job archive</c> sets it), so the YAML writer reports it as left out.</summary>
    /// <value>The default value is <see langword="false"/>, the REST default (not written).</value>
    public bool IsArchived { get; init; }
}
