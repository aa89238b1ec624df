namespace HyperDrive.Fluent.Validation;

/// <summary>Where a definition is meant to run, which decides a few rules.</summary>
public enum ValidationTarget
{
    /// <summary>Rules that hold everywhere; Azure-only requirements (environment, compute) are warnings.</summary>
    Portable,

    /// <summary>Azure ML: an environment and a compute are required.</summary>
    AzureML,
}
