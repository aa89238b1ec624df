namespace HyperDrive.Fluent.Trials;

/// <summary>A declared input of a command component (YAML <c>inputs: {name: {type, default, optional,
/// description}}</c>).</summary>
/// <param name="Type">The declared type: <c>integer</c>, <c>number</c>, <c>string</c>, <c>boolean</c>, or an asset type
/// such as <c>uri_folder</c>.</param>
public sealed record ComponentInput(string Type)
{
    /// <summary>Gets the default value (string, long, double or bool), if any.</summary>
    public object? Default { get; init; }

    /// <summary>Gets whether the input may be left unset.</summary>
    public bool? Optional { get; init; }

    /// <summary>Gets an optional description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the asset mode, for asset-typed inputs.</summary>
    public AssetMode? Mode { get; init; }
}
