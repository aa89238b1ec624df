using System.Diagnostics.Metrics;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Extensions;

/// <summary>Registers the local engine under its name and <c>ISweepEngine</c> as the engine
/// <see cref="HyperDriveOptions.Engine"/> names, as lazy singletons; nothing is created until resolved.</summary>
internal static class HyperDriveEngines
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<HyperDriveOptions>().PostConfigure<IServiceProvider>((options, provider) =>
        {
            if (ReferenceEquals(options.Local.TimeProvider, TimeProvider.System)
                && provider.GetService<TimeProvider>() is { } clock)
            {
                options.Local.TimeProvider = clock;
            }
        });
        services.TryAddSingleton(sp =>
            new LocalSweepEngine(sp.GetRequiredService<IOptions<HyperDriveOptions>>().Value.Local));
        services.TryAddKeyedSingleton<ISweepEngine>(HyperDriveOptions.LocalEngine, (sp, _) =>
            sp.GetRequiredService<LocalSweepEngine>());
        services.TryAddSingleton<ISweepEngine>(sp => new InstrumentedSweepEngine(
            SelectEngine(sp),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>()));
    }

    private static ISweepEngine SelectEngine(IServiceProvider services)
    {
        var name = services.GetRequiredService<IOptions<HyperDriveOptions>>().Value.Engine;
        return services.GetKeyedService<ISweepEngine>(name)
            ?? throw new InvalidOperationException(
                NotRegistered(services.GetRequiredService<IOptions<HyperDriveRegistration>>().Value.SectionPath, name));
    }

    /// <summary>The message for an engine name nothing is registered under.</summary>
    internal static string NotRegistered(string section, string name) =>
        $"{section}:Engine is '{name}', but no engine named '{name}' is registered: register one with " +
        $"services.AddKeyedSingleton<ISweepEngine>(\"{name}\", ...) (for Azure ML, " +
            "services.AddAzureMLSweepEngine(...) from the " +
        $"HyperDrive.Fluent.Azure package registers 'AzureML'), or set Engine to {HyperDriveOptions.LocalEngine}.";
}
