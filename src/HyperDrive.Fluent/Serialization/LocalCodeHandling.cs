namespace HyperDrive.Fluent.Serialization;

/// <summary>What <see cref="AzureMLJson"/> does with a trial's <c>code</c> that is a local folder with no entry in
/// <see cref="AzureMLJsonOptions.CodeIds"/>. REST has no field for a local folder: it takes the ARM id of an uploaded
/// code asset version (<c>codeId</c>).</summary>
public enum LocalCodeHandling
{
    /// <summary>Throw an <see cref="InvalidOperationException"/> naming the field (<c>trial.code</c>) and the fix (the
    /// default).</summary>
    Reject,

    /// <summary>Leave <c>codeId</c> out of the body, for tools that only show or convert a definition and never submit
    /// it (the written body then does not say where the code comes from).</summary>
    Omit,
}
