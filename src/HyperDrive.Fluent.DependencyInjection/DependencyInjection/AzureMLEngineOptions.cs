using Azure.Core;

namespace HyperDrive.Fluent.DependencyInjection;

/// <summary>Settings of the Azure ML engine (configuration section <c>HyperDrive:AzureML</c>).</summary>
public sealed class AzureMLEngineOptions
{
    /// <summary>Gets or sets the workspace's ARM resource id:
    /// <c>/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}</c>.</summary>
    /// <value>The default value is <see langword="null"/>; required when the engine is <see cref="HyperDriveEngineKind.AzureML"/>.</value>
    public string? WorkspaceId { get; set; }

    /// <summary>Gets or sets the Azure Resource Manager endpoint (sovereign clouds, a test server).</summary>
    /// <value>The default value is <see langword="null"/>: the public cloud's <c>https://management.azure.com</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the REST api-version (<c>yyyy-MM-dd</c>, optionally <c>-preview</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the client's default version.</value>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the credential the client authenticates with. Set it in code (it is never read from configuration
    /// and never logged).</summary>
    /// <value>The default value is <see langword="null"/>: a <c>DefaultAzureCredential</c>, created when the engine is first used.</value>
    public TokenCredential? Credential { get; set; }

    /// <summary>Gets or sets how long the engine waits between polls of a running job while something changes.</summary>
    /// <value>The default value is <see langword="null"/>: the engine's default (10 seconds).</value>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Gets or sets the longest wait between polls while nothing changes.</summary>
    /// <value>The default value is <see langword="null"/>: the engine's default (1 minute).</value>
    public TimeSpan? MaxPollInterval { get; set; }

    /// <summary>Gets or sets whether a completed sweep's best model is registered when the definition asks for it.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RegisterBestModel { get; set; } = true;
}
