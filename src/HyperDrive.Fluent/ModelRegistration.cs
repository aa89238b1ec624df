using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent;

/// <summary>Registers the best trial's model output as a model once a sweep (or a pipeline's sweep step)
/// completes.</summary>
/// <param name="ModelName">The model name (Azure pattern <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>).</param>
/// <param name="OutputName">The trial output holding the model.</param>
/// <param name="ModelType">The model type.</param>
public sealed record ModelRegistration(string ModelName, string OutputName, AssetType ModelType = AssetType.CustomModel)
{
    /// <summary>Gets the sweep step whose best trial's output is registered (pipelines only).</summary>
    public string? StepName { get; init; }

    /// <summary>Gets an optional description of the model.</summary>
    public string? Description { get; init; }
}
