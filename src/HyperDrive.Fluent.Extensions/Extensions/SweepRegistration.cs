namespace HyperDrive.Fluent.Extensions;

/// <summary>A named definition added with <c>AddSweep</c> or <c>AddPipeline</c>; built on first use.</summary>
/// <param name="Name">The name the catalog knows it by.</param>
/// <param name="Define">Builds the definition.</param>
internal sealed record SweepRegistration(string Name, Func<IServiceProvider, JobDefinition> Define);
