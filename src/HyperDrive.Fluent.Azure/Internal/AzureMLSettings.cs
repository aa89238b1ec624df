using Azure.Core;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>What <c>AddHyperDriveClient</c>/<c>AddAzureMLSweepEngine</c> recorded: the settings bound from a
/// configuration section (keys <c>WorkspaceId</c>, <c>Endpoint</c>, <c>ApiVersion</c>, <c>PollInterval</c>,
/// <c>MaxPollInterval</c>, <c>RegisterBestModel</c>) or given in code, and where they came from (named in messages).
/// Not public: the public settings are <see cref="HyperDriveClientOptions"/> and
/// <see cref="AzureMLSweepEngineOptions"/>.</summary>
internal sealed class AzureMLSettings
{
    public string? WorkspaceId { get; set; }

    public Uri? Endpoint { get; set; }

    public string? ApiVersion { get; set; }

    public TimeSpan? PollInterval { get; set; }

    public TimeSpan? MaxPollInterval { get; set; }

    public bool RegisterBestModel { get; set; } = true;

    /// <summary>Gets or sets the configuration path the settings are bound from, or a description of the
    /// call.</summary>
    internal string Source { get; set; } = "AzureML";

    /// <summary>Gets or sets the credential given in code (never bound from configuration).</summary>
    internal TokenCredential? Credential { get; set; }

    /// <summary>Gets the code that configures the client's options further.</summary>
    internal List<Action<HyperDriveClientOptions>> ConfigureClient { get; } = [];
}
