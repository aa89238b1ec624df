namespace HyperDrive.Fluent.Azure.Models;

/// <summary>An Azure ML job as the service returns it (<c>JobBaseResource</c>): the fields HyperDrive.Fluent reads,
/// plus the raw body.</summary>
public class AzureMLJob
{
    /// <summary>Initializes a job; use <see cref="HyperDriveModelFactory.AzureMLJob"/> in tests.</summary>
    /// <param name="name">The job name.</param>
    internal AzureMLJob(string name)
    {
        Name = name;
    }

    /// <summary>Gets the job name (its id within the workspace).</summary>
    public string Name { get; }

    /// <summary>Gets the ARM resource id.</summary>
    public string? Id { get; internal init; }

    /// <summary>Gets the job type as REST spells it (<c>Sweep</c>, <c>Command</c>, <c>Pipeline</c>).</summary>
    public string? JobType { get; internal init; }

    /// <summary>Gets the status.</summary>
    public AzureMLJobStatus Status { get; internal init; } = AzureMLJobStatus.Unknown;

    /// <summary>Gets the display name.</summary>
    public string? DisplayName { get; internal init; }

    /// <summary>Gets the experiment name.</summary>
    public string? ExperimentName { get; internal init; }

    /// <summary>Gets the compute's ARM id.</summary>
    public string? ComputeId { get; internal init; }

    /// <summary>Gets the Azure ML Studio page of the job (<c>services.Studio.endpoint</c>).</summary>
    public Uri? StudioUri { get; internal init; }

    /// <summary>Gets the user's tags (service tags starting with <c>_aml_system_</c> are in
    /// <see cref="SystemTags"/>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; internal init; } = EmptyMap;

    /// <summary>Gets the tags the service adds (<c>_aml_system_*</c>), including the sampled parameters of each sweep
    /// trial.</summary>
    public IReadOnlyDictionary<string, string> SystemTags { get; internal init; } = EmptyMap;

    /// <summary>Gets the job's properties, including the service's (<c>best_child_run_id</c> on a completed
    /// sweep).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; internal init; } = EmptyMap;

    /// <summary>Gets the sweep's primary metric (<c>objective.primaryMetric</c>), for sweep jobs.</summary>
    public string? PrimaryMetric { get; internal init; }

    /// <summary>Gets the sweep's goal (<c>objective.goal</c>), for sweep jobs.</summary>
    public ObjectiveGoal? Goal { get; internal init; }

    /// <summary>Gets when the job was created (<c>systemData.createdAt</c>).</summary>
    public DateTimeOffset? CreatedAt { get; internal init; }

    /// <summary>Gets the best trial's run id once a sweep completed (<c>properties.best_child_run_id</c>), if the
    /// service gave one.</summary>
    public string? BestChildRunId => Properties.TryGetValue("best_child_run_id", out var id)
        && !string.IsNullOrWhiteSpace(id) ? id : null;

    /// <summary>Gets the response body as JSON.</summary>
    public BinaryData Content { get; internal init; } = BinaryData.Empty;

    internal static IReadOnlyDictionary<string, string> EmptyMap { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal);
}
