using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Extensions;

/// <summary>Registers HyperDrive.Fluent in a service collection.</summary>
public static class HyperDriveServiceCollectionExtensions
{
    /// <summary>
    /// Registers HyperDrive.Fluent: <c>ISweepEngine</c> (the engine chosen by <see cref="HyperDriveOptions.Engine"/>,
    /// wrapped so it logs, traces and counts), <see cref="ISweepCatalog"/> for named definitions, and
    /// <see cref="HyperDriveOptions"/> validated when the host starts. Nothing is created or read until it is first
    /// resolved; calling this more than once is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options (applied after earlier configuration); <see langword="null"/> for
    /// none.</param>
    /// <returns>A builder to choose the engine and add named sweeps.</returns>
    public static IHyperDriveBuilder AddHyperDrive(
        this IServiceCollection services, Action<HyperDriveOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new HyperDriveBuilder(services);
    }

    /// <summary>
    /// Registers HyperDrive.Fluent with its options bound from a configuration section, usually
    /// <c>configuration.GetSection("HyperDrive")</c>: <c>{ "Engine": "Local", "Local": { ... } }</c> (<c>Engine</c>
    /// names a registered engine; the Azure ML engine of HyperDrive.Fluent.Azure reads its own section, see
    /// <c>AddAzureMLSweepEngine</c>). Validation messages name keys under the section's path. See
    /// <see cref="AddHyperDrive(IServiceCollection, Action{HyperDriveOptions}?)"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section; read when the options are first needed, and re-read on
    /// reload.</param>
    /// <returns>A builder to choose the engine and add named sweeps.</returns>
    public static IHyperDriveBuilder AddHyperDrive(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services);
        services.AddOptions<HyperDriveOptions>().Bind(configuration);
        var path = (configuration as IConfigurationSection)?.Path;
        if (!string.IsNullOrEmpty(path))
        {
            services.Configure<HyperDriveRegistration>(r => r.SectionPath = path);
        }

        return new HyperDriveBuilder(services);
    }

    private static void AddCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(HyperDriveMarker)))
        {
            return;
        }

        services.AddSingleton<HyperDriveMarker>();
        services.AddOptions<HyperDriveOptions>().ValidateOnStart();
        services.AddOptions<SweepCatalogCheck>().ValidateOnStart();
        services.AddOptions<EngineCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HyperDriveOptions>,
            HyperDriveOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SweepCatalogCheck>,
            HyperDriveRegistrationValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EngineCheck>, EngineCheckValidator>());
        services.TryAddSingleton<ISweepCatalog, SweepCatalog>();
        HyperDriveEngines.Add(services);
    }

    /// <summary>Marks a collection HyperDrive.Fluent is registered in, so a second <c>AddHyperDrive</c> adds nothing
    /// twice.</summary>
    private sealed class HyperDriveMarker;
}
