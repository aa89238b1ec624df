using HyperDrive.Fluent.Trials;
using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// A job's <c>inputs</c> (literals, <c>{value, description}</c>, assets <c>{type, path, mode}</c>, bindings
/// <c>${{parent...}}</c>) and <c>outputs</c> (<c>{type, path, mode, name, version}</c>, or nothing), and a command
/// component's declared inputs (<c>{type, default, optional, description, mode}</c>).
/// </summary>
internal static class YamlJobIo
{
    private const string ParentBindingPrefix = "${{";

    private static readonly string[] JobInputKeys = ["type", "path", "mode", "value", "description"];
    private static readonly string[] JobOutputKeys = ["type", "path", "mode", "description", "name", "version"];
    private static readonly string[] ComponentInputKeys = ["type", "default", "optional", "description", "mode"];

    // ---------------------------------------------------------------- job inputs

    public static EquatableMap<JobInput> ReadInputs(YamlReadContext context, YamlNode? node, string path) =>
        node is null ? EquatableMap<JobInput>.Empty
            : EquatableMap<JobInput>.Create(context.Entries(node, path, (n, p) => ReadInput(context, n, p)));

    public static YamlMappingNode? WriteInputs(EquatableMap<JobInput> inputs) => Map(inputs, WriteInput);

