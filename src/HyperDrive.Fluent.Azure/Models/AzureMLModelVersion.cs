namespace HyperDrive.Fluent.Azure.Models;

/// <summary>A version of a registered model (REST <c>ModelVersion</c>): what to register, and what the service
/// returned.</summary>
public class AzureMLModelVersion
{
    /// <summary>Initializes a model version to register.</summary>
    /// <param name="modelUri">Where the model is, e.g. <c>azureml://jobs/{trial}/outputs/model</c>.</param>
    /// <param name="modelType">The type (<c>custom_model</c>, <c>mlflow_model</c>, <c>triton_model</c>).</param>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public AzureMLModelVersion(string modelUri, string modelType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelType);
        ModelUri = modelUri;
        ModelType = modelType;
    }

    /// <summary>Gets where the model is.</summary>
    public string ModelUri { get; }

    /// <summary>Gets the model type.</summary>
    public string ModelType { get; }

    /// <summary>Gets or sets the job that produced the model (lineage).</summary>
    public string? JobName { get; set; }

    /// <summary>Gets or sets the description.</summary>
    public string? Description { get; set; }

    /// <summary>Gets the tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the ARM id once registered.</summary>
    public string? Id { get; internal set; }

    /// <summary>Gets the model name once registered.</summary>
    public string? Name { get; internal set; }

    /// <summary>Gets the version once registered.</summary>
    public string? Version { get; internal set; }
}
