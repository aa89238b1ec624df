using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Serialization;

/// <summary>The names Azure ML's two formats use for the model's enums (YAML snake_case, REST PascalCase).</summary>
internal static class WireNames
{
    private static readonly (AssetType Type, string Name)[] AssetTypes =
    [
        (AssetType.UriFolder, "uri_folder"),
        (AssetType.UriFile, "uri_file"),
        (AssetType.MLTable, "mltable"),
        (AssetType.MLFlowModel, "mlflow_model"),
        (AssetType.CustomModel, "custom_model"),
        (AssetType.TritonModel, "triton_model"),
    ];

    private static readonly (AssetMode Mode, string Yaml, string RestName)[] AssetModes =
    [
        (AssetMode.ReadOnlyMount, "ro_mount", "ReadOnlyMount"),
        (AssetMode.ReadWriteMount, "rw_mount", "ReadWriteMount"),
        (AssetMode.Download, "download", "Download"),
        (AssetMode.Direct, "direct", "Direct"),
        (AssetMode.Upload, "upload", "Upload"),
        (AssetMode.EvalMount, "eval_mount", "EvalMount"),
        (AssetMode.EvalDownload, "eval_download", "EvalDownload"),
    ];

    /// <summary>The distribution names, the same in YAML, REST and pipeline nodes, in the order error messages list
    /// them.</summary>
    public static readonly (string Name, DistributionKind Kind)[] DistributionKinds =
    [
        ("choice", DistributionKind.Choice), ("randint", DistributionKind.RandInt),
            ("uniform", DistributionKind.Uniform),
        ("quniform", DistributionKind.QUniform), ("loguniform", DistributionKind.LogUniform),
            ("qloguniform", DistributionKind.QLogUniform),
        ("normal", DistributionKind.Normal), ("qnormal", DistributionKind.QNormal),
            ("lognormal", DistributionKind.LogNormal),
        ("qlognormal", DistributionKind.QLogNormal),
    ];

    /// <summary>Parses a distribution name (case-insensitive); <see langword="null"/> when unknown.</summary>
    public static DistributionKind? ParseDistributionKind(string? name) =>
        DistributionKinds.Where(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)).Select(d =>
            (DistributionKind?)d.Kind).FirstOrDefault();

    /// <summary>The asset type's name, the same in YAML <c>type</c> and REST
    /// <c>jobInputType</c>/<c>jobOutputType</c>.</summary>
    public static string ToName(AssetType type) => AssetTypes.First(t => t.Type == type).Name;

    /// <summary>Parses an asset type name (case-insensitive); <see langword="null"/> when unknown.</summary>
    public static AssetType? ParseAssetType(string? name) =>
        AssetTypes.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).Select(t =>
            (AssetType?)t.Type).FirstOrDefault();

    /// <summary>The YAML mode name (<c>ro_mount</c>).</summary>
    public static string ToYaml(AssetMode mode) => AssetModes.First(m => m.Mode == mode).Yaml;

    /// <summary>The REST mode name (<c>ReadOnlyMount</c>).</summary>
    public static string ToRest(AssetMode mode) => AssetModes.First(m => m.Mode == mode).RestName;

    /// <summary>Parses a mode from either format's spelling (case-insensitive); <see langword="null"/> when
    /// unknown.</summary>
    public static AssetMode? ParseAssetMode(string? name) =>
        AssetModes.Where(m => string.Equals(m.Yaml, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.RestName, name, StringComparison.OrdinalIgnoreCase))
            .Select(m => (AssetMode?)m.Mode).FirstOrDefault();

    /// <summary>All YAML asset type names, for error messages.</summary>
    public static IEnumerable<string> AssetTypeNames => AssetTypes.Select(t => t.Name);

    /// <summary>All YAML mode names, for error messages.</summary>
    public static IEnumerable<string> AssetModeNames => AssetModes.Select(m => m.Yaml);
}
