namespace HyperDrive.Fluent.Pipelines;

/// <summary>Pipeline-wide settings (YAML <c>settings</c>).</summary>
public sealed record PipelineSettings
{
    /// <summary>Gets the compute steps use when they name none.</summary>
    public string? DefaultCompute { get; init; }

    /// <summary>Gets the datastore outputs go to when they name none.</summary>
    public string? DefaultDatastore { get; init; }

    /// <summary>Gets whether the pipeline goes on after a step fails.</summary>
    public bool? ContinueOnStepFailure { get; init; }
}
