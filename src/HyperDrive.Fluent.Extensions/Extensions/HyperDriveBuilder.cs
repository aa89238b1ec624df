using Microsoft.Extensions.DependencyInjection;

namespace HyperDrive.Fluent.Extensions;

/// <summary>The <see cref="IHyperDriveBuilder"/> returned by <c>AddHyperDrive</c>.</summary>
internal sealed class HyperDriveBuilder(IServiceCollection services) : IHyperDriveBuilder
{
    public IServiceCollection Services { get; } = services;
}
