using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>The document being read: its name for errors, the folder component files resolve against, and the options.</summary>
internal sealed class YamlReadContext
{
    public YamlReadContext(string? file, AzureMLYamlReadOptions options)
    {
        File = file;
        Options = options;
        BaseDirectory = file is null
            ? Directory.GetCurrentDirectory()
            : Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Gets the file name used in errors (<see langword="null"/> for a string document).</summary>
    public string? File { get; }

    /// <summary>Gets the folder relative component files are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>Gets the read options.</summary>
    public AzureMLYamlReadOptions Options { get; }

    /// <summary>An error pointing at <paramref name="node"/>.</summary>
    public AzureMLFormatException Error(YamlNode? node, string? key, string problem, Exception? inner = null) =>
        new(problem, File, node is null ? null : (int)node.Start.Line, node is null ? null : (int)node.Start.Column, key, inner);

    /// <summary>The node as a mapping, or an error.</summary>
    public YamlMappingNode Mapping(YamlNode node, string key) =>
        node as YamlMappingNode ?? throw Error(node, key, $"expected a mapping (key: value lines), got {YamlScalars.Describe(node)}.");

    /// <summary>The node as a list, or an error.</summary>
    public YamlSequenceNode Sequence(YamlNode node, string key) =>
        node as YamlSequenceNode ?? throw Error(node, key, $"expected a list, got {YamlScalars.Describe(node)}.");

    /// <summary>Reads a mapping, rejecting keys outside <paramref name="allowed"/>.</summary>
    public YamlMap Map(YamlNode node, string path, IReadOnlyList<string> allowed) => new(this, Mapping(node, path), path, allowed);

    /// <summary>Joins a key path.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
