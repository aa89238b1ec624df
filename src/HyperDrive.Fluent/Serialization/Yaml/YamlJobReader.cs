using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Pipelines;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>Reads a CLI v2 job document (<c>type: sweep | command | pipeline</c>) into the model.</summary>
internal sealed class YamlJobReader
{
    private const string ParentBindingPrefix = "${{";

    private readonly YamlReadContext _context;

    private YamlJobReader(YamlReadContext context) => _context = context;

    /// <summary>Reads a job document.</summary>
    public static JobDefinition Read(string text, string? file, AzureMLYamlReadOptions options)
    {
        var context = new YamlReadContext(file, options);
        var root = YamlDocumentLoader.Load(text, context);
        LegacySyntaxDetector.ThrowIfLegacy(root, context);
        return new YamlJobReader(context).ReadJob(root, string.Empty, topLevel: true);
    }

    private JobDefinition ReadJob(YamlNode node, string path, bool topLevel)
    {
        var mapping = _context.Mapping(node, path.Length == 0 ? "<root>" : path);
        var types = topLevel ? YamlNames.JobTypes : YamlNames.NodeTypes;
        var type = PeekType(mapping, path, types, topLevel ? "job type" : "pipeline step type");
        return type switch
        {
            "sweep" => ReadSweep(_context.Map(mapping, path, YamlKeys.Sweep)),
            "command" => ReadCommand(_context.Map(mapping, path, YamlKeys.Command)),
            _ => ReadPipeline(_context.Map(mapping, path, YamlKeys.Pipeline)),
        };
    }

