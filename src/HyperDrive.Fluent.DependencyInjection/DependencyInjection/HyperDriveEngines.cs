using System.Diagnostics.Metrics;
using Azure.Identity;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.DependencyInjection;

/// <summary>Registers the engines and the Azure ML client as lazy singletons; nothing is created until resolved.</summary>
internal static class HyperDriveEngines
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<HyperDriveOptions>().PostConfigure<IServiceProvider>((options, provider) =>
        {
            if (ReferenceEquals(options.Local.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is { } clock)
            {
                options.Local.TimeProvider = clock;
            }
        });
        services.TryAddSingleton(sp => new LocalSweepEngine(sp.GetRequiredService<IOptions<HyperDriveOptions>>().Value.Local));
        services.TryAddKeyedSingleton<ISweepEngine>(HyperDriveEngineKind.Local, (sp, _) => sp.GetRequiredService<LocalSweepEngine>());
        services.TryAddSingleton(sp => new AzureMLSweepEngine(
            sp.GetRequiredService<HyperDriveClient>(),
            CreateEngineOptions(sp.GetRequiredService<IOptions<HyperDriveOptions>>().Value.AzureML, sp.GetService<TimeProvider>())));
        services.TryAddKeyedSingleton<ISweepEngine>(HyperDriveEngineKind.AzureML, (sp, _) => sp.GetRequiredService<AzureMLSweepEngine>());
        services.TryAddSingleton<ISweepEngine>(sp => new InstrumentedSweepEngine(
            SelectEngine(sp),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => CreateClient(
            sp.GetRequiredService<IOptions<HyperDriveOptions>>().Value.AzureML,
            sp.GetRequiredService<IOptions<HyperDriveRegistration>>().Value.SectionPath,
            sp.GetService<TimeProvider>()));
    }

    private static ISweepEngine SelectEngine(IServiceProvider services)
    {
        var kind = services.GetRequiredService<IOptions<HyperDriveOptions>>().Value.Engine;
        return services.GetKeyedService<ISweepEngine>(kind)
            ?? throw new InvalidOperationException(
                $"{services.GetRequiredService<IOptions<HyperDriveRegistration>>().Value.SectionPath}:Engine is {kind}, but no {kind} engine is registered; " +
                $"register one with services.AddKeyedSingleton<ISweepEngine>(HyperDriveEngineKind.{kind}, ...) or choose another engine.");
    }

    internal static AzureMLSweepEngineOptions CreateEngineOptions(AzureMLEngineOptions options, TimeProvider? timeProvider)
    {
        var engine = new AzureMLSweepEngineOptions { RegisterBestModel = options.RegisterBestModel, TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.PollInterval is { } poll)
        {
            engine = engine with { PollInterval = poll };
        }

        if (options.MaxPollInterval is { } maxPoll)
        {
            engine = engine with { MaxPollInterval = maxPoll };
        }

        return engine;
    }

    internal static HyperDriveClient CreateClient(AzureMLEngineOptions options, string sectionPath, TimeProvider? timeProvider)
    {
        if (string.IsNullOrWhiteSpace(options.WorkspaceId))
        {
            throw new InvalidOperationException(
                $"{sectionPath}:AzureML:WorkspaceId is required to create the Azure ML client: set it to the workspace's resource id.");
        }

        var version = options.ApiVersion is { } apiVersion
            ? AzureMLServiceVersions.Find(apiVersion)
              ?? throw new InvalidOperationException($"{sectionPath}:AzureML:ApiVersion '{apiVersion}' is not supported.")
            : (HyperDriveClientOptions.ServiceVersion?)null;
        var clientOptions = version is { } v ? new HyperDriveClientOptions(v) : new HyperDriveClientOptions();
        if (options.Endpoint is { } endpoint)
        {
            clientOptions.ArmEndpoint = endpoint;
        }

        if (timeProvider is not null)
        {
            clientOptions.TimeProvider = timeProvider;
        }

        return new HyperDriveClient(options.WorkspaceId, options.Credential ?? new DefaultAzureCredential(), clientOptions);
    }
}
