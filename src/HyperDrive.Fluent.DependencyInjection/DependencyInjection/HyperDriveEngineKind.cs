namespace HyperDrive.Fluent.DependencyInjection;

/// <summary>Which engine <c>ISweepEngine</c> resolves to (configuration key <c>HyperDrive:Engine</c>).</summary>
public enum HyperDriveEngineKind
{
    /// <summary>The local engine: trials run on this machine (the default).</summary>
    Local,

    /// <summary>The Azure ML engine: sweeps are submitted to an Azure ML workspace.</summary>
    AzureML,
}
