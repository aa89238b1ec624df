namespace HyperDrive.Fluent.Serialization;

/// <summary>What <see cref="AzureMLYaml"/> does with a component file reference that does not resolve to a
/// file.</summary>
public enum MissingComponentFileBehavior
{
    /// <summary>Fail with an <see cref="AzureMLFormatException"/> naming the missing file and where it is
    /// referenced.</summary>
    Error,

    /// <summary>Keep the reference unresolved: the trial (or step) is a <c>CommandComponent</c> whose only field is
    /// <c>Source</c>, the reference as written; writing the definition writes the reference back.</summary>
    KeepReference,
}
