namespace HyperDrive.Fluent.Azure.Models;

/// <summary>The parts of an Azure ML workspace the client uses.</summary>
public class AzureMLWorkspace
{
    /// <summary>Initializes a workspace; use <see cref="HyperDriveModelFactory.AzureMLWorkspace"/> in tests.</summary>
    /// <param name="id">The resource id.</param>
    internal AzureMLWorkspace(string id)
    {
        Id = id;
    }

    /// <summary>Gets the ARM resource id.</summary>
    public string Id { get; }

    /// <summary>Gets the Azure region.</summary>
    public string? Location { get; internal init; }

    /// <summary>Gets the workspace's MLflow tracking URI (<c>azureml://{region}.api.azureml.ms/mlflow/v1.0/...</c>), if
    /// it has one.</summary>
    public Uri? MlflowTrackingUri { get; internal init; }

    /// <summary>Gets the discovery URL of the regional service endpoints.</summary>
    public Uri? DiscoveryUri { get; internal init; }
}
