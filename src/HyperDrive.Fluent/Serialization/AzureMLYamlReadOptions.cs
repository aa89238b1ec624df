namespace HyperDrive.Fluent.Serialization;

/// <summary>Options for reading Azure ML CLI v2 YAML with <see cref="AzureMLYaml"/>.</summary>
public sealed class AzureMLYamlReadOptions
{
    /// <summary>Gets or sets the path of the YAML document: it is named in errors, and relative component files
    /// (<c>trial: ./train.yml</c>, <c>component: file:./predict.yml</c>) are resolved against its folder.</summary>
    /// <value>The default value is <see langword="null"/>: errors name <c>&lt;document&gt;</c> and relative component
    /// files resolve against the current directory. <see cref="AzureMLYaml.ReadFile"/> sets it to the file
    /// read.</value>
    public string? SourcePath { get; set; }

    /// <summary>Gets or sets what happens when a trial or step names a component file that does not exist.</summary>
    /// <value>The default value is <see cref="MissingComponentFileBehavior.Error"/>.</value>
    public MissingComponentFileBehavior MissingComponentFile { get; set; } = MissingComponentFileBehavior.Error;

    /// <summary>Gets or sets the bounds on the document (size, nesting depth, aliases); a document beyond them is
    /// refused with an <see cref="AzureMLFormatException"/>.</summary>
    /// <value>The default value is <see cref="AzureMLReadLimits.Default"/> (10 MB, 64 levels, 1,000 aliases adding at
    /// most 100,000 nodes).</value>
    public AzureMLReadLimits Limits { get; set; } = AzureMLReadLimits.Default;
}
