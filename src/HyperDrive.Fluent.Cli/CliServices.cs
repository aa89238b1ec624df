using Azure.Core;
using Azure.Identity;
using HyperDrive.Fluent.Azure;

namespace HyperDrive.Fluent.Cli;

/// <summary>
/// What the commands take from the outside world: environment variables, the default Azure credential, and how Azure
/// clients and engines are configured. <see cref="Default"/> is what the tool uses; tests pass their own (a transport
/// that trusts the fake service's certificate, a clock that does not wait).
/// </summary>
internal sealed class CliServices
{
    /// <summary>Gets the production services.</summary>
    public static CliServices Default { get; } = new();

    /// <summary>Gets the environment variable reader.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets the credential used when <c>HYPERDRIVE_ACCESS_TOKEN</c> is not set.</summary>
    public Func<TokenCredential> CreateDefaultCredential { get; init; } = () => new DefaultAzureCredential();

    /// <summary>Gets a hook that adjusts client options after the command line has set them (transport, retries,
    /// clock).</summary>
    public Action<HyperDriveClientOptions>? ConfigureClient { get; init; }

    /// <summary>Gets the options of the Azure ML engine (poll intervals, clock).</summary>
    public AzureMLSweepEngineOptions EngineOptions { get; init; } = new();
}
