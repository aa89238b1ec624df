using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>Reads a pipeline step written in the SDK's "rest node" shape (see <see cref="RestNodeWriter"/>); it also
/// accepts the YAML spellings a hand-written node may use (<c>sampling_algorithm: "random"</c>,
/// <c>early_termination.type: bandit</c>, ISO-8601 or seconds in <c>limits</c>, <c>trial</c> as a component id
/// string).</summary>
internal sealed class RestNodeReader(JsonReadContext context, RestJobReader jobs)
{
    private static readonly HashSet<string> CommonRead =
        ["type", "name", "display_name", "experiment_name", "description", "tags", "properties", "computeId", "inputs",
            "outputs", "queue_settings", "identity"];

    private static readonly HashSet<string> SweepRead =
        [.. CommonRead, "trial", "search_space", "sampling_algorithm", "objective", "early_termination", "limits",
        "resources"];

    private static readonly HashSet<string> CommandRead = [.. CommonRead, "componentId", "componentSpec", "resources"];

    public JobDefinition Read(JsonElement node, string path)
    {
        context.ExpectKind(
            node, JsonValueKind.Object, path, "a pipeline step object with \"type\": \"sweep\" or \"command\"");
        var type = context.RequireString(node, "type", path, "Give the step type: sweep or command.");

        // What azure-ai-ml adds for itself (_source: YAML.JOB, REMOTE.WORKSPACE.COMPONENT, ...) and any other field a
        // step has that the model does not carry are named, not dropped silently.
        context.NoteUnread(node, path, type.Equals("sweep", StringComparison.OrdinalIgnoreCase) ? SweepRead
            : CommandRead);
        return type.ToLowerInvariant() switch
        {
            "sweep" => ReadCommon(ReadSweep(node, path), node, path),
            "command" => ReadCommon(ReadCommand(node, path), node, path),
            _ => throw context.Fail(
                JsonReadContext.Join(path, "type"),
                $"'{type}' steps are not supported; HyperDrive.Fluent pipelines hold sweep and command steps."),
        };
    }

    private T ReadCommon<T>(T step, JsonElement node, string path)
        where T : JobDefinition => step with
        {
            Name = context.String(node, "name", path),
            DisplayName = context.String(node, "display_name", path),
            ExperimentName = context.String(node, "experiment_name", path),
            Description = context.String(node, "description", path),
            Tags = context.StringMap(node, "tags", path),
            Properties = context.StringMap(node, "properties", path),
            Compute = context.String(node, "computeId", path) is { } computeId
                ? ArmIds.FromComputeId(computeId, context.Options.WorkspaceId) : null,
            Inputs = JobIoJson.Snake.ReadInputs(node, "inputs", context, path),
            Outputs = JobIoJson.Snake.ReadOutputs(node, "outputs", context, path),
            QueueTier = ReadQueueTier(node, path),
            Identity = ReadIdentity(node, path),
        };

    private SweepDefinition ReadSweep(JsonElement node, string path)
    {
        var spacePath = JsonReadContext.Join(path, "search_space");
        if (!JsonReadContext.TryGet(node, "search_space", out var space))
        {
            throw context.Fail(
                spacePath,
                "is required for a sweep step. Give {\"alpha\": {\"type\": \"uniform\", \"min_value\": 0.05, " +
                "\"max_value\": 1.0}}.");
        }

        var trialPath = JsonReadContext.Join(path, "trial");
        if (!JsonReadContext.TryGet(node, "trial", out var trial))
        {
            throw context.Fail(
                trialPath,
                "is required for a sweep step. Give {\"componentId\": \"azureml:name:version\"} or " +
                "{\"componentSpec\": {\"command\": ...}}.");
        }

        var component = ReadComponentHolder(trial, trialPath);
        if (context.Object(node, "resources", path) is { } resources)
        {
            component =
                component with { Resources = ReadResources(resources, JsonReadContext.Join(path, "resources")) };
        }

        var objective =
            context.RequireObject(
            node, "objective", path, "Give {\"goal\": \"maximize\", \"primary_metric\": \"r2\"}.");
        var objectivePath = JsonReadContext.Join(path, "objective");
        return new SweepDefinition
        {
            Trial = component,
            SearchSpace = NodeSearchSpace.Read(space, context, spacePath),
            SamplingAlgorithm = ReadSampling(node, path),
            Objective = new Objective(
                jobs.ParseGoal(context.RequireString(objective, "goal", objectivePath, "Give maximize or minimize."),
                    JsonReadContext.Join(objectivePath, "goal")),
                context.RequireString(
                    objective, "primary_metric", objectivePath, "Give the name of the metric the trials log.")),
            EarlyTermination = ReadPolicy(node, path),
            Limits = ReadLimits(node, path),
        };
    }

