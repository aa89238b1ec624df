using HyperDrive.Fluent.Local;

namespace HyperDrive.Fluent.Extensions;

/// <summary>
/// The settings of <c>services.AddHyperDrive(...)</c>, bound from the <c>HyperDrive</c> configuration section:
/// <code>
/// "HyperDrive": { "Engine": "Local", "Local": { "OutputRoot": "...", "MaxConcurrentTrials": 2 } }
/// </code>
/// Validated when the host starts; every problem names its configuration key.
/// </summary>
public sealed class HyperDriveOptions
{
    /// <summary>The configuration section <c>AddHyperDrive(IConfiguration)</c> is usually given:
    /// <c>HyperDrive</c>.</summary>
    public const string SectionName = "HyperDrive";

    /// <summary>The name the local engine is registered under: <c>Local</c>.</summary>
    public const string LocalEngine = "Local";

    /// <summary>Gets or sets the name of the engine <c>ISweepEngine</c> resolves to: a keyed <c>ISweepEngine</c>
    /// registered under that name (<see cref="LocalEngine"/> by <c>AddHyperDrive</c>; <c>AzureML</c> by
    /// <c>services.AddAzureMLSweepEngine(...)</c> of the HyperDrive.Fluent.Azure package; any engine of your own with
    /// <c>services.AddKeyedSingleton&lt;ISweepEngine&gt;("name", ...)</c>). Names are compared exactly
    /// (ordinal).</summary>
    /// <value>The default value is <see cref="LocalEngine"/>.</value>
    public string Engine { get; set; } = LocalEngine;

    /// <summary>Gets the local engine's settings (section <c>Local</c>: <c>OutputRoot</c>, <c>MaxConcurrentTrials</c>,
    /// <c>DefaultSeed</c>, <c>PythonExecutable</c>, <c>StreamTrialOutput</c>, <c>MlflowPollInterval</c>). When the host
    /// registers a <see cref="TimeProvider"/>, the engine uses it unless code sets one.</summary>
    public LocalSweepEngineOptions Local { get; } = new();
}
