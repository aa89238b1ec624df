using System.Text.Json;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// Inputs and outputs in the REST model's shape, with camelCase names in a job body (<c>jobInputType</c>) or the
/// REST model's snake_case names in a pipeline node (<c>job_input_type</c>, contract §4). Literal values and
/// bindings are strings (<c>{"jobInputType": "literal", "value": "${{parent.inputs.x}}"}</c>).
/// </summary>
internal sealed class JobIoJson
{
    public static readonly JobIoJson Camel = new(snake: false);

    public static readonly JobIoJson Snake = new(snake: true);

    private JobIoJson(bool snake)
    {
        InputType = snake ? "job_input_type" : "jobInputType";
        OutputType = snake ? "job_output_type" : "jobOutputType";
        AssetName = snake ? "asset_name" : "assetName";
        AssetVersion = snake ? "asset_version" : "assetVersion";
    }

    private string InputType { get; }

    private string OutputType { get; }

    private string AssetName { get; }

    private string AssetVersion { get; }

    public void WriteInputs(Utf8JsonWriter writer, string propertyName, EquatableMap<JobInput> inputs)
    {
        writer.WriteStartObject(propertyName);
        foreach (var (name, input) in inputs)
        {
            writer.WriteStartObject(name);
            switch (input)
            {
                case LiteralInput literal:
                    writer.WriteString(InputType, "literal");
                    writer.WriteString("value", JsonNumbers.FormatLiteral(literal.Value));
                    break;
                case BindingInput binding:
                    writer.WriteString(InputType, "literal");
                    writer.WriteString("value", binding.Expression);
                    break;
                case AssetInput asset:
                    writer.WriteString(InputType, WireNames.ToName(asset.Type));
                    writer.WriteString("uri", asset.Path);
                    if (asset.Mode is { } mode)
                    {
                        writer.WriteString("mode", WireNames.ToRest(mode));
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown input type {input.GetType().Name}.");
            }

            if (input.Description is { } description)
            {
                writer.WriteString("description", description);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public void WriteOutputs(Utf8JsonWriter writer, string propertyName, EquatableMap<JobOutput> outputs)
    {
        writer.WriteStartObject(propertyName);
        foreach (var (name, output) in outputs)
        {
            writer.WriteStartObject(name);
            writer.WriteString(OutputType, WireNames.ToName(output.Type));
            if (output.Path is { } path)
            {
                writer.WriteString("uri", path);
            }

            if (output.Mode is { } mode)
            {
                writer.WriteString("mode", WireNames.ToRest(mode));
            }

            if (output.Description is { } description)
            {
                writer.WriteString("description", description);
            }

            // assetName/assetVersion: returned by the service (recorded at 2023-02-01-preview) and accepted by newer
            // api-versions; not in the 2024-04-01 definitions. Written only when the definition sets them.
            if (output.AssetName is { } assetName)
            {
                writer.WriteString(AssetName, assetName);
            }

            if (output.AssetVersion is { } assetVersion)
            {
                writer.WriteString(AssetVersion, assetVersion);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public EquatableMap<JobInput> ReadInputs(JsonElement obj, string name, JsonReadContext context, string path)
    {
        if (context.Object(obj, name, path) is not { } map)
        {
            return EquatableMap<JobInput>.Empty;
        }

        var mapPath = JsonReadContext.Join(path, name);
        var entries = new List<KeyValuePair<string, JobInput>>();
        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            entries.Add(new(entry.Name, ReadInput(entry.Value, context, JsonReadContext.Join(mapPath, entry.Name))));
        }

        return EquatableMap<JobInput>.Create(entries);
    }

    private JobInput ReadInput(JsonElement element, JsonReadContext context, string path)
    {
        context.ExpectKind(element, JsonValueKind.Object, path, $"an input object with \"{InputType}\"");
        var type =
            context.RequireString(
            element, InputType, path,
            $"Give the input's type: literal, {string.Join(", ", WireNames.AssetTypeNames)}.");
        var description = context.String(element, "description", path);
        JobInput input;
        if (string.Equals(type, "literal", StringComparison.OrdinalIgnoreCase))
        {
            var value = ReadLiteralValue(element, context, path);
            input = value.StartsWith("${{", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal)
                ? new BindingInput(value)
                : new LiteralInput(JsonNumbers.ParseLiteral(value));
        }
        else
        {
            var assetType = WireNames.ParseAssetType(type)
                ?? throw context.Fail(
                    JsonReadContext.Join(path, InputType),
                    $"unknown input type '{type}'; use literal, {string.Join(", ", WireNames.AssetTypeNames)}.");
            var uri =
                context.RequireString(
                element, "uri", path, "Give the asset's location (an azureml:// URI, a URL or an asset id).");
            input = new AssetInput(assetType, uri, ReadMode(element, context, path));
        }

        return input with { Description = description };
    }

    private static string ReadLiteralValue(JsonElement element, JsonReadContext context, string path)
    {
        if (!JsonReadContext.TryGet(element, "value", out var value))
        {
            throw context.Fail(
                JsonReadContext.Join(path, "value"), "is required for a literal input. Give the value as a string.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw context.Fail(
                JsonReadContext.Join(path, "value"), $"expected a string, found {JsonReadContext.Describe(value)}."),
        };
    }

    public EquatableMap<JobOutput> ReadOutputs(JsonElement obj, string name, JsonReadContext context, string path)
    {
        if (context.Object(obj, name, path) is not { } map)
        {
            return EquatableMap<JobOutput>.Empty;
        }

        var mapPath = JsonReadContext.Join(path, name);
        var entries = new List<KeyValuePair<string, JobOutput>>();
        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var itemPath = JsonReadContext.Join(mapPath, entry.Name);
            context.ExpectKind(entry.Value, JsonValueKind.Object, itemPath, $"an output object with \"{OutputType}\"");
            var type = context.String(entry.Value, OutputType, itemPath);
            var assetType = type is null
                ? AssetType.UriFolder
                : WireNames.ParseAssetType(type)
                    ?? throw context.Fail(
                    JsonReadContext.Join(itemPath, OutputType),
                    $"unknown output type '{type}'; use {string.Join(", ", WireNames.AssetTypeNames)}.");
            entries.Add(
                new(entry.Name,
                new JobOutput(assetType, context.String(entry.Value, "uri", itemPath),
                ReadMode(entry.Value, context, itemPath))
            {
                Description = context.String(entry.Value, "description", itemPath),
                AssetName = context.String(entry.Value, AssetName, itemPath),
                AssetVersion = context.String(entry.Value, AssetVersion, itemPath),
            }));
        }

        return EquatableMap<JobOutput>.Create(entries);
    }

    private static AssetMode? ReadMode(JsonElement element, JsonReadContext context, string path)
    {
        if (context.String(element, "mode", path) is not { } mode)
        {
            return null;
        }

        return WireNames.ParseAssetMode(mode)
            ?? throw context.Fail(
                JsonReadContext.Join(path, "mode"),
                $"unknown mode '{mode}'; use ReadOnlyMount, ReadWriteMount, Download, Direct, Upload, EvalMount or " +
                "EvalDownload.");
    }
}