    private CommandJobDefinition ReadCommand(JsonElement node, string path)
    {
        var component = ReadComponentHolder(node, path);
        if (context.Object(node, "resources", path) is { } resources)
        {
            component =
                component with { Resources = ReadResources(resources, JsonReadContext.Join(path, "resources")) };
        }

        return new CommandJobDefinition { Component = component };
    }

    /// <summary>Reads <c>componentId</c> (a registered component) or <c>componentSpec</c> (an inline one) from a node
    /// or a sweep's trial.</summary>
    private CommandComponent ReadComponentHolder(JsonElement holder, string path)
    {
        if (holder.ValueKind == JsonValueKind.String)
        {
            return new CommandComponent { ComponentId = holder.GetString() };
        }

        context.ExpectKind(holder, JsonValueKind.Object, path, "{\"componentId\": ...} or {\"componentSpec\": {...}}");
        if (context.String(holder, "componentId", path) is { } componentId)
        {
            return new CommandComponent { ComponentId = componentId };
        }

        var spec = context.Object(holder, "componentSpec", path)
            ?? (context.Object(holder, "properties", path) is { } envelope
                ? context.Object(envelope, "componentSpec", JsonReadContext.Join(path, "properties")) : null)
            ?? throw context.Fail(
                JsonReadContext.Join(path, "componentSpec"),
                "is required: give the step's component inline ({\"componentSpec\": {\"command\": ..., " +
                "\"environment\": ...}}) or by id ({\"componentId\": \"azureml:name:version\"}).");
        var specPath = JsonReadContext.Join(path, "componentSpec");
        return new CommandComponent
        {
            Name = context.String(spec, "name", specPath),
            Version = context.String(spec, "version", specPath),
            DisplayName = context.String(spec, "display_name", specPath),
            Description = context.String(spec, "description", specPath),
            Tags = context.StringMap(spec, "tags", specPath),
            IsDeterministic = context.Bool(spec, "is_deterministic", specPath),
            Command = context.RequireString(spec, "command", specPath, "Give the command the component runs."),
            Code = context.String(spec, "code", specPath),
            Environment = context.String(spec, "environment", specPath),
            EnvironmentVariables = context.StringMap(spec, "environment_variables", specPath),
            Distribution = context.Object(spec, "distribution", specPath) is { } distribution
                ? ReadDistribution(distribution, JsonReadContext.Join(specPath, "distribution")) : null,
            Inputs = ReadDeclaredInputs(spec, specPath),
            Outputs = ReadDeclaredOutputs(spec, specPath),
        };
    }

    private EquatableMap<ComponentInput> ReadDeclaredInputs(JsonElement spec, string path)
    {
        if (context.Object(spec, "inputs", path) is not { } inputs)
        {
            return EquatableMap<ComponentInput>.Empty;
        }

        var entries = new List<KeyValuePair<string, ComponentInput>>();
        foreach (var input in inputs.EnumerateObject())
        {
            var inputPath = JsonReadContext.Join(JsonReadContext.Join(path, "inputs"), input.Name);
            context.ExpectKind(input.Value, JsonValueKind.Object, inputPath, "{\"type\": ...}");
            entries.Add(
                new(input.Name, new ComponentInput(
                context.RequireString(
                input.Value, "type", inputPath, "Give integer, number, string, boolean or an asset type."))
            {
                Default = JsonReadContext.TryGet(input.Value, "default", out var value)
                    ? RestSearchSpace.ReadScalar(value, context, JsonReadContext.Join(inputPath, "default")) : null,
                Optional = context.Bool(input.Value, "optional", inputPath),
                Description = context.String(input.Value, "description", inputPath),
                Mode = ReadYamlMode(input.Value, inputPath),
            }));
        }

        return EquatableMap<ComponentInput>.Create(entries);
    }