    /// <summary>The value of the mapping's <c>type</c> key among <paramref name="choices"/> (case-insensitive), read before the
    /// rest of the mapping because it decides which keys are allowed.</summary>
    private T PeekType<T>(YamlMappingNode mapping, string path, IReadOnlyList<(string Name, T Value)> choices, string what, string valid = "valid values")
    {
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is YamlScalarNode { Value: "type" })
            {
                if (entry.Value is YamlScalarNode { Value: { } text } && !YamlScalars.IsNull(entry.Value))
                {
                    foreach (var (name, value) in choices)
                    {
                        if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                        {
                            return value;
                        }
                    }
                }

                throw _context.Error(
                    entry.Value,
                    YamlReadContext.Join(path, "type"),
                    $"unknown {what} {YamlScalars.Describe(entry.Value)}; {valid}: {string.Join(", ", choices.Select(c => c.Name).Distinct())}.");
            }
        }

        throw _context.Error(mapping, YamlReadContext.Join(path, "type"), $"'type' is required; {valid}: {string.Join(", ", choices.Select(c => c.Name).Distinct())}.");
    }

    /// <summary>Reads each entry of a mapping, in order, with its path (<c>path.name</c>).</summary>
    private List<KeyValuePair<string, T>> ReadEntries<T>(YamlNode node, string path, Func<YamlNode, string, T> read)
    {
        var entries = new List<KeyValuePair<string, T>>();
        foreach (var entry in _context.Mapping(node, path).Children)
        {
            var name = ((YamlScalarNode)entry.Key).Value ?? string.Empty;
            entries.Add(new(name, read(entry.Value, YamlReadContext.Join(path, name))));
        }

        return entries;
    }

    private T ReadCommon<T>(YamlMap map, T definition)
        where T : JobDefinition =>
        (T)(definition with
        {
            Name = map.String("name"),
            DisplayName = map.String("display_name"),
            ExperimentName = map.String("experiment_name"),
            Description = map.String("description"),
            Tags = map.StringMap("tags"),
            Properties = map.StringMap("properties"),
            Compute = map.String("compute"),
            Identity = map.Get("identity") is { } identity ? ReadIdentity(identity, map.KeyPath("identity")) : null,
            QueueTier = map.Get("queue_settings") is { } queue ? ReadQueueTier(queue, map.KeyPath("queue_settings")) : null,
            Inputs = ReadInputs(map.Get("inputs"), map.KeyPath("inputs")),
            Outputs = ReadOutputs(map.Get("outputs"), map.KeyPath("outputs")),
        });

    private SweepDefinition ReadSweep(YamlMap map)
    {
        var trial = ReadComponentOrReference(map.Require("trial"), map.KeyPath("trial"));
        if (map.Get("resources") is { } resources)
        {
            trial = trial with { Resources = ReadResources(resources, map.KeyPath("resources")) };
        }

        return ReadCommon(map, new SweepDefinition
        {
            Trial = trial,
            SamplingAlgorithm = ReadSampling(map.Require("sampling_algorithm"), map.KeyPath("sampling_algorithm")),
            SearchSpace = ReadSearchSpace(map.Require("search_space"), map.KeyPath("search_space")),
            Objective = ReadObjective(map.Require("objective"), map.KeyPath("objective")),
            EarlyTermination = map.Get("early_termination") is { } policy ? ReadPolicy(policy, map.KeyPath("early_termination")) : null,
            Limits = map.Get("limits") is { } limits ? ReadLimits(limits, map.KeyPath("limits")) : new SweepLimits(),
        });
    }

    private CommandJobDefinition ReadCommand(YamlMap map)
    {
        CommandComponent component;
        if (map.Get("component") is { } reference)
        {
            foreach (var key in new[] { "command", "code", "environment", "environment_variables", "distribution" })
            {
                if (map.Has(key))
                {
                    throw _context.Error(map.GetRaw(key), map.KeyPath(key), $"'{key}' cannot be set together with 'component'; set it in the component instead.");
                }
            }

            component = ReadComponentOrReference(reference, map.KeyPath("component"));
            if (map.Get("resources") is { } resources)
            {
                component = component with { Resources = ReadResources(resources, map.KeyPath("resources")) };
            }
        }
        else
        {
            component = ReadCommandFields(map);
        }

        return ReadCommon(map, new CommandJobDefinition { Component = component });
    }

    private PipelineDefinition ReadPipeline(YamlMap map)
    {
        var jobs = map.Get("jobs") is { } jobsNode
            ? ReadEntries(jobsNode, map.KeyPath("jobs"), (job, jobPath) => ReadJob(job, jobPath, topLevel: false))
            : [];

        var settings = new PipelineSettings();
        if (map.Get("settings") is { } settingsNode)
        {
            var s = _context.Map(settingsNode, map.KeyPath("settings"), YamlKeys.Settings);
            settings = new PipelineSettings
            {
                DefaultCompute = s.String("default_compute"),
                DefaultDatastore = s.String("default_datastore"),
                ContinueOnStepFailure = s.Bool("continue_on_step_failure"),
            };
        }

        return ReadCommon(map, new PipelineDefinition { Jobs = EquatableMap<JobDefinition>.Create(jobs), Settings = settings });
    }

    // ---------------------------------------------------------------- components

    private CommandComponent ReadComponentOrReference(YamlNode node, string path)
    {
        if (node is YamlMappingNode)
        {
            return ReadComponent(node, path);
        }

        if (node is not YamlScalarNode { Value: { Length: > 0 } text } scalar)
        {
            throw _context.Error(node, path, $"expected a command component (a mapping), a component file (./train.yml) or a registered component (azureml:name:version), got {YamlScalars.Describe(node)}.");
        }

        if (text.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase))
        {
            return new CommandComponent { ComponentId = text };
        }

        var relative = text.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? text[5..] : text;
        var full = Path.GetFullPath(Path.Combine(_context.BaseDirectory, relative));
        if (!File.Exists(full))
        {
            if (_context.Options.MissingComponentFile == MissingComponentFileBehavior.KeepReference)
            {
                return new CommandComponent { Source = text };
            }

            throw _context.Error(
                scalar,
                path,
                $"the component file '{relative}' does not exist (looked for {full}). Fix the path (it is relative to the referencing YAML file), "
                + "add the file, or read with AzureMLYamlReadOptions.MissingComponentFile = KeepReference to keep the reference unresolved.");
        }

        var componentContext = new YamlReadContext(full, _context.Options);
        string componentText;
        try
        {
            componentText = File.ReadAllText(full);
        }
        catch (IOException ex)
        {
            throw _context.Error(scalar, path, $"the component file '{relative}' could not be read: {ex.Message}", ex);
        }

        var root = YamlDocumentLoader.Load(componentText, componentContext);
        return new YamlJobReader(componentContext).ReadComponent(root, string.Empty) with { Source = text };
    }

    private CommandComponent ReadComponent(YamlNode node, string path)
    {
        var map = _context.Map(node, path, YamlKeys.Component);
        if (map.Get("type") is { } typeNode && !string.Equals(map.String("type"), "command", StringComparison.OrdinalIgnoreCase))
        {
            throw _context.Error(typeNode, map.KeyPath("type"), $"only command components can run here, got type {YamlScalars.Describe(typeNode)}; use type: command.");
        }

        return ReadCommandFields(map) with
        {
            Inputs = ReadComponentInputs(map.Get("inputs"), map.KeyPath("inputs")),
            Outputs = ReadOutputs(map.Get("outputs"), map.KeyPath("outputs")),
            Name = map.String("name"),
            Version = map.String("version"),
            DisplayName = map.String("display_name"),
            Description = map.String("description"),
        };
    }

    /// <summary>What an inline command job and a command component share: command, code, environment and its variables, distribution, resources.</summary>
    private CommandComponent ReadCommandFields(YamlMap map) => new()
    {
        Command = map.String("command") ?? string.Empty,
        Code = ReadCode(map),
        Environment = ReadEnvironment(map),
        EnvironmentVariables = map.StringMap("environment_variables"),
        Distribution = map.Get("distribution") is { } d ? ReadDistribution(d, map.KeyPath("distribution")) : null,
        Resources = map.Get("resources") is { } r ? ReadResources(r, map.KeyPath("resources")) : null,
    };

    private string? ReadCode(YamlMap map)
    {
        if (map.Get("code") is YamlMappingNode code)
        {
            throw _context.Error(code, map.KeyPath("code"), "expected a folder path or a code asset id (azureml:name:version), got a mapping.");
        }

        return map.String("code");
    }

    private string? ReadEnvironment(YamlMap map)
    {
        if (map.Get("environment") is YamlMappingNode environment)
        {
            throw _context.Error(
                environment,
                map.KeyPath("environment"),
                "inline environment definitions are not supported; register the environment and refer to it as azureml:name:version, azureml:name@latest or azureml://registries/....");
        }

        return map.String("environment");
    }

    private EquatableMap<ComponentInput> ReadComponentInputs(YamlNode? node, string path)
    {
        if (node is null)
        {
            return EquatableMap<ComponentInput>.Empty;
        }

        return EquatableMap<ComponentInput>.Create(ReadEntries(node, path, ReadComponentInput));
    }

    private ComponentInput ReadComponentInput(YamlNode node, string path)
    {
        var map = _context.Map(node, path, YamlKeys.ComponentInput);
        var type = map.RequireString("type");
        if (!YamlNames.LiteralInputTypes.Contains(type, StringComparer.Ordinal) && WireNames.ParseAssetType(type) is null)
        {
            throw _context.Error(
                map.Get("type"),
                map.KeyPath("type"),
                $"unknown input type '{type}'; valid values: {string.Join(", ", YamlNames.LiteralInputTypes.Concat(WireNames.AssetTypeNames))}.");
        }

        object? defaultValue = null;
        if (map.Get("default") is { } d)
        {
            defaultValue = d is YamlScalarNode ds
                ? YamlScalars.Resolve(ds)
                : throw _context.Error(d, map.KeyPath("default"), $"expected a string, number or boolean, got {YamlScalars.Describe(d)}.");
        }

        return new ComponentInput(type)
        {
            Default = defaultValue,
            Optional = map.Bool("optional"),
            Description = map.String("description"),
            Mode = map.Has("mode") ? map.Choose("mode", YamlNames.AssetModes, "mode") : null,
        };
    }

    private DistributedTraining ReadDistribution(YamlNode node, string path)
    {
        var mapping = _context.Mapping(node, path);
        var type = PeekType(mapping, path, YamlNames.DistributionTypes, "distribution type");
        return type switch
        {
            "pytorch" => ReadProcessDistribution(mapping, path, count => new PyTorchDistribution(count)),
            "mpi" => ReadProcessDistribution(mapping, path, count => new MpiDistribution(count)),
            _ => ReadTensorFlow(_context.Map(mapping, path, YamlKeys.TensorFlow)),
        };
    }

    private DistributedTraining ReadProcessDistribution(YamlMappingNode mapping, string path, Func<int?, DistributedTraining> create) =>
        create(_context.Map(mapping, path, YamlKeys.PyTorch).Int("process_count_per_instance"));

    private static TensorFlowDistribution ReadTensorFlow(YamlMap map) => new(map.Int("worker_count"), map.Int("parameter_server_count"));

    private JobResources ReadResources(YamlNode node, string path)
    {
        var map = _context.Map(node, path, YamlKeys.Resources);
        return new JobResources
        {
            InstanceCount = map.Int("instance_count"),
            InstanceType = map.String("instance_type"),
            ShmSize = map.String("shm_size"),
            DockerArgs = map.String("docker_args"),
        };
    }

    // ---------------------------------------------------------------- inputs and outputs

    private EquatableMap<JobInput> ReadInputs(YamlNode? node, string path)
    {
        if (node is null)
        {
            return EquatableMap<JobInput>.Empty;
        }

        return EquatableMap<JobInput>.Create(ReadEntries(node, path, ReadInput));
    }

    private JobInput ReadInput(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode s when YamlScalars.IsNull(s):
                throw _context.Error(node, path, "the input has no value; give a literal (42, \"text\"), {value: ...}, {type: uri_folder, path: ...} or a binding ${{parent.inputs.x}}.");
            case YamlScalarNode s:
                return ScalarInput(s, path);
            case YamlMappingNode:
                var map = _context.Map(node, path, YamlKeys.JobInput);
                var description = map.String("description");
                if (map.Get("value") is { } valueNode)
                {
                    foreach (var key in new[] { "path", "mode" })
                    {
                        if (map.Has(key))
                        {
                            throw _context.Error(map.GetRaw(key), map.KeyPath(key), $"'{key}' cannot be used with 'value'; a literal input has only a value (and a description).");
                        }
                    }

                    if (map.String("type") is { } literalType && !YamlNames.LiteralInputTypes.Contains(literalType, StringComparer.Ordinal))
                    {
                        throw _context.Error(map.Get("type"), map.KeyPath("type"), $"a literal input's type must be one of {string.Join(", ", YamlNames.LiteralInputTypes)}, got '{literalType}'.");
                    }

                    var literal = valueNode is YamlScalarNode vs
                        ? ScalarInput(vs, map.KeyPath("value"))
                        : throw _context.Error(valueNode, map.KeyPath("value"), $"expected a string, number or boolean, got {YamlScalars.Describe(valueNode)}.");
                    return literal with { Description = description };
                }

                var type = map.Has("type") ? map.Choose("type", YamlNames.AssetTypes, "input type") : AssetType.UriFolder;
                var assetPath = map.RequireString("path");
                var mode = map.Has("mode") ? map.Choose("mode", YamlNames.AssetModes, "mode") : (AssetMode?)null;
                return new AssetInput(type, assetPath, mode) { Description = description };
            default:
                throw _context.Error(node, path, $"expected a literal, a mapping or a binding, got {YamlScalars.Describe(node)}.");
        }
    }

    private JobInput ScalarInput(YamlScalarNode scalar, string path)
    {
        var value = YamlScalars.Resolve(scalar) ?? throw new InvalidOperationException(path);
        if (value is double d && !double.IsFinite(d))
        {
            throw _context.Error(scalar, path, "a literal input must be a finite number (1e400 is beyond a double); quote it to pass it as text.");
        }

        return value is string text && text.TrimStart().StartsWith(ParentBindingPrefix, StringComparison.Ordinal)
            ? new BindingInput(text)
            : new LiteralInput(value);
    }

    private EquatableMap<JobOutput> ReadOutputs(YamlNode? node, string path)
    {
        if (node is null)
        {
            return EquatableMap<JobOutput>.Empty;
        }

        return EquatableMap<JobOutput>.Create(ReadEntries(node, path, ReadOutput));
    }

    private JobOutput ReadOutput(YamlNode node, string path)
    {
        if (YamlScalars.IsNull(node))
        {
            return new JobOutput();
        }

        var map = _context.Map(node, path, YamlKeys.JobOutput);
        return new JobOutput(
            map.Has("type") ? map.Choose("type", YamlNames.AssetTypes, "output type") : AssetType.UriFolder,
            map.String("path"),
            map.Has("mode") ? map.Choose("mode", YamlNames.AssetModes, "mode") : null)
        {
            Description = map.String("description"),
            AssetName = map.String("name"),
            AssetVersion = map.String("version"),
        };
    }

    // ---------------------------------------------------------------- sweep settings

    private SamplingAlgorithm ReadSampling(YamlNode node, string path)
    {
        string type;
        YamlMap? map = null;
        if (node is YamlMappingNode mapping)
        {
            type = PeekType(mapping, path, YamlNames.SamplingAlgorithms, "sampling algorithm");
            map = _context.Map(mapping, path, type == "random" ? YamlKeys.RandomSampling : YamlKeys.OtherSampling);
        }
        else
        {
            var text = node is YamlScalarNode { Value: { } v } ? v : string.Empty;
            type = YamlNames.SamplingAlgorithms.FirstOrDefault(a => string.Equals(a.Name, text, StringComparison.OrdinalIgnoreCase)).Value
                ?? throw _context.Error(node, path, $"unknown sampling algorithm {YamlScalars.Describe(node)}; valid values: random, grid, bayesian (or a mapping such as {{type: random, seed: 42, rule: sobol}}).");
        }

        return type switch
        {
            "random" => new RandomSampling(map?.Int("seed"), map is not null && map.Has("rule") ? map.Choose("rule", YamlNames.RandomRules, "random sampling rule") : null),
            "grid" => new GridSampling(),
            _ => new BayesianSampling(),
        };
    }

    private Objective ReadObjective(YamlNode node, string path)
    {
        var map = _context.Map(node, path, YamlKeys.Objective);
        return new Objective(map.Choose("goal", YamlNames.Goals, "goal"), map.RequireString("primary_metric"));
    }

    private EarlyTerminationPolicy ReadPolicy(YamlNode node, string path)
    {
        var mapping = _context.Mapping(node, path);
        var type = PeekType(mapping, path, YamlNames.Policies, "early termination policy");
        var keys = type switch
        {
            "bandit" => YamlKeys.Bandit,
            "median_stopping" => YamlKeys.MedianStopping,
            _ => YamlKeys.TruncationSelection,
        };
        var map = _context.Map(mapping, path, keys);

        // Absent evaluation_interval means 1 and absent delay_evaluation 0 (CLI YAML reference; sweep-semantics.md).
        var interval = map.Int("evaluation_interval") ?? 1;
        var delay = map.Int("delay_evaluation") ?? 0;
        try
        {
            return type switch
            {
                "bandit" => new BanditPolicy(map.Double("slack_factor"), map.Double("slack_amount"), interval, delay),
                "median_stopping" => new MedianStoppingPolicy(interval, delay),
                _ => new TruncationSelectionPolicy(
                    map.Int("truncation_percentage") ?? throw _context.Error(mapping, map.KeyPath("truncation_percentage"), "'truncation_percentage' is required (an integer 1..99)."),
                    interval,
                    delay),
            };
        }
        catch (ArgumentException ex)
        {
            throw _context.Error(mapping, path, ex.Message, ex);
        }
    }

    private SweepLimits ReadLimits(YamlNode node, string path)
    {
        var map = _context.Map(node, path, YamlKeys.Limits);
        return new SweepLimits
        {
            MaxTotalTrials = map.Int("max_total_trials"),
            MaxConcurrentTrials = map.Int("max_concurrent_trials"),
            Timeout = Seconds(map, "timeout"),
            TrialTimeout = Seconds(map, "trial_timeout"),
        };
    }

    private TimeSpan? Seconds(YamlMap map, string key)
    {
        var seconds = map.Double(key);
        if (seconds is null)
        {
            return null;
        }

        return seconds is >= 0 and <= 1e9
            ? TimeSpan.FromTicks((long)Math.Round(seconds.Value * TimeSpan.TicksPerSecond))
            : throw _context.Error(map.Get(key), map.KeyPath(key), $"expected a number of seconds from 0 to 1e9, got {seconds}.");
    }

    private JobIdentity ReadIdentity(YamlNode node, string path)
    {
        var mapping = _context.Mapping(node, path);
        var type = PeekType(mapping, path, YamlNames.Identities, "identity type");
        var map = _context.Map(mapping, path, type == "managed" ? YamlKeys.Identity : YamlKeys.PolicyType);
        return type switch
        {
            "managed" => new ManagedIdentity(map.String("client_id"), map.String("object_id"), map.String("resource_id")),
            "user_identity" => new UserIdentity(),
            _ => new AmlTokenIdentity(),
        };
    }

    private JobTier ReadQueueTier(YamlNode node, string path)
    {
        var map = _context.Map(node, path, YamlKeys.QueueSettings);
        if (map.GetRaw("job_tier") is YamlScalarNode raw && YamlScalars.IsNull(raw))
        {
            return JobTier.Null;
        }

        return map.Choose("job_tier", YamlNames.Tiers, "job tier");
    }

    // ---------------------------------------------------------------- search space

    private EquatableMap<Distribution> ReadSearchSpace(YamlNode node, string path) =>
        EquatableMap<Distribution>.Create(ReadEntries(node, path, ReadDistributionExpression));

    private Distribution ReadDistributionExpression(YamlNode node, string path)
    {
        var mapping = _context.Mapping(node, path);
        var kind = PeekType(mapping, path, YamlNames.Distributions, "distribution type", "valid types");
        var keys = kind switch
        {
            DistributionKind.Choice => YamlKeys.Choice,
            DistributionKind.RandInt => YamlKeys.RandInt,
            DistributionKind.Uniform or DistributionKind.LogUniform => YamlKeys.Bounds,
            DistributionKind.QUniform or DistributionKind.QLogUniform => YamlKeys.QBounds,
            DistributionKind.Normal or DistributionKind.LogNormal => YamlKeys.MuSigma,
            _ => YamlKeys.QMuSigma,
        };
        var map = _context.Map(mapping, path, keys);
        try
        {
            return kind == DistributionKind.Choice
                ? ReadChoice(map)
                : DistributionArguments.Create(kind, name => map.LongValue(map.Require(name), map.KeyPath(name)), map.RequireDouble);
        }
        catch (ArgumentException ex)
        {
            throw _context.Error(mapping, path, ex.Message, ex);
        }
    }

    private ChoiceDistribution ReadChoice(YamlMap map)
    {
        var path = map.KeyPath("values");
        var sequence = _context.Sequence(map.Require("values"), path);
        if (sequence.Children.Count == 0)
        {
            throw _context.Error(sequence, path, "a choice needs at least one value.");
        }

        var values = new List<object>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            values.Add(ReadChoiceValue(sequence.Children[i], $"{path}[{i}]"));
        }

        return new ChoiceDistribution(values);
    }

    private object ReadChoiceValue(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode s when YamlScalars.Resolve(s) is { } value:
                return value is double d && !double.IsFinite(d)
                    ? throw _context.Error(node, path, "choice values must be finite numbers.")
                    : value;
            case YamlMappingNode mapping:
                return new ChoiceObject(ReadEntries(mapping, path, (member, memberPath) => member is YamlMappingNode
                    ? ReadDistributionExpression(member, memberPath)
                    : ReadChoiceValue(member, memberPath)));
            default:
                throw _context.Error(node, path, $"a choice value must be a string, number, boolean or a mapping (whose members may be distributions), got {YamlScalars.Describe(node)}.");
        }
    }
}
