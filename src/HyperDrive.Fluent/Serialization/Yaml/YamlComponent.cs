using HyperDrive.Fluent.Trials;
using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// What a trial or a command step runs: a command component given inline, as a component file (<c>./train.yml</c>,
/// <c>file:./train.yml</c>, read relative to the referencing file) or as a registered component
/// (<c>azureml:name:version</c>, kept as a reference); and the command fields an inline command job shares with a
/// component (command, code, environment and its variables, distribution, resources).
/// </summary>
internal static class YamlComponent
{
    /// <summary>The keys of a command component: the CLI v2 commandComponent schema, as azure-ai-ml reads it
    /// (<c>_schema/component/component.py</c> ComponentSchema: name, version, display_name, description, tags,
    /// is_deterministic, inputs, outputs; <c>command_component.py</c> CommandComponentSchema: type, command, code,
    /// environment, resources, distribution, properties, additional_includes). <c>environment_variables</c> is kept
    /// (the schema excludes it from components, but files in the wild carry it and earlier readers accepted
    /// it).</summary>
    public static readonly string[] Keys =
        ["$schema", "type", "name", "version", "display_name", "description", "tags", "is_deterministic", "properties",
            "inputs", "outputs", "code", "environment", "command", "environment_variables", "distribution", "resources",
            "additional_includes"];

    /// <summary>The command fields, which a command job with <c>component:</c> must not also set.</summary>
    public static readonly string[] CommandFieldKeys =
        ["command", "code", "environment", "environment_variables", "distribution"];

    private static readonly string[] ResourcesKeys =
        ["instance_count", "instance_type", "shm_size", "docker_args", "properties"];
    private static readonly string[] ProcessDistributionKeys = ["type", "process_count_per_instance"];
    private static readonly string[] TensorFlowKeys = ["type", "worker_count", "parameter_server_count"];

    // ---------------------------------------------------------------- component or reference

    public static CommandComponent ReadComponentOrReference(YamlReadContext context, YamlNode node, string path)
    {
        if (node is YamlMappingNode)
        {
            return ReadComponent(context, node, path);
        }

        if (node is not YamlScalarNode { Value: { Length: > 0 } text } scalar)
        {
            throw context.Error(
                node, path,
                "expected a command component (a mapping), a component file (./train.yml) or a registered component " +
                $"(azureml:name:version), got {YamlScalars.Describe(node)}.");
        }

        if (text.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase))
        {
            return new CommandComponent { ComponentId = text };
        }

        var relative = text.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? text[5..] : text;
        var full = Path.GetFullPath(Path.Combine(context.BaseDirectory, relative));
        if (!File.Exists(full))
        {
            if (context.Options.MissingComponentFile == MissingComponentFileBehavior.KeepReference)
            {
                return new CommandComponent { Source = text };
            }

            throw context.Error(
                scalar,
                path,
                $"the component file '{relative}' does not exist (looked for {full}). Fix the path (it is relative " +
                    "to the referencing YAML file), "
                + "add the file, or read with AzureMLYamlReadOptions.MissingComponentFile = KeepReference to keep " +
                    "the reference unresolved.");
        }

        var componentContext = context.ForFile(full);
        string componentText;
        try
        {
            componentText = File.ReadAllText(full);
        }
        catch (IOException ex)
        {
            throw context.Error(scalar, path, $"the component file '{relative}' could not be read: {ex.Message}", ex);
        }

