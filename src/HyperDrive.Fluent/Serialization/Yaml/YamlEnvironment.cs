using HyperDrive.Fluent.Trials;
using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// A command's <c>environment</c>: a registered environment (<c>azureml:name:version</c>, <c>azureml:name@latest</c>,
/// <c>azureml://registries/...</c>), or one defined inline as a mapping (<c>image</c> or <c>build</c>,
/// <c>conda_file</c> as a path or a mapping, <c>name</c>/<c>version</c>, <c>description</c>, <c>tags</c>,
/// <c>os_type</c>).
/// </summary>
internal static class YamlEnvironment
{
    /// <summary>The keys of an inline environment (azure-ai-ml <c>_schema/assets/environment.py</c>:
    /// <c>AnonymousEnvironmentSchema</c> over <c>_BaseEnvironmentSchema</c> and <c>AssetSchema</c>).</summary>
    private static readonly string[] Keys =
        ["$schema", "name", "version", "description", "tags", "image", "conda_file", "build", "os_type"];

    private static readonly string[] BuildKeys = ["path", "dockerfile_path"];

    /// <summary>Reads <c>environment</c>: the reference, or the inline definition.</summary>
    public static (string? Reference, EnvironmentDefinition? Inline) Read(YamlReadContext context, YamlMap map)
    {
        if (map.Get("environment") is not YamlMappingNode node)
        {
            return (map.String("environment"), null);
        }

        var path = map.KeyPath("environment");
        var environment = context.Map(node, path, Keys);
        return (null, new EnvironmentDefinition
        {
            Name = context.Recover(() => environment.String("name"), null),
            Version = context.Recover(() => environment.String("version"), null),
            Description = context.Recover(() => environment.String("description"), null),
            Tags = context.Recover(() => environment.StringMap("tags"), EquatableMap<string>.Empty),
            Image = context.Recover(() => environment.String("image"), null),
            CondaFile = context.Recover(() => ReadCondaFile(context, environment), null),
            Build = context.Recover(() => environment.Get("build") is { } build
                ? ReadBuild(context, build, environment.KeyPath("build")) : null, null),
            OsType = context.Recover(() => environment.String("os_type"), null),
        });
    }

    public static void Write(YamlMappingNode map, string? environment, EnvironmentDefinition? inline)
    {
        if (inline is null)
        {
            Add(map, "environment", environment);
            return;
        }

        var node = new YamlMappingNode();
        Add(node, "name", inline.Name);
        Add(node, "version", inline.Version);
        Add(node, "description", inline.Description);
        Add(node, "tags", StringMap(inline.Tags));
        Add(node, "image", inline.Image);
        if (inline.Build is { } build)
        {
            var buildNode = new YamlMappingNode { { "path", Text(build.Path) } };
            Add(buildNode, "dockerfile_path", build.DockerfilePath);
            node.Add("build", buildNode);
        }

        if (inline.CondaFile is { } conda)
        {
            node.Add("conda_file", conda.Path is { } condaPath ? Text(condaPath) : ContentNode(conda.Content!));
        }

        Add(node, "os_type", inline.OsType);
        map.Add("environment", node);
    }

    private static CondaFile? ReadCondaFile(YamlReadContext context, YamlMap environment)
    {
        var node = environment.Get("conda_file");
        var path = environment.KeyPath("conda_file");
        switch (node)
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                return new CondaFile(null, YamlTextEmitter.Emit(mapping));
            case YamlScalarNode { Value: { Length: > 0 } relative }:
                // A path is relative to the YAML file that holds it (azure-ai-ml resolves it against the file's base
                // path); its text is read now so a component file elsewhere keeps its own conda file. A file that is
                // not there is read again when the environment is created (and reported then).
                var full = Path.GetFullPath(Path.Combine(context.BaseDirectory, relative));
                string? content = null;
                try
                {
                    content = File.Exists(full) ? File.ReadAllText(full) : null;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Unreadable now: kept as a path, and reported when the environment is created (it is read again
                    // then).
                    content = null;
                }

                return new CondaFile(relative, content);
            default:
                throw context.Error(
                    node, path,
                    "expected a conda file path (./conda.yaml) or a conda specification (a mapping with channels " +
                    $"and dependencies), got {YamlScalars.Describe(node)}.");
        }
    }

    private static EnvironmentBuild ReadBuild(YamlReadContext context, YamlNode node, string path)
    {
        var build = context.Map(node, path, BuildKeys);
        var buildPath = build.RequireString("path");
        if (string.IsNullOrWhiteSpace(buildPath))
        {
            throw context.Error(
                build.Get("path")
                ?? node, build.KeyPath("path"),
                "the build context path is empty; give the folder (or URL) that holds the Dockerfile.");
        }

        return new EnvironmentBuild(buildPath) { DockerfilePath = build.String("dockerfile_path") };
    }

    private static YamlMappingNode ContentNode(string content) =>
        YamlDocumentLoader.LoadMapping(content, null, out var problem)
        ?? throw new ArgumentException(
            $"environment.conda_file: the inline conda specification is not a YAML mapping ({problem}).",
            nameof(content));
}