    private EquatableMap<JobOutput> ReadDeclaredOutputs(JsonElement spec, string path)
    {
        if (context.Object(spec, "outputs", path) is not { } outputs)
        {
            return EquatableMap<JobOutput>.Empty;
        }

        var entries = new List<KeyValuePair<string, JobOutput>>();
        foreach (var output in outputs.EnumerateObject())
        {
            var outputPath = JsonReadContext.Join(JsonReadContext.Join(path, "outputs"), output.Name);
            context.ExpectKind(output.Value, JsonValueKind.Object, outputPath, "{\"type\": ...}");
            var type = context.String(output.Value, "type", outputPath);
            var assetType = type is null ? AssetType.UriFolder : WireNames.ParseAssetType(type)
                ?? throw context.Fail(
                    JsonReadContext.Join(outputPath, "type"),
                    $"unknown output type '{type}'; use {string.Join(", ", WireNames.AssetTypeNames)}.");
            entries.Add(
                new(output.Name, new JobOutput(assetType, context.String(output.Value, "path", outputPath),
                ReadYamlMode(output.Value, outputPath))
            {
                Description = context.String(output.Value, "description", outputPath),
            }));
        }

        return EquatableMap<JobOutput>.Create(entries);
    }

    private AssetMode? ReadYamlMode(JsonElement element, string path) =>
        context.String(element, "mode", path) is { } mode
            ? WireNames.ParseAssetMode(mode)
                ?? throw context.Fail(
                JsonReadContext.Join(path, "mode"),
                $"unknown mode '{mode}'; use {string.Join(", ", WireNames.AssetModeNames)}.")
            : null;

    private DistributedTraining ReadDistribution(JsonElement distribution, string path)
    {
        var type = context.RequireString(distribution, "type", path, "Give pytorch, mpi or tensorflow.");
        return type.ToLowerInvariant() switch
        {
            "pytorch" => new PyTorchDistribution(context.Int(distribution, "process_count_per_instance", path)),
            "mpi" => new MpiDistribution(context.Int(distribution, "process_count_per_instance", path)),
            "tensorflow" =>
                new TensorFlowDistribution(
                context.Int(distribution, "worker_count", path),
                context.Int(distribution, "parameter_server_count", path)),
            _ => throw context.Fail(
                JsonReadContext.Join(path, "type"), $"unknown distribution '{type}'; use pytorch, mpi or tensorflow."),
        };
    }

    private JobResources ReadResources(JsonElement resources, string path) => new()
    {
        InstanceCount = context.Int(resources, "instance_count", path),
        InstanceType = context.String(resources, "instance_type", path),
        ShmSize = context.String(resources, "shm_size", path),
        DockerArgs = context.String(resources, "docker_args", path),
        Properties = context.StringMap(resources, "properties", path),
    };