        var root = YamlDocumentLoader.Load(componentText, componentContext);
        return ReadComponent(componentContext, root, string.Empty) with { Source = text };
    }

    /// <summary>Whether the component is written as a reference (a file it came from, or a registered component
    /// id).</summary>
    public static bool IsReference(CommandComponent component, string path)
    {
        if (component.Source is not null)
        {
            return true;
        }

        if (component.ComponentId is null)
        {
            return false;
        }

        if (component with { ComponentId = null, Resources = null } != new CommandComponent())
        {
            throw new ArgumentException(
                $"'{path}' refers to the registered component '{component.ComponentId}' and also defines a command, " +
                    "code, environment or declarations; "
                + "CLI v2 YAML can hold only one of them. Clear ComponentId to write the component inline.",
                nameof(component));
        }

        return true;
    }

    public static YamlScalarNode WriteReference(CommandComponent component) =>
        Text(component.Source ?? Json.ArmIds.ToYamlReference(component.ComponentId!));

    // ---------------------------------------------------------------- inline component

    public static CommandComponent ReadComponent(YamlReadContext context, YamlNode node, string path)
    {
        var map = context.Map(node, path, Keys);
        if (map.Get("type") is { } typeNode
            && !string.Equals(map.String("type"), "command", StringComparison.OrdinalIgnoreCase))
        {
            throw context.Error(
                typeNode, map.KeyPath("type"),
                $"only command components can run here, got type {YamlScalars.Describe(typeNode)}; use type: command.");
        }

        return ReadCommandFields(context, map) with
        {
            Inputs = context.Recover(() =>
                YamlJobIo.ReadDeclaredInputs(context, map.Get("inputs"), map.KeyPath("inputs")),
                EquatableMap<ComponentInput>.Empty),
            Outputs =
                context.Recover(() => YamlJobIo.ReadOutputs(context, map.Get("outputs"), map.KeyPath("outputs")),
                EquatableMap<JobOutput>.Empty),
            Name = context.Recover(() => map.String("name"), null),
            Version = context.Recover(() => map.String("version"), null),
            DisplayName = context.Recover(() => map.String("display_name"), null),
            Description = context.Recover(() => map.String("description"), null),
            Tags = context.Recover(() => map.StringMap("tags"), EquatableMap<string>.Empty),
            Properties = context.Recover(() => map.StringMap("properties"), EquatableMap<string>.Empty),
            IsDeterministic = context.Recover(() => map.Bool("is_deterministic"), null),
            AdditionalIncludes =
                context.Recover(() => ReadStringList(context, map, "additional_includes"), EquatableList<string>.Empty),
        };
    }

    private static EquatableList<string> ReadStringList(YamlReadContext context, YamlMap map, string key)
    {
        if (map.Get(key) is not { } node)
        {
            return EquatableList<string>.Empty;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw context.Error(node, map.KeyPath(key), $"expected a list of paths, got {YamlScalars.Describe(node)}.");
        }

        var items = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            items.Add(sequence.Children[i] is YamlScalarNode { Value: { } text }
                ? text
                : throw context.Error(
                    sequence.Children[i], $"{map.KeyPath(key)}[{i}]",
                    $"expected a path, got {YamlScalars.Describe(sequence.Children[i])}."));
        }

        return EquatableList<string>.Create(items);
    }

    /// <summary>Whether the component has more than the command fields, so a command job must write it under
    /// <c>component:</c>.</summary>
    public static bool HasDeclarations(CommandComponent component) =>
        component.Inputs.Count > 0 || component.Outputs.Count > 0 || component.Name is not null
            || component.Version is not null
        || component.DisplayName is not null || component.Description is not null || component.Tags.Count > 0
            || component.Properties.Count > 0
        || component.IsDeterministic is not null || component.AdditionalIncludes.Count > 0;

    public static YamlMappingNode WriteComponent(CommandComponent component)
    {
        var map = new YamlMappingNode();
        Add(map, "name", component.Name);
        Add(map, "version", component.Version);
        Add(map, "display_name", component.DisplayName);
        Add(map, "description", component.Description);
        Add(map, "tags", StringMap(component.Tags));
        Add(map, "is_deterministic", component.IsDeterministic);
        Add(map, "properties", StringMap(component.Properties));
        WriteCommandFields(map, component);
        if (component.AdditionalIncludes.Count > 0)
        {
            var includes = new YamlSequenceNode();
            foreach (var include in component.AdditionalIncludes)
            {
                includes.Add(Text(include));
            }

            map.Add("additional_includes", includes);
        }

        Add(map, "inputs", YamlJobIo.WriteDeclaredInputs(component.Inputs));
        Add(map, "outputs", YamlJobIo.WriteOutputs(component.Outputs));
        return map;
    }

    // ---------------------------------------------------------------- command fields

    /// <summary>What an inline command job and a command component share: command, code, environment and its variables,
    /// distribution, resources.</summary>
    public static CommandComponent ReadCommandFields(YamlReadContext context, YamlMap map)
    {
        var (environment, inline) = context.Recover(() => YamlEnvironment.Read(context, map), (null, null));
        return new()
        {
            Command = context.Recover(() => map.String("command"), null) ?? string.Empty,
            Code = context.Recover(() => ReadCode(context, map), null),
            Environment = environment,
            InlineEnvironment = inline,
            EnvironmentVariables =
                context.Recover(() => map.StringMap("environment_variables"), EquatableMap<string>.Empty),
            Distribution =
                context.Recover(() =>
                map.Get("distribution") is { } d ? ReadDistribution(context, d, map.KeyPath("distribution"))
                : null, null),
            Resources =
                context.Recover(() =>
                map.Get("resources") is { } r ? ReadResources(context, r, map.KeyPath("resources")) : null, null),
        };
    }

    public static void WriteCommandFields(YamlMappingNode map, CommandComponent component)
    {
        map.Add("command", Text(component.Command));
        Add(map, "code", component.Code is { } code ? Json.ArmIds.ToYamlReference(code) : null);
        YamlEnvironment.Write(map, component.Environment, component.InlineEnvironment);
        Add(map, "environment_variables", StringMap(component.EnvironmentVariables));
        Add(map, "distribution", WriteDistribution(component.Distribution));
        Add(map, "resources", WriteResources(component.Resources));
    }

    private static string? ReadCode(YamlReadContext context, YamlMap map)
    {
        if (map.Get("code") is YamlMappingNode code)
        {
            throw context.Error(
                code, map.KeyPath("code"),
                "expected a folder path or a code asset id (azureml:name:version), got a mapping.");
        }

        return map.String("code") is { } text ? Json.ArmIds.FromYamlCodeReference(text) : null;
    }

    // ---------------------------------------------------------------- distribution (distributed training)

    private static DistributedTraining ReadDistribution(YamlReadContext context, YamlNode node, string path)
    {
        var mapping = context.Mapping(node, path);
        var type = context.PeekType(mapping, path, YamlNames.DistributionTypes, "distribution type");
        if (type == "tensorflow")
        {
            var tf = context.Map(mapping, path, TensorFlowKeys);
            return new TensorFlowDistribution(tf.Int("worker_count"), tf.Int("parameter_server_count"));
        }

        var count = context.Map(mapping, path, ProcessDistributionKeys).Int("process_count_per_instance");
        return type == "pytorch" ? new PyTorchDistribution(count) : new MpiDistribution(count);
    }

    private static YamlMappingNode? WriteDistribution(DistributedTraining? distribution)
    {
        if (distribution is null)
        {
            return null;
        }

        var map = new YamlMappingNode { { "type", Text(distribution.Name) } };
        switch (distribution)
        {
            case PyTorchDistribution pytorch:
                Add(map, "process_count_per_instance", pytorch.ProcessCountPerInstance);
                break;
            case MpiDistribution mpi:
                Add(map, "process_count_per_instance", mpi.ProcessCountPerInstance);
                break;
            case TensorFlowDistribution tf:
                Add(map, "worker_count", tf.WorkerCount);
                Add(map, "parameter_server_count", tf.ParameterServerCount);
                break;
        }

        return map;
    }

    // ---------------------------------------------------------------- resources

    public static JobResources ReadResources(YamlReadContext context, YamlNode node, string path)
    {
        var map = context.Map(node, path, ResourcesKeys);
        return new JobResources
        {
            InstanceCount = map.Int("instance_count"),
            InstanceType = map.String("instance_type"),
            ShmSize = map.String("shm_size"),
            DockerArgs = map.String("docker_args"),
            Properties = map.StringMap("properties"),
        };
    }

    public static YamlMappingNode? WriteResources(JobResources? resources)
    {
        if (resources is null)
        {
            return null;
        }

        var map = new YamlMappingNode();
        Add(map, "instance_count", resources.InstanceCount);
        Add(map, "instance_type", resources.InstanceType);
        Add(map, "shm_size", resources.ShmSize);
        Add(map, "docker_args", resources.DockerArgs);
        Add(map, "properties", StringMap(resources.Properties));
        return map;
    }
}
