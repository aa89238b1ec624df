using System.Text.Json;
using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Pipelines;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// Reads an Azure ML job from its ARM body (<c>{"properties": {...}}</c>), a bare properties object (with
/// <c>jobType</c>) or a full GET response (<c>id</c>, <c>name</c>, <c>type</c>, <c>systemData</c>, <c>status</c>...).
/// Nulls count as missing; <c>goal</c> is read in any case; a compute id of exactly <c>{WorkspaceId}/computes/X</c>
/// reads as <c>azureml:X</c>, any other id as given; a <c>codeId</c> that is not an ARM id reads as the code asset
/// reference <c>azureml:...</c> (a REST code is always an asset, never a local folder). Nothing is dropped silently
/// (REST -> YAML -> REST): what the service populates (<c>status</c>, the Studio and Tracking <c>services</c>,
/// <c>_aml_system_*</c> tags, the envelope's <c>id</c>/<c>type</c>/<c>systemData</c>) and what the model does not carry
/// (any other field that is set) is named in <see cref="JsonReadContext.Notices"/>.
/// </summary>
internal sealed class RestJobReader(JsonReadContext context)
{
    private const string SystemTagPrefix = "_aml_system_";

    private RestNodeReader? _nodes;

    private RestNodeReader Nodes => _nodes ??= new RestNodeReader(context, this);

    // Read-only or service-set fields of a GET response (2024-04-01 definitions: JobBase.status and services are
    // readOnly in practice, CommandJob.parameters is readOnly; the envelope's id/type/systemData are ARM's).
    private static readonly HashSet<string> EnvelopeRead = ["properties", "name"];
    private static readonly HashSet<string> EnvelopeService = ["id", "type", "systemData"];
    private static readonly HashSet<string> BaseRead =
        ["jobType", "displayName", "experimentName", "description", "computeId", "tags", "properties", "inputs",
            "outputs", "identity", "queueSettings", "isArchived", "notificationSetting", "services"];
    private static readonly HashSet<string> BaseService = ["status"];
    private static readonly HashSet<string> SweepRead =
        [.. BaseRead, "trial", "searchSpace", "samplingAlgorithm", "objective", "earlyTermination", "limits",
        "resources"];
    private static readonly HashSet<string> CommandRead = [.. BaseRead, .. TrialKeys(), "componentId"];
    private static readonly HashSet<string> CommandService = [.. BaseService, "parameters"];
    private static readonly HashSet<string> PipelineRead = [.. BaseRead, "settings", "jobs"];
    private static readonly HashSet<string> TrialRead = TrialKeys();
    private static readonly HashSet<string> ResourcesRead =
        ["instanceCount", "instanceType", "shmSize", "dockerArgs", "properties"];
    private static readonly HashSet<string> SamplingRead = ["samplingAlgorithmType", "rule", "seed", "logbase"];
    private static readonly HashSet<string> ObjectiveRead = ["goal", "primaryMetric"];
    private static readonly HashSet<string> LimitsRead =
        ["jobLimitsType", "maxTotalTrials", "maxConcurrentTrials", "timeout", "trialTimeout"];
    private static readonly HashSet<string> PolicyRead =
        ["policyType", "evaluationInterval", "delayEvaluation", "slackFactor", "slackAmount", "truncationPercentage"];
    private static readonly HashSet<string> QueueRead = ["jobTier"];
    private static readonly HashSet<string> PipelineSettingsRead =
        ["default_compute", "default_datastore", "continue_on_step_failure"];
    private static readonly HashSet<string> IdentityRead = ["identityType", "clientId", "objectId", "resourceId"];
    private static readonly HashSet<string> NotificationRead = ["emailOn", "emails"];

    private static HashSet<string> TrialKeys() =>
        ["command", "codeId", "environmentId", "environmentVariables", "distribution", "resources"];

    public static JsonDocument Parse(string json, string? sourcePath) =>
        Parse(() => JsonDocument.Parse(json, DocumentOptions), sourcePath);

    public static JsonDocument Parse(Stream json, string? sourcePath) =>
        Parse(() => JsonDocument.Parse(json, DocumentOptions), sourcePath);

