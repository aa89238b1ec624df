using HyperDrive.Fluent.Local;

namespace HyperDrive.Fluent.DependencyInjection;

/// <summary>
/// The settings of <c>services.AddHyperDrive(...)</c>, bound from the <c>HyperDrive</c> configuration section:
/// <code>
/// "HyperDrive": { "Engine": "Local" | "AzureML", "Local": { ... }, "AzureML": { "WorkspaceId": "...", ... } }
/// </code>
/// Validated when the host starts; every problem names its configuration key.
/// </summary>
public sealed class HyperDriveOptions
{
    /// <summary>The configuration section <c>AddHyperDrive(IConfiguration)</c> is usually given: <c>HyperDrive</c>.</summary>
    public const string SectionName = "HyperDrive";

    /// <summary>Gets or sets which engine <c>ISweepEngine</c> resolves to.</summary>
    /// <value>The default value is <see cref="HyperDriveEngineKind.Local"/>.</value>
    public HyperDriveEngineKind Engine { get; set; } = HyperDriveEngineKind.Local;

    /// <summary>Gets the local engine's settings (section <c>Local</c>: <c>OutputRoot</c>, <c>MaxConcurrentTrials</c>, <c>DefaultSeed</c>,
    /// <c>PythonExecutable</c>, <c>StreamTrialOutput</c>, <c>MlflowPollInterval</c>). When the host registers a <see cref="TimeProvider"/>,
    /// the engine uses it unless code sets one.</summary>
    public LocalSweepEngineOptions Local { get; } = new();

    /// <summary>Gets the Azure ML engine's settings (section <c>AzureML</c>).</summary>
    public AzureMLEngineOptions AzureML { get; } = new();
}
