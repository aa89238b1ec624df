namespace HyperDrive.Fluent.Trials;

/// <summary>An output of a job or step (Azure: <c>JobOutput</c>). An empty output is a read-write-mounted
/// folder.</summary>
/// <param name="Type">The asset type.</param>
/// <param name="Path">Where to write it; <see langword="null"/> for the service default.</param>
/// <param name="Mode">How the job writes it; <see langword="null"/> for the service default.</param>
public sealed record JobOutput(AssetType Type = AssetType.UriFolder, string? Path = null, AssetMode? Mode = null)
{
    /// <summary>Gets an output given with no settings at all (YAML <c>model_output:</c>). On a pipeline step it leaves
    /// the output to the step's component, whose declared type (e.g. <c>mlflow_model</c>), path and mode apply, and the
    /// step's REST body leaves it out, as azure-ai-ml does (<c>NodeIOMixin._build_outputs</c> drops outputs that are
    /// not configured); on a job it is a <c>uri_folder</c>, as azure-ai-ml writes it (<c>to_rest_data_outputs</c>: a
    /// <c>None</c> output becomes a <c>UriFolderJobOutput</c> with no mode).</summary>
    public static JobOutput Unconfigured { get; } = new() { IsUnconfigured = true };

    /// <summary>Gets whether this is <see cref="Unconfigured"/>: the output was named with no settings.</summary>
    public bool IsUnconfigured { get; private init; }

    /// <summary>Gets an optional description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the name to register the output as a data or model asset under.</summary>
    public string? AssetName { get; init; }

    /// <summary>Gets the asset version to register.</summary>
    public string? AssetVersion { get; init; }

    /// <summary>A folder output.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="mode">How.</param>
    /// <returns>The output.</returns>
    public static JobOutput UriFolder(string? path = null, AssetMode? mode = null) =>
        new(AssetType.UriFolder, path, mode);

    /// <summary>A single-file output.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="mode">How.</param>
    /// <returns>The output.</returns>
    public static JobOutput UriFile(string? path = null, AssetMode? mode = null) => new(AssetType.UriFile, path, mode);

    /// <summary>An MLflow model output.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="mode">How.</param>
    /// <returns>The output.</returns>
    public static JobOutput MLFlowModel(string? path = null, AssetMode? mode = null) =>
        new(AssetType.MLFlowModel, path, mode);

    /// <summary>A custom model output.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="mode">How.</param>
    /// <returns>The output.</returns>
    public static JobOutput CustomModel(string? path = null, AssetMode? mode = null) =>
        new(AssetType.CustomModel, path, mode);
}