    private SamplingAlgorithm ReadSampling(JsonElement node, string path)
    {
        var samplingPath = JsonReadContext.Join(path, "sampling_algorithm");
        if (!JsonReadContext.TryGet(node, "sampling_algorithm", out var sampling))
        {
            throw context.Fail(
                samplingPath, "is required for a sweep step. Give {\"type\": \"random\"} (or grid, bayesian).");
        }

        string type;
        int? seed = null;
        string? rule = null;
        double? logBase = null;
        if (sampling.ValueKind == JsonValueKind.String)
        {
            type = sampling.GetString()!;
        }
        else
        {
            context.ExpectKind(
                sampling, JsonValueKind.Object, samplingPath,
                "\"random\" or {\"type\": \"random\", \"seed\": ..., \"rule\": ...}");
            type = context.RequireString(sampling, "type", samplingPath, "Give random, grid or bayesian.");
            seed = context.Int(sampling, "seed", samplingPath);
            rule = context.String(sampling, "rule", samplingPath);
            logBase = LogBaseJson.Read(sampling, context, samplingPath);
        }

        return type.ToLowerInvariant() switch
        {
            "random" => new RandomSampling(seed, rule?.ToLowerInvariant() switch
            {
                null => null,
                "random" => RandomSamplingRule.Random,
                "sobol" => RandomSamplingRule.Sobol,
                _ => throw context.Fail(
                    JsonReadContext.Join(samplingPath, "rule"), $"unknown rule '{rule}'; use random or sobol."),
            })
            {
                LogBase = logBase,
            },
            "grid" => new GridSampling(),
            "bayesian" => new BayesianSampling(),
            _ => throw context.Fail(
                samplingPath, $"unknown sampling algorithm '{type}'; use random, grid or bayesian."),
        };
    }

    private HyperDrive.Fluent.EarlyTermination.EarlyTerminationPolicy? ReadPolicy(JsonElement node, string path)
    {
        if (context.Object(node, "early_termination", path) is not { } policy)
        {
            return null;
        }

        var policyPath = JsonReadContext.Join(path, "early_termination");
        var type = context.String(policy, "policy_type", policyPath)
            ?? context.RequireString(
                policy, "type", policyPath, "Give policy_type: Bandit, MedianStopping or TruncationSelection.");
        return jobs.ReadPolicy(policy, policyPath, type, snake: true);
    }

    private SweepLimits ReadLimits(JsonElement node, string path)
    {
        if (context.Object(node, "limits", path) is not { } limits)
        {
            return new SweepLimits();
        }

        var limitsPath = JsonReadContext.Join(path, "limits");
        return new SweepLimits
        {
            MaxTotalTrials = context.Int(limits, "max_total_trials", limitsPath),
            MaxConcurrentTrials = context.Int(limits, "max_concurrent_trials", limitsPath),
            Timeout = Seconds(limits, "timeout", limitsPath),
            TrialTimeout = Seconds(limits, "trial_timeout", limitsPath),
        };
    }

    private TimeSpan? Seconds(JsonElement limits, string name, string path)
    {
        if (!JsonReadContext.TryGet(limits, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (IsoDuration.TryParse(text) is { } duration)
            {
                return duration;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        throw context.Fail(
            JsonReadContext.Join(path, name),
            $"expected seconds (a number) or an ISO-8601 duration, found {JsonReadContext.Describe(value)}.");
    }

    private JobTier? ReadQueueTier(JsonElement node, string path)
    {
        if (context.Object(node, "queue_settings", path) is not { } queue
            || context.String(queue, "job_tier", JsonReadContext.Join(path, "queue_settings")) is not { } tier)
        {
            return null;
        }

        return Enum.TryParse<JobTier>(tier, ignoreCase: true, out var value) && !int.TryParse(tier, out _)
            ? value
            : throw context.Fail(
                JsonReadContext.Join(path, "queue_settings.job_tier"),
                $"unknown job tier '{tier}'; use null, spot, basic, standard or premium.");
    }

    private JobIdentity? ReadIdentity(JsonElement node, string path)
    {
        if (context.Object(node, "identity", path) is not { } identity)
        {
            return null;
        }

        var identityPath = JsonReadContext.Join(path, "identity");
        var type = context.RequireString(identity, "type", identityPath, "Give aml_token, managed or user_identity.");
        return type.ToLowerInvariant() switch
        {
            "aml_token" => new AmlTokenIdentity(),
            "user_identity" => new UserIdentity(),
            "managed" or "managed_identity" =>
                new ManagedIdentity(
                context.String(identity, "client_id", identityPath),
                context.String(identity, "object_id", identityPath),
                context.String(identity, "resource_id", identityPath)),
            _ => throw context.Fail(
                JsonReadContext.Join(identityPath, "type"),
                $"unknown identity '{type}'; use aml_token, managed or user_identity."),
        };
    }
}