    private static JobInput ReadInput(YamlReadContext context, YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode s when YamlScalars.IsNull(s):
                throw context.Error(
                    node, path,
                    "the input has no value; give a literal (42, \"text\"), {value: ...}, {type: uri_folder, path: " +
                    "...} or a binding ${{parent.inputs.x}}.");
            case YamlScalarNode s:
                return ScalarInput(context, s, path);
            case YamlMappingNode:
                var map = context.Map(node, path, JobInputKeys);
                var description = map.String("description");
                if (map.Get("value") is { } valueNode)
                {
                    foreach (var key in new[] { "path", "mode" })
                    {
                        if (map.Has(key))
                        {
                            throw context.Error(
                                map.GetRaw(key), map.KeyPath(key),
                                $"'{key}' cannot be used with 'value'; a literal input has only a value (and a " +
                                "description).");
                        }
                    }

                    if (map.String("type") is { } literalType
                        && !YamlNames.LiteralInputTypes.Contains(literalType, StringComparer.Ordinal))
                    {
                        throw context.Error(
                            map.Get("type"), map.KeyPath("type"),
                            "a literal input's type must be one of " +
                            $"{string.Join(", ", YamlNames.LiteralInputTypes)}, got '{literalType}'.");
                    }

                    var literal = valueNode is YamlScalarNode vs
                        ? ScalarInput(context, vs, map.KeyPath("value"))
                        : throw context.Error(
                            valueNode, map.KeyPath("value"),
                            $"expected a string, number or boolean, got {YamlScalars.Describe(valueNode)}.");
                    return literal with { Description = description };
                }

                var type = map.Has("type") ? map.Choose("type", YamlNames.AssetTypes, "input type")
                    : AssetType.UriFolder;
                var assetPath = map.RequireString("path");
                var mode = map.Has("mode") ? map.Choose("mode", YamlNames.InputModes, "input mode") : (AssetMode?)null;
                return new AssetInput(type, assetPath, mode) { Description = description };
            default:
                throw context.Error(
                    node, path, $"expected a literal, a mapping or a binding, got {YamlScalars.Describe(node)}.");
        }
    }

    private static JobInput ScalarInput(YamlReadContext context, YamlScalarNode scalar, string path)
    {
        var value = YamlScalars.Resolve(scalar) ?? throw new InvalidOperationException(path);
        if (value is double d && !double.IsFinite(d))
        {
            throw context.Error(
                scalar, path,
                "a literal input must be a finite number (1e400 is beyond a double); quote it to pass it as text.");
        }

        return value is string text && text.TrimStart().StartsWith(ParentBindingPrefix, StringComparison.Ordinal)
            ? new BindingInput(text)
            : new LiteralInput(value);
    }

    private static YamlNode WriteInput(JobInput input)
    {
        switch (input)
        {
            case LiteralInput literal when literal.Description is null:
                return Value(literal.Value);
            case LiteralInput literal:
                return new YamlMappingNode
                    { { "value", Value(literal.Value) }, { "description", Text(literal.Description!) } };
            case BindingInput binding when binding.Description is null:
                return Text(binding.Expression);
            case BindingInput binding:
                return new YamlMappingNode
                    { { "value", Text(binding.Expression) }, { "description", Text(binding.Description!) } };
            case AssetInput asset:
                var map =
                    new YamlMappingNode
                    { { "type", Text(WireNames.ToName(asset.Type)) }, { "path", Text(asset.Path) } };
                if (asset.Mode is { } mode)
                {
                    map.Add("mode", Text(WireNames.ToYaml(mode)));
                }

                Add(map, "description", asset.Description);
                return map;
            default:
                throw new ArgumentException($"Unsupported input type {input.GetType().Name}.", nameof(input));
        }
    }

    // ---------------------------------------------------------------- outputs

    public static EquatableMap<JobOutput> ReadOutputs(YamlReadContext context, YamlNode? node, string path) =>
        node is null ? EquatableMap<JobOutput>.Empty
            : EquatableMap<JobOutput>.Create(context.Entries(node, path, (n, p) => ReadOutput(context, n, p)));

    public static YamlMappingNode? WriteOutputs(EquatableMap<JobOutput> outputs) => Map(outputs, WriteOutput);

    private static JobOutput ReadOutput(YamlReadContext context, YamlNode node, string path)
    {
        if (YamlScalars.IsNull(node))
        {
            return JobOutput.Unconfigured;
        }

        var map = context.Map(node, path, JobOutputKeys);
        return new JobOutput(
            map.Has("type") ? map.Choose("type", YamlNames.AssetTypes, "output type") : AssetType.UriFolder,
            map.String("path"),
            map.Has("mode") ? map.Choose("mode", YamlNames.OutputModes, "output mode") : null)
        {
            Description = map.String("description"),
            AssetName = map.String("name"),
            AssetVersion = map.String("version"),
        };
    }

    private static YamlNode WriteOutput(JobOutput output)
    {
        // YAML null: the emitter would quote an empty plain value ('' is a string, not "no settings").
        if (output.IsUnconfigured)
        {
            return new YamlScalarNode("null") { Style = YamlDotNet.Core.ScalarStyle.Plain };
        }

        var entry = new YamlMappingNode { { "type", Text(WireNames.ToName(output.Type)) } };
        Add(entry, "path", output.Path);
        if (output.Mode is { } mode)
        {
            entry.Add("mode", Text(WireNames.ToYaml(mode)));
        }

        Add(entry, "description", output.Description);
        Add(entry, "name", output.AssetName);
        Add(entry, "version", output.AssetVersion);
        return entry;
    }

    // ---------------------------------------------------------------- a component's declared inputs

    public static EquatableMap<ComponentInput> ReadDeclaredInputs(
        YamlReadContext context, YamlNode? node, string path) =>
        node is null
            ? EquatableMap<ComponentInput>.Empty
            : EquatableMap<ComponentInput>.Create(
                context.Entries(node, path, (n, p) => ReadDeclaredInput(context, n, p)));

    public static YamlMappingNode? WriteDeclaredInputs(EquatableMap<ComponentInput> inputs) =>
        Map(inputs, WriteDeclaredInput);

    private static ComponentInput ReadDeclaredInput(YamlReadContext context, YamlNode node, string path)
    {
        var map = context.Map(node, path, ComponentInputKeys);
        var type = map.RequireString("type");
        if (!YamlNames.LiteralInputTypes.Contains(type, StringComparer.Ordinal)
            && WireNames.ParseAssetType(type) is null)
        {
            throw context.Error(
                map.Get("type"),
                map.KeyPath("type"),
                $"unknown input type '{type}'; valid values: " +
                    $"{string.Join(", ", YamlNames.LiteralInputTypes.Concat(WireNames.AssetTypeNames))}.");
        }

        object? defaultValue = null;
        if (map.Get("default") is { } d)
        {
            defaultValue = d is YamlScalarNode ds
                ? YamlScalars.Resolve(ds)
                : throw context.Error(
                    d, map.KeyPath("default"), $"expected a string, number or boolean, got {YamlScalars.Describe(d)}.");
        }

        return new ComponentInput(type)
        {
            Default = defaultValue,
            Optional = map.Bool("optional"),
            Description = map.String("description"),
            Mode = map.Has("mode") ? map.Choose("mode", YamlNames.InputModes, "input mode") : null,
        };
    }

    private static YamlMappingNode WriteDeclaredInput(ComponentInput input)
    {
        var entry = new YamlMappingNode { { "type", Text(input.Type) } };
        if (input.Default is { } value)
        {
            entry.Add("default", Value(value));
        }

        Add(entry, "optional", input.Optional);
        Add(entry, "description", input.Description);
        if (input.Mode is { } mode)
        {
            entry.Add("mode", Text(WireNames.ToYaml(mode)));
        }

        return entry;
    }
}
