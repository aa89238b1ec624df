namespace HyperDrive.Fluent.Trials;

/// <summary>A data or model asset input.</summary>
/// <param name="Type">The asset type.</param>
/// <param name="Path">Where the asset is: a local path, an <c>azureml://</c> URI, a URL or an asset id.</param>
/// <param name="Mode">How the job reaches it; <see langword="null"/> for the service default.</param>
public sealed record AssetInput(AssetType Type, string Path, AssetMode? Mode = null) : JobInput;
