using Azure.Core;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Azure;

/// <summary>Registers the Azure ML client and the Azure ML engine in a service collection. Nothing is created or read
/// until first resolved; calling a method more than once is harmless (the last settings win). With
/// HyperDrive.Fluent.Extensions, choose the engine by its name, <see cref="EngineName"/>: <c>"HyperDrive:Engine":
/// "AzureML"</c> or <c>.UseEngine("AzureML")</c>.</summary>
/// <example>
/// <code>
/// services.AddHyperDrive(configuration.GetSection("HyperDrive"));
/// services.AddAzureMLSweepEngine(configuration.GetSection("HyperDrive:AzureML"), new DefaultAzureCredential());
/// </code>
/// </example>
public static class AzureMLServiceCollectionExtensions
{
    /// <summary>The name the Azure ML engine is registered under (a keyed <c>ISweepEngine</c>):
    /// <c>AzureML</c>.</summary>
    public const string EngineName = "AzureML";

    /// <summary>Registers a <see cref="HyperDriveClient"/> for one workspace.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="workspaceResourceId">The workspace resource id
    /// <c>/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}</c>
    /// (see <see cref="WorkspaceId"/>).</param>
    /// <param name="credential">The credential; <see langword="null"/> for the <see cref="TokenCredential"/> registered
    /// in the container (e.g. <c>services.AddSingleton&lt;TokenCredential&gt;(new
    /// DefaultAzureCredential())</c>).</param>
    /// <param name="configureClient">Configures the client's options (endpoint, retries, diagnostics);
    /// <see langword="null"/> for none.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="FormatException"><paramref name="workspaceResourceId"/> is not a workspace resource
    /// id.</exception>
    public static IServiceCollection AddHyperDriveClient(
        this IServiceCollection services,
        string workspaceResourceId,
        TokenCredential? credential = null,
        Action<HyperDriveClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceResourceId);
        _ = WorkspaceId.Parse(workspaceResourceId);
        AddClientServices(services);
        services.Configure<AzureMLSettings>(s =>
        {
            s.WorkspaceId = workspaceResourceId;
            s.Source = nameof(AddHyperDriveClient);
            s.Credential = credential ?? s.Credential;
            if (configureClient is not null)
            {
                s.ConfigureClient.Add(configureClient);
            }
        });
        return services;
    }

    /// <summary>Registers a <see cref="HyperDriveClient"/> whose settings are bound from a configuration section,
    /// usually <c>HyperDrive:AzureML</c>: <c>{ "WorkspaceId": "/subscriptions/...", "Endpoint":
    /// "https://management.azure.com", "ApiVersion": "2025-09-01" }</c>. Validated when the host starts; messages name
    /// the keys under the section's path.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section; read when the settings are first needed.</param>
    /// <param name="credential">The credential (never read from configuration); <see langword="null"/> for the
    /// <see cref="TokenCredential"/> registered in the container.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHyperDriveClient(this IServiceCollection services, IConfiguration configuration,
        TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddClientServices(services);
        services.AddOptions<AzureMLSettings>().Bind(configuration);
        var path = (configuration as IConfigurationSection)?.Path;
        services.Configure<AzureMLSettings>(s =>
        {
            s.Source = string.IsNullOrEmpty(path) ? "AzureML" : path;
            s.Credential = credential ?? s.Credential;
        });
        return services;
    }

    /// <summary>Registers the Azure ML engine under <see cref="EngineName"/>, on the client <c>AddHyperDriveClient</c>
    /// registers.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the engine's options (poll intervals, model registration); <see langword="null"/>
    /// keeps the defaults. A <see cref="TimeProvider"/> registered in the container is used unless this sets
    /// one.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddAzureMLSweepEngine(
        this IServiceCollection services, Func<AzureMLSweepEngineOptions, AzureMLSweepEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddEngineServices(services, configure);
        return services;
    }

    /// <summary>Registers the Azure ML client and engine from one configuration section, usually
    /// <c>HyperDrive:AzureML</c>: the client's keys (see
    /// <see cref="AddHyperDriveClient(IServiceCollection, IConfiguration, TokenCredential?)"/>) and the engine's
    /// <c>PollInterval</c>, <c>MaxPollInterval</c> and <c>RegisterBestModel</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="credential">The credential; <see langword="null"/> for the <see cref="TokenCredential"/> registered
    /// in the container.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddAzureMLSweepEngine(
        this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        AddHyperDriveClient(services, configuration, credential);
        AddEngineServices(services, configure: null);
        return services;
    }

    private static void AddClientServices(IServiceCollection services)
    {
        services.AddOptions<AzureMLSettings>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureMLSettings>,
            AzureMLSettingsValidator>());
        services.TryAddSingleton(sp => CreateClient(sp.GetRequiredService<IOptions<AzureMLSettings>>().Value, sp));
    }

    private static void AddEngineServices(IServiceCollection services, Func<AzureMLSweepEngineOptions,
        AzureMLSweepEngineOptions>? configure)
    {
        services.AddOptions<AzureMLSettings>();
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<AzureMLSettings>>().Value;
            var options = CreateEngineOptions(settings, sp.GetService<TimeProvider>());
            return new AzureMLSweepEngine(sp.GetRequiredService<HyperDriveClient>(), configure is null ? options
                : configure(options));
        });
        services.TryAddKeyedSingleton<ISweepEngine>(EngineName, (sp, _) => sp.GetRequiredService<AzureMLSweepEngine>());
    }

    private static AzureMLSweepEngineOptions CreateEngineOptions(AzureMLSettings settings, TimeProvider? timeProvider)
    {
        var engine =
            new AzureMLSweepEngineOptions { RegisterBestModel = settings.RegisterBestModel, TimeProvider = timeProvider
            ?? TimeProvider.System };
        if (settings.PollInterval is { } poll)
        {
            engine = engine with { PollInterval = poll };
        }

        if (settings.MaxPollInterval is { } maxPoll)
        {
            engine = engine with { MaxPollInterval = maxPoll };
        }

        return engine;
    }

    private static HyperDriveClient CreateClient(AzureMLSettings settings, IServiceProvider services)
    {
        if (string.IsNullOrWhiteSpace(settings.WorkspaceId))
        {
            throw new InvalidOperationException(
                $"{settings.Source}:WorkspaceId is required to use the Azure ML engine: set it to the workspace's " +
                    "resource id " +
                "(/subscriptions/{subscription}/resourceGroups/{group}/providers/" +
                "Microsoft.MachineLearningServices/workspaces/{name}), " +
                "or choose another engine.");
        }

        var credential = settings.Credential ?? services.GetService<TokenCredential>()
            ?? throw new InvalidOperationException(
                "The Azure ML client has no credential: pass one to AddHyperDriveClient/AddAzureMLSweepEngine, or " +
                    "register a " +
                "TokenCredential (services.AddSingleton<TokenCredential>(new DefaultAzureCredential()) with " +
                    "Azure.Identity).");
        var version = settings.ApiVersion is { } apiVersion
            ? AzureMLServiceVersions.Find(apiVersion)
              ?? throw new InvalidOperationException($"{settings.Source}:ApiVersion '{apiVersion}' is not supported.")
            : (HyperDriveClientOptions.ServiceVersion?)null;
        var clientOptions = version is { } v ? new HyperDriveClientOptions(v) : new HyperDriveClientOptions();
        if (settings.Endpoint is { } endpoint)
        {
            clientOptions.ArmEndpoint = endpoint;
        }

        if (services.GetService<TimeProvider>() is { } timeProvider)
        {
            clientOptions.TimeProvider = timeProvider;
        }

        foreach (var configure in settings.ConfigureClient)
        {
            configure(clientOptions);
        }

        return new HyperDriveClient(settings.WorkspaceId, credential, clientOptions);
    }
}
