namespace HyperDrive.Fluent.Validation;

/// <summary>How serious a validation problem is.</summary>
public enum ValidationSeverity
{
    /// <summary>The definition works, but probably not as meant.</summary>
    Warning,

    /// <summary>Azure ML (or the local engine) would reject or misrun the definition.</summary>
    Error,
}