    private static readonly JsonDocumentOptions DocumentOptions =
        new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static JsonDocument Parse(Func<JsonDocument> parse, string? sourcePath)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            throw new AzureMLFormatException(
                $"the document is not valid JSON ({e.Message.Split(" Path:", 2)[0].TrimEnd('.')}). Fix the syntax at " +
                    "that place.",
                sourcePath,
                e.LineNumber is { } line ? (int)line + 1 : null,
                e.BytePositionInLine is { } column ? (int)column + 1 : null,
                string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path.TrimStart('$', '.'),
                e);
        }
    }

    public JobDefinition Read(JsonElement root)
    {
        context.ExpectKind(root, JsonValueKind.Object, "$", "a JSON object: the ARM job body {\"properties\": {...}}");
        string? name = null;
        JsonElement properties;
        string path;
        if (root.TryGetProperty("jobType", out _))
        {
            properties = root;
            path = string.Empty;
        }
        else if (JsonReadContext.TryGet(root, "properties", out properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            path = "properties";
            name = context.String(root, "name", string.Empty);
            context.NoteUnread(root, string.Empty, EnvelopeRead, EnvelopeService);
        }
        else
        {
            throw context.Fail(
                "properties",
                "is missing. An Azure ML job body is {\"properties\": {\"jobType\": \"Sweep\", ...}} (or the " +
                "properties object itself, with its jobType).");
        }

        LegacyPreviewPayload.ThrowIfLegacy(properties, context, path);
        var jobType =
            context.RequireString(properties, "jobType", path, "Give the job type: Sweep, Command or Pipeline.");
        JobDefinition job = jobType.ToUpperInvariant() switch
        {
            "SWEEP" => ReadSweep(properties, path),
            "COMMAND" => ReadCommand(properties, path),
            "PIPELINE" => ReadPipeline(properties, path),
            _ => throw context.Fail(
                JsonReadContext.Join(path, "jobType"),
                $"'{jobType}' jobs are not supported; HyperDrive.Fluent reads Sweep, Command and Pipeline jobs."),
        };
        return name is null ? job : job with { Name = name };
    }

    private T ReadBase<T>(T job, JsonElement properties, string path)
        where T : JobDefinition => job with
        {
            DisplayName = context.String(properties, "displayName", path),
            ExperimentName = context.String(properties, "experimentName", path),
            Description = context.String(properties, "description", path),
            Compute = context.String(properties, "computeId", path) is { } computeId
                ? ArmIds.FromComputeId(computeId, context.Options.WorkspaceId) : null,
            Tags = ReadTags(properties, path),
            Properties = context.StringMap(properties, "properties", path),
            Inputs = JobIoJson.Camel.ReadInputs(properties, "inputs", context, path),
            Outputs = JobIoJson.Camel.ReadOutputs(properties, "outputs", context, path),
            Identity = ReadIdentity(properties, path),
            QueueTier = ReadQueueTier(properties, path),
            Notifications = ReadNotifications(properties, path),
            IsArchived = context.Bool(properties, "isArchived", path) ?? false,
        };

    /// <summary>The tags, without the <c>_aml_system_*</c> ones the service adds (named in one notice).</summary>
    private EquatableMap<string> ReadTags(JsonElement properties, string path)
    {
        var system = 0;
        var tags = context.StringMap(properties, "tags", path, keep: key =>
        {
            var service = key.StartsWith(SystemTagPrefix, StringComparison.Ordinal);
            system += service ? 1 : 0;
            return !service;
        });
        if (system > 0)
        {
            context.ServiceField($"{JsonReadContext.Join(path, "tags")}.{SystemTagPrefix}*");
        }

        return tags;
    }

    /// <summary>The job's services: the Studio and Tracking endpoints the service adds to every job are named as
    /// service fields; an interactive service a user asked for (JupyterLab, SSH, TensorBoard, VSCode, Custom) is not
    /// modelled and is named as not carried.</summary>
    private void NoteServices(JsonElement properties, string path)
    {
        if (context.Object(properties, "services", path) is not { } services)
        {
            return;
        }

        var servicesPath = JsonReadContext.Join(path, "services");
        foreach (var service in services.EnumerateObject())
        {
            if (JsonReadContext.IsEmpty(service.Value))
            {
                continue;
            }

            var type = service.Value.ValueKind == JsonValueKind.Object
                && JsonReadContext.TryGet(service.Value, "jobServiceType", out var t)
                && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var servicePath = JsonReadContext.Join(servicesPath, service.Name);
            if (type is "Studio" or "Tracking")
            {
                context.ServiceField(servicePath);
            }
            else
            {
                context.NotCarried(
                    servicePath, $"the interactive service '{service.Name}' ({type ?? "no jobServiceType"})",
                    "Add it to the YAML command job's services by hand (az ml job create accepts it).");
            }
        }
    }

    private JobNotifications? ReadNotifications(JsonElement properties, string path)
    {
        if (context.Object(properties, "notificationSetting", path) is not { } notification
            || JsonReadContext.IsEmpty(notification))
        {
            return null;
        }

        var notificationPath = JsonReadContext.Join(path, "notificationSetting");
        context.NoteUnread(notification, notificationPath, NotificationRead);
        var events = new List<JobNotificationEvent>();
        if (JsonReadContext.TryGet(notification, "emailOn", out var emailOn))
        {
            context.ExpectKind(emailOn, JsonValueKind.Array, JsonReadContext.Join(notificationPath, "emailOn"),
                "an array of JobCompleted, JobFailed, JobCancelled");
            foreach (var item in emailOn.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                events.Add(Enum.TryParse<JobNotificationEvent>(text, ignoreCase: true, out var parsed)
                    && !int.TryParse(text, out _)
                    ? parsed
                    : throw context.Fail(
                        JsonReadContext.Join(notificationPath, "emailOn"),
                        $"unknown event '{text}'; use JobCompleted, JobFailed or JobCancelled."));
            }
        }

        var emails = new List<string>();
        if (JsonReadContext.TryGet(notification, "emails", out var emailList))
        {
            context.ExpectKind(emailList, JsonValueKind.Array, JsonReadContext.Join(notificationPath, "emails"),
                "an array of email addresses");
            foreach (var item in emailList.EnumerateArray())
            {
                context.ExpectKind(item, JsonValueKind.String, JsonReadContext.Join(notificationPath, "emails"),
                    "an email address");
                emails.Add(item.GetString()!);
            }
        }

        return new JobNotifications
            { EmailOn = EquatableList<JobNotificationEvent>.Create(events), Emails = EquatableList<string>.Create(
            emails) };
    }

    private SweepDefinition ReadSweep(JsonElement properties, string path)
    {
        var trial =
            context.RequireObject(
            properties, "trial", path, "Give the trial: {\"command\": ..., \"environmentId\": ..., \"codeId\": ...}.");
        var searchSpacePath = JsonReadContext.Join(path, "searchSpace");
        if (!JsonReadContext.TryGet(properties, "searchSpace", out var searchSpace))
        {
            throw context.Fail(
                searchSpacePath, "is required. Give the hyperparameters: {\"alpha\": [\"uniform\", [0.05, 1.0]]}.");
        }

        context.NoteUnread(properties, path, SweepRead, BaseService);
        NoteServices(properties, path);
        var sweep = new SweepDefinition
        {
            Trial = WithJobResources(ReadTrial(trial, JsonReadContext.Join(path, "trial")), properties, path),
            SearchSpace = RestSearchSpace.Read(searchSpace, context, searchSpacePath),
            SamplingAlgorithm =
                ReadSampling(
                context.RequireObject(
                properties, "samplingAlgorithm", path,
                "Give it as {\"samplingAlgorithmType\": \"Random\"} (or Grid, Bayesian)."), JsonReadContext.Join(
                path, "samplingAlgorithm")),
            Objective =
                ReadObjective(
                context.RequireObject(
                properties, "objective", path, "Give it as {\"goal\": \"Maximize\", \"primaryMetric\": \"accuracy\"}."),
                JsonReadContext.Join(path, "objective")),
            EarlyTermination = context.Object(properties, "earlyTermination", path) is { } policy
                ? ReadPolicy(policy, JsonReadContext.Join(path, "earlyTermination")) : null,
            Limits = context.Object(properties, "limits", path) is { } limits
                ? ReadLimits(limits, JsonReadContext.Join(path, "limits")) : new SweepLimits(),
        };
        return ReadBase(sweep, properties, path);
    }

    /// <summary>A sweep's job-level <c>resources</c> (sent by newer azure-ai-ml, recorded in the 2024-01-01-preview
    /// sweep PUTs; not in the GA SweepJob) is the trials' resources, as the YAML reader reads a sweep's top-level
    /// <c>resources</c>: its fields fill those the trial leaves unset, so nothing of it is lost.</summary>
    private CommandComponent WithJobResources(CommandComponent trial, JsonElement properties, string path)
    {
        if (context.Object(properties, "resources", path) is not { } resources || JsonReadContext.IsEmpty(resources))
        {
            return trial;
        }

        var job = ReadResources(resources, JsonReadContext.Join(path, "resources"));
        var own = trial.Resources ?? new JobResources();
        return trial with
        {
            Resources = own with
            {
                InstanceCount = own.InstanceCount ?? job.InstanceCount,
                InstanceType = own.InstanceType ?? job.InstanceType,
                ShmSize = own.ShmSize ?? job.ShmSize,
                DockerArgs = own.DockerArgs ?? job.DockerArgs,
                Properties = own.Properties.Count > 0 ? own.Properties : job.Properties,
            },
        };
    }

    private CommandJobDefinition ReadCommand(JsonElement properties, string path)
    {
        context.NoteUnread(properties, path, CommandRead, CommandService);
        NoteServices(properties, path);
        var component =
            ReadTrial(properties, path) with { ComponentId = context.String(properties, "componentId", path) };
        return ReadBase(new CommandJobDefinition { Component = component }, properties, path);
    }

    private PipelineDefinition ReadPipeline(JsonElement properties, string path)
    {
        context.NoteUnread(properties, path, PipelineRead, BaseService);
        NoteServices(properties, path);
        var settings = new PipelineSettings();
        if (context.Object(properties, "settings", path) is { } s)
        {
            var settingsPath = JsonReadContext.Join(path, "settings");
            context.NoteUnread(s, settingsPath, PipelineSettingsRead);
            settings = new PipelineSettings
            {
                DefaultCompute = context.String(s, "default_compute", settingsPath) is { } compute
                    ? ArmIds.FromComputeId(compute, context.Options.WorkspaceId) : null,
                DefaultDatastore = context.String(s, "default_datastore", settingsPath),
                ContinueOnStepFailure = context.Bool(s, "continue_on_step_failure", settingsPath),
            };
        }

        var jobs = new List<KeyValuePair<string, JobDefinition>>();
        if (context.Object(properties, "jobs", path) is { } nodes)
        {
            var jobsPath = JsonReadContext.Join(path, "jobs");
            foreach (var node in nodes.EnumerateObject())
            {
                if (node.Value.ValueKind != JsonValueKind.Null)
                {
                    jobs.Add(new(node.Name, Nodes.Read(node.Value, JsonReadContext.Join(jobsPath, node.Name))));
                }
            }
        }

        return ReadBase(new PipelineDefinition { Settings = settings, Jobs = EquatableMap<JobDefinition>.Create(jobs) },
            properties, path);
    }

    private CommandComponent ReadTrial(JsonElement trial, string path)
    {
        if (path.EndsWith("trial", StringComparison.Ordinal))
        {
            context.NoteUnread(trial, path, TrialRead);
        }

        return new()
        {
            Command =
                context.RequireString(
                trial, "command", path,
                "Give the command the trial runs, e.g. \"python train.py --lr ${{search_space.lr}}\"."),
            Code = context.String(trial, "codeId", path) is { } codeId ? CodeReference(codeId) : null,
            Environment = context.String(trial, "environmentId", path),
            EnvironmentVariables = context.StringMap(trial, "environmentVariables", path),
            Distribution = context.Object(trial, "distribution", path) is { } distribution
                ? ReadDistribution(distribution, JsonReadContext.Join(path, "distribution")) : null,
            Resources = context.Object(trial, "resources", path) is { } resources
                ? ReadResources(resources, JsonReadContext.Join(path, "resources")) : null,
        };
    }

    /// <summary>A REST <c>codeId</c> is always a code asset (the contract: "ARM id of code version"); one that is not
    /// an ARM id or an <c>azureml:</c> reference (e.g. <c>name:version</c>) is read as <c>azureml:name:version</c>, so
    /// the YAML written from it names the asset instead of a local folder of that name.</summary>
    private static string CodeReference(string codeId) => ArmIds.IsCodeAsset(codeId) ? codeId : "azureml:" + codeId;

    private JobResources ReadResources(JsonElement resources, string path)
    {
        context.NoteUnread(resources, path, ResourcesRead);
        return new()
        {
            InstanceCount = context.Int(resources, "instanceCount", path),
            InstanceType = context.String(resources, "instanceType", path),
            ShmSize = context.String(resources, "shmSize", path),
            DockerArgs = context.String(resources, "dockerArgs", path),
            Properties = ReadResourceProperties(resources, path),
        };
    }

    /// <summary><c>resources.properties</c> (any values in the REST model): string values are carried; any other value
    /// is named as not carried.</summary>
    private EquatableMap<string> ReadResourceProperties(JsonElement resources, string path)
    {
        if (context.Object(resources, "properties", path) is not { } properties)
        {
            return EquatableMap<string>.Empty;
        }

        var propertiesPath = JsonReadContext.Join(path, "properties");
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in properties.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.String)
            {
                entries.Add(new(entry.Name, entry.Value.GetString()!));
            }
            else if (!JsonReadContext.IsEmpty(entry.Value))
            {
                context.NotCarried(
                    JsonReadContext.Join(propertiesPath, entry.Name),
                    $"the resource property '{entry.Name}' ({JsonReadContext.Describe(entry.Value)}; only string " +
                    "values are carried)", "Give it as a string, or set it on the job by hand.");
            }
        }

        return EquatableMap<string>.Create(entries);
    }

    private DistributedTraining ReadDistribution(JsonElement distribution, string path)
    {
        var type = context.RequireString(distribution, "distributionType", path, "Give PyTorch, Mpi or TensorFlow.");
        return type.ToUpperInvariant() switch
        {
            "PYTORCH" => new PyTorchDistribution(context.Int(distribution, "processCountPerInstance", path)),
            "MPI" => new MpiDistribution(context.Int(distribution, "processCountPerInstance", path)),
            "TENSORFLOW" =>
                new TensorFlowDistribution(
                context.Int(distribution, "workerCount", path),
                context.Int(distribution, "parameterServerCount", path)),
            _ => throw context.Fail(
                JsonReadContext.Join(path, "distributionType"),
                $"unknown distribution type '{type}'; use PyTorch, Mpi or TensorFlow."),
        };
    }

    private JobIdentity? ReadIdentity(JsonElement properties, string path)
    {
        if (context.Object(properties, "identity", path) is not { } identity)
        {
            return null;
        }

        var identityPath = JsonReadContext.Join(path, "identity");
        context.NoteUnread(identity, identityPath, IdentityRead);
        var type =
            context.RequireString(identity, "identityType", identityPath, "Give AMLToken, Managed or UserIdentity.");
        return type.ToUpperInvariant() switch
        {
            "AMLTOKEN" => new AmlTokenIdentity(),
            "USERIDENTITY" => new UserIdentity(),
            "MANAGED" =>
                new ManagedIdentity(
                context.String(identity, "clientId", identityPath), context.String(identity, "objectId", identityPath),
                context.String(identity, "resourceId", identityPath)),
            _ => throw context.Fail(
                JsonReadContext.Join(identityPath, "identityType"),
                $"unknown identity type '{type}'; use AMLToken, Managed or UserIdentity."),
        };
    }

    private JobTier? ReadQueueTier(JsonElement properties, string path)
    {
        if (context.Object(properties, "queueSettings", path) is not { } queue)
        {
            return null;
        }

        context.NoteUnread(queue, JsonReadContext.Join(path, "queueSettings"), QueueRead);
        if (context.String(queue, "jobTier", JsonReadContext.Join(path, "queueSettings")) is not { } tier)
        {
            return null;
        }

        return Enum.TryParse<JobTier>(tier, ignoreCase: true, out var value) && !int.TryParse(tier, out _)
            ? value
            : throw context.Fail(
                JsonReadContext.Join(path, "queueSettings.jobTier"),
                $"unknown job tier '{tier}'; use Null, Spot, Basic, Standard or Premium.");
    }

    private SamplingAlgorithm ReadSampling(JsonElement sampling, string path)
    {
        var type = context.RequireString(sampling, "samplingAlgorithmType", path, "Give Random, Grid or Bayesian.");
        context.NoteUnread(sampling, path, SamplingRead);
        switch (type.ToUpperInvariant())
        {
            case "RANDOM":
                RandomSamplingRule? rule = null;
                if (context.String(sampling, "rule", path) is { } ruleText)
                {
                    rule = Enum.TryParse<RandomSamplingRule>(ruleText, ignoreCase: true, out var parsed)
                        && !int.TryParse(ruleText, out _)
                        ? parsed
                        : throw context.Fail(
                            JsonReadContext.Join(path, "rule"), $"unknown rule '{ruleText}'; use Random or Sobol.");
                }

                return new RandomSampling(context.Int(sampling, "seed", path), rule)
                    { LogBase = LogBaseJson.Read(sampling, context, path) };
            case "GRID":
                return new GridSampling();
            case "BAYESIAN":
                return new BayesianSampling();
            default:
                throw context.Fail(
                    JsonReadContext.Join(path, "samplingAlgorithmType"),
                    $"unknown sampling algorithm '{type}'; use Random, Grid or Bayesian.");
        }
    }

    private Objective ReadObjective(JsonElement objective, string path)
    {
        context.NoteUnread(objective, path, ObjectiveRead);
        var goal = context.RequireString(objective, "goal", path, "Give Maximize or Minimize.");
        var metric =
            context.RequireString(objective, "primaryMetric", path, "Give the name of the metric the trials log.");
        return new Objective(ParseGoal(goal, JsonReadContext.Join(path, "goal")), metric);
    }

    public ObjectiveGoal ParseGoal(string goal, string path) => goal.ToUpperInvariant() switch
    {
        "MAXIMIZE" => ObjectiveGoal.Maximize,
        "MINIMIZE" => ObjectiveGoal.Minimize,
        _ => throw context.Fail(path, $"unknown goal '{goal}'; use Maximize or Minimize."),
    };

    private EarlyTerminationPolicy ReadPolicy(JsonElement policy, string path)
    {
        var type =
            context.RequireString(policy, "policyType", path, "Give Bandit, MedianStopping or TruncationSelection.");
        context.NoteUnread(policy, path, PolicyRead);
        return ReadPolicy(policy, path, type, snake: false);
    }

    /// <summary>Builds a policy from REST-model fields, camelCase (job body) or snake_case (pipeline node).
    /// A missing interval or delay is the REST default, 0. A slack of 0 is read as not set (the REST default is 0 for
    /// both, and azure-ai-ml does the same).</summary>
    public EarlyTerminationPolicy ReadPolicy(JsonElement policy, string path, string type, bool snake)
    {
        string Name(string camel, string snakeName) => snake ? snakeName : camel;
        var interval = context.Int(policy, Name("evaluationInterval", "evaluation_interval"), path) ?? 0;
        var delay = context.Int(policy, Name("delayEvaluation", "delay_evaluation"), path) ?? 0;
        try
        {
            return type.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
            {
                "BANDIT" => new BanditPolicy(
                    NonZero(context.Double(policy, Name("slackFactor", "slack_factor"), path)),
                    NonZero(context.Double(policy, Name("slackAmount", "slack_amount"), path)),
                    interval,
                    delay),
                "MEDIANSTOPPING" => new MedianStoppingPolicy(interval, delay),
                "TRUNCATIONSELECTION" =>
                    new TruncationSelectionPolicy(
                    context.Int(policy, Name("truncationPercentage", "truncation_percentage"), path)
                    ?? 0, interval, delay),
                _ => throw context.Fail(JsonReadContext.Join(path, Name("policyType", "policy_type")),
                    $"unknown early termination policy '{type}'; use Bandit, MedianStopping or TruncationSelection."),
            };
        }
        catch (ArgumentException e)
        {
            throw context.Fail(path, e.Message, e);
        }
    }

    private static double? NonZero(double? value) => value is 0 ? null : value;

    private SweepLimits ReadLimits(JsonElement limits, string path) =>
        NoteUnread(limits, path, LimitsRead, new SweepLimits
    {
        MaxTotalTrials = context.Int(limits, "maxTotalTrials", path),
        MaxConcurrentTrials = context.Int(limits, "maxConcurrentTrials", path),
        Timeout = context.Duration(limits, "timeout", path),
        TrialTimeout = context.Duration(limits, "trialTimeout", path),
    });

    private T NoteUnread<T>(JsonElement obj, string path, IReadOnlySet<string> read, T value)
    {
        context.NoteUnread(obj, path, read);
        return value;
    }
}
