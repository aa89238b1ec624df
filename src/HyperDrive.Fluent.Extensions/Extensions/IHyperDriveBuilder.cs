using Microsoft.Extensions.DependencyInjection;

namespace HyperDrive.Fluent.Extensions;

/// <summary>Configures HyperDrive.Fluent in a service collection; returned by <c>services.AddHyperDrive(...)</c>. The
/// methods that choose the engine and add named sweeps are extension methods in
/// <see cref="HyperDriveBuilderExtensions"/>.</summary>
public interface IHyperDriveBuilder
{
    /// <summary>Gets the service collection HyperDrive.Fluent is registered in.</summary>
    IServiceCollection Services { get; }
}
