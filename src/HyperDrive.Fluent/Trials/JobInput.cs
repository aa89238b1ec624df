namespace HyperDrive.Fluent.Trials;

/// <summary>An input of a job, sweep or pipeline step: a literal, a data/model asset, or a binding to another
/// value.</summary>
public abstract record JobInput
{
    private protected JobInput()
    {
    }

    /// <summary>Gets an optional description.</summary>
    public string? Description { get; init; }

    /// <summary>A literal value (string, integer, real or boolean).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The input.</returns>
    public static LiteralInput Literal(object value) => new(value);

    /// <summary>A single file.</summary>
    /// <param name="path">A local path, an <c>azureml://</c> URI, an https/wasbs URL or an asset id.</param>
    /// <param name="mode">How the job reaches it; <see langword="null"/> for the service default.</param>
    /// <returns>The input.</returns>
    public static AssetInput UriFile(string path, AssetMode? mode = null) => new(AssetType.UriFile, path, mode);

    /// <summary>A folder.</summary>
    /// <param name="path">A local path, an <c>azureml://</c> URI, an https/wasbs URL or an asset id.</param>
    /// <param name="mode">How the job reaches it; <see langword="null"/> for the service default.</param>
    /// <returns>The input.</returns>
    public static AssetInput UriFolder(string path, AssetMode? mode = null) => new(AssetType.UriFolder, path, mode);

    /// <summary>A table (<c>mltable</c>).</summary>
    /// <param name="path">The table's location.</param>
    /// <param name="mode">How the job reaches it.</param>
    /// <returns>The input.</returns>
    public static AssetInput MLTable(string path, AssetMode? mode = null) => new(AssetType.MLTable, path, mode);

    /// <summary>An MLflow model.</summary>
    /// <param name="path">The model's location.</param>
    /// <param name="mode">How the job reaches it.</param>
    /// <returns>The input.</returns>
    public static AssetInput MLFlowModel(string path, AssetMode? mode = null) => new(AssetType.MLFlowModel, path, mode);

    /// <summary>A custom model.</summary>
    /// <param name="path">The model's location.</param>
    /// <param name="mode">How the job reaches it.</param>
    /// <returns>The input.</returns>
    public static AssetInput CustomModel(string path, AssetMode? mode = null) => new(AssetType.CustomModel, path, mode);

    /// <summary>A binding expression such as <c>${{parent.inputs.data}}</c> or
    /// <c>${{parent.jobs.prep.outputs.data}}</c>.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>The input.</returns>
    public static BindingInput Binding(string expression) => new(expression);
}
