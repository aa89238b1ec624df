using HyperDrive.Fluent.Pipelines;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// A CLI v2 job document (<c>type: sweep | command | pipeline</c>, a pipeline's steps <c>sweep | command</c>): the
/// fields every job has, and how each kind puts the sections together. The sections live in their own files
/// (<see cref="YamlSearchSpace"/>, <see cref="YamlSweepSettings"/>, <see cref="YamlJobIo"/>,
/// <see cref="YamlComponent"/>, <see cref="YamlEnvironment"/>, <see cref="YamlJobSettings"/>), each with its reading
/// and writing rules side by side.
/// </summary>
internal static class YamlJob
{
    private const string SchemaBase = "https://azuremlschemas.azureedge.net/latest/";

    private static readonly string[] CommonKeys =
        ["$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties", "compute",
            "identity", "queue_settings", "inputs", "outputs"];

    private static readonly string[] SweepKeys =
        [.. CommonKeys, "resources", "trial", "sampling_algorithm", "search_space", "objective", "early_termination",
            "limits"];

    private static readonly string[] CommandKeys =
        [.. CommonKeys, "component", "command", "code", "environment", "environment_variables", "distribution",
            "resources"];

    private static readonly string[] PipelineKeys =
        ["$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties", "compute",
            "identity", "queue_settings", "settings", "inputs", "outputs", "jobs"];

    /// <summary>Reads a job document; every problem found is in the one exception thrown.</summary>
    public static JobDefinition Read(string text, string? file, AzureMLYamlReadOptions options)
    {
        var context = new YamlReadContext(file, options);
        var root = YamlDocumentLoader.Load(text, context);
        LegacySyntaxDetector.ThrowIfLegacy(root, context);
        var job = context.Recover(() => ReadJob(context, root, string.Empty, topLevel: true), null);
        context.ThrowIfProblems();
        return job!;
    }

    /// <summary>Writes a job document; what YAML has no key for is in <paramref name="omissions"/> and, as comments, at
    /// the top of the text.</summary>
    public static string Write(JobDefinition definition, out IReadOnlyList<Validation.ValidationProblem> omissions)
    {
        var text = YamlTextEmitter.Emit(WriteJob(definition, topLevel: true, path: string.Empty));
        omissions = YamlOmissions.Find(definition);
        return YamlOmissions.AsComments(omissions) + text;
    }

    private static JobDefinition ReadJob(YamlReadContext context, YamlNode node, string path, bool topLevel)
    {
        var mapping = context.Mapping(node, path.Length == 0 ? "<root>" : path);
        var types = topLevel ? YamlNames.JobTypes : YamlNames.NodeTypes;
        var type = topLevel && !HasKey(mapping, "type")
            ? DefaultJobType(context, mapping)
            : context.PeekType(mapping, path, types, topLevel ? "job type" : "pipeline step type");
        return type switch
        {
            "sweep" => ReadSweep(context, context.Map(mapping, path, SweepKeys)),
            "command" => ReadCommand(context, context.Map(mapping, path, CommandKeys)),
            _ => ReadPipeline(context, context.Map(mapping, path, PipelineKeys)),
        };
    }

    /// <summary>A job file without <c>type</c> is a command job, as azure-ai-ml reads it
    /// (<c>Job._resolve_cls_and_type</c>: <c>data.get("type", JobType.COMMAND)</c>; azureml-examples'
    /// <c>hello-world.yml</c> has no type). One that has a sweep's or a pipeline's keys is refused at <c>type</c>,
    /// naming the type it needs (the CLI would read it as a command and fail).</summary>
    private static string DefaultJobType(YamlReadContext context, YamlMappingNode mapping)
    {
        var sweepKey = SweepOnlyKeys.FirstOrDefault(k => HasKey(mapping, k));
        var needed = sweepKey is not null ? "sweep" : HasKey(mapping, "jobs") ? "pipeline" : null;
        if (needed is not null)
        {
            throw context.Error(
                mapping,
                "type",
                "'type' is required here: without it Azure ML reads the file as a command job (the default), but it " +
                    $"has '{sweepKey ?? "jobs"}'; add type: {needed}. Valid values: sweep, command, pipeline.");
        }

        return "command";
    }

    private static readonly string[] SweepOnlyKeys =
        ["trial", "search_space", "sampling_algorithm", "objective", "early_termination"];

    private static bool HasKey(YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.Any(k => k is YamlScalarNode { Value: { } name }
            && string.Equals(name, key, StringComparison.Ordinal));

    private static YamlMappingNode WriteJob(JobDefinition definition, bool topLevel, string path) => definition switch
    {
        SweepDefinition sweep => WriteSweep(sweep, topLevel, path),
        CommandJobDefinition command => WriteCommand(command, topLevel, path),
        PipelineDefinition pipeline when topLevel => WritePipeline(pipeline),
        PipelineDefinition =>
            throw new ArgumentException(
            $"The pipeline step '{path}' is itself a pipeline; CLI v2 YAML pipeline steps here must be sweeps or " +
            "command jobs.", nameof(definition)),
        _ => throw new ArgumentException($"Unsupported job type {definition.GetType().Name}.", nameof(definition)),
    };

    // ---------------------------------------------------------------- what every job has

    private static T ReadCommon<T>(YamlReadContext context, YamlMap map, T definition)
        where T : JobDefinition =>
        (T)(definition with
        {
            Name = context.Recover(() => map.String("name"), null),
            DisplayName = context.Recover(() => map.String("display_name"), null),
            ExperimentName = context.Recover(() => map.String("experiment_name"), null),
            Description = context.Recover(() => map.String("description"), null),
            Tags = context.Recover(() => map.StringMap("tags"), EquatableMap<string>.Empty),
            Properties = context.Recover(() => map.StringMap("properties"), EquatableMap<string>.Empty),
            Compute = context.Recover(() => map.String("compute"), null),
            Identity =
                context.Recover(() => map.Get("identity") is { } identity
                ? YamlJobSettings.ReadIdentity(context, identity, map.KeyPath("identity")) : null, null),
            QueueTier =
                context.Recover(() => map.Get("queue_settings") is { } queue
                ? YamlJobSettings.ReadQueueTier(context, queue, map.KeyPath("queue_settings")) : (JobTier?)null, null),
            Inputs = context.Recover(() => YamlJobIo.ReadInputs(context, map.Get("inputs"), map.KeyPath("inputs")),
                EquatableMap<JobInput>.Empty),
            Outputs =
                context.Recover(() => YamlJobIo.ReadOutputs(context, map.Get("outputs"), map.KeyPath("outputs")),
                EquatableMap<JobOutput>.Empty),
        });

    private static YamlMappingNode Header(JobDefinition definition, bool topLevel, string schema)
    {
        var map = new YamlMappingNode();
        if (topLevel)
        {
            Add(map, "$schema", SchemaBase + schema);
        }

        Add(map, "type", definition.JobType);
        Add(map, "name", definition.Name);
        Add(map, "display_name", definition.DisplayName);
        Add(map, "experiment_name", definition.ExperimentName);
        Add(map, "description", definition.Description);
        Add(map, "tags", StringMap(definition.Tags));
        Add(map, "properties", StringMap(definition.Properties));
        return map;
    }

    private static void WriteInputsOutputsCompute(YamlMappingNode map, JobDefinition definition)
    {
        Add(map, "inputs", YamlJobIo.WriteInputs(definition.Inputs));
        Add(map, "outputs", YamlJobIo.WriteOutputs(definition.Outputs));
        Add(map, "compute", definition.Compute);
    }

    private static void Footer(YamlMappingNode map, JobDefinition definition)
    {
        Add(map, "identity", YamlJobSettings.WriteIdentity(definition.Identity));
        Add(map, "queue_settings", YamlJobSettings.WriteQueueSettings(definition.QueueTier));
    }

    // ---------------------------------------------------------------- sweep

    private static SweepDefinition ReadSweep(YamlReadContext context, YamlMap map)
    {
        var trial =
            context.Recover(() =>
            YamlComponent.ReadComponentOrReference(context, map.Require("trial"), map.KeyPath("trial")),
            new CommandComponent());
        if (context.Recover(() =>
            map.Get("resources") is { } r ? YamlComponent.ReadResources(context, r, map.KeyPath("resources"))
            : null, null) is { } resources)
        {
            trial = trial with { Resources = resources };
        }

        return ReadCommon(context, map, new SweepDefinition
        {
            Trial = trial,
            SamplingAlgorithm =
                context.Recover(() =>
                YamlSweepSettings.ReadSampling(
                context, map.Require("sampling_algorithm"), map.KeyPath("sampling_algorithm")), new RandomSampling()),
            SearchSpace =
                context.Recover(() =>
                YamlSearchSpace.Read(context, map.Require("search_space"), map.KeyPath("search_space")),
                EquatableMap<Distribution>.Empty),
            Objective =
                context.Recover(() =>
                YamlSweepSettings.ReadObjective(context, map.Require("objective"), map.KeyPath("objective")),
                new Objective(ObjectiveGoal.Maximize, "objective")),
            EarlyTermination =
                context.Recover(() => map.Get("early_termination") is { } policy
                ? YamlSweepSettings.ReadPolicy(context, policy, map.KeyPath("early_termination")) : null, null),
            Limits = context.Recover(() =>
                map.Get("limits") is { } limits ? YamlSweepSettings.ReadLimits(context, limits, map.KeyPath("limits"))
                : new SweepLimits(), new SweepLimits()),
        });
    }

    private static YamlMappingNode WriteSweep(SweepDefinition sweep, bool topLevel, string path)
    {
        if (sweep.InProcessTrial is not null)
        {
            var trialPath = YamlReadContext.Join(path, "trial");
            throw new ArgumentException(
                $"'{trialPath}' runs a .NET delegate in this process (Sweep.For(async (ctx, ct) => ...)), which CLI " +
                    "v2 YAML cannot express: " +
                "the job would have an empty command. Give the trial a command to write it as YAML " +
                    "(Sweep.For(\"train.py\") or " +
                "Sweep.ForCommand(\"python train.py --alpha ${{search_space.alpha}}\")), or run the delegate with " +
                    "the local engine.",
                nameof(sweep));
        }

        var map = Header(sweep, topLevel, "sweepJob.schema.json");
        if (YamlComponent.IsReference(sweep.Trial, YamlReadContext.Join(path, "trial")))
        {
            map.Add("trial", YamlComponent.WriteReference(sweep.Trial));
            Add(map, "resources", YamlComponent.WriteResources(sweep.Trial.Resources));
        }
        else
        {
            map.Add("trial", YamlComponent.WriteComponent(sweep.Trial));
        }

        WriteInputsOutputsCompute(map, sweep);
        map.Add("sampling_algorithm", YamlSweepSettings.WriteSampling(sweep.SamplingAlgorithm));
        map.Add("search_space", YamlSearchSpace.Write(sweep.SearchSpace));
        map.Add("objective", YamlSweepSettings.WriteObjective(sweep.Objective));
        Add(map, "early_termination", YamlSweepSettings.WritePolicy(sweep.EarlyTermination));
        Add(map, "limits", YamlSweepSettings.WriteLimits(sweep.Limits));
        Footer(map, sweep);
        return map;
    }

    // ---------------------------------------------------------------- command

    private static CommandJobDefinition ReadCommand(YamlReadContext context, YamlMap map)
    {
        CommandComponent component;
        if (map.Get("component") is { } reference)
        {
            foreach (var key in YamlComponent.CommandFieldKeys)
            {
                if (map.Has(key))
                {
                    context.Report(
                        context.Error(
                        map.GetRaw(key), map.KeyPath(key),
                        $"'{key}' cannot be set together with 'component'; set it in the component instead."));
                }
            }

            component =
                context.Recover(() =>
                YamlComponent.ReadComponentOrReference(context, reference, map.KeyPath("component")),
                new CommandComponent());
            if (context.Recover(() =>
                map.Get("resources") is { } r ? YamlComponent.ReadResources(context, r, map.KeyPath("resources"))
                : null, null) is { } resources)
            {
                component = component with { Resources = resources };
            }
        }
        else
        {
            component = YamlComponent.ReadCommandFields(context, map);
        }

        return ReadCommon(context, map, new CommandJobDefinition { Component = component });
    }

    private static YamlMappingNode WriteCommand(CommandJobDefinition command, bool topLevel, string path)
    {
        var map = Header(command, topLevel, "commandJob.schema.json");
        var component = command.Component;
        if (YamlComponent.IsReference(component, YamlReadContext.Join(path, "component")))
        {
            map.Add("component", YamlComponent.WriteReference(component));
            Add(map, "resources", YamlComponent.WriteResources(component.Resources));
        }
        else if (YamlComponent.HasDeclarations(component))
        {
            map.Add("component", YamlComponent.WriteComponent(component));
        }
        else
        {
            YamlComponent.WriteCommandFields(map, component);
        }

        WriteInputsOutputsCompute(map, command);
        Footer(map, command);
        return map;
    }

    // ---------------------------------------------------------------- pipeline

    private static PipelineDefinition ReadPipeline(YamlReadContext context, YamlMap map)
    {
        var jobs = context.Recover(
            () => map.Get("jobs") is { } jobsNode
                ? context.Entries(jobsNode, map.KeyPath("jobs"), (job, jobPath) =>
                    ReadJob(context, job, jobPath, topLevel: false))
                : [],
            []);
        var settings = context.Recover(
            () => map.Get("settings") is { } s ? YamlJobSettings.ReadPipelineSettings(
                context, s, map.KeyPath("settings")) : new PipelineSettings(),
            new PipelineSettings());
        return ReadCommon(
            context, map, new PipelineDefinition
            { Jobs = EquatableMap<JobDefinition>.Create(jobs), Settings = settings });
    }

    private static YamlMappingNode WritePipeline(PipelineDefinition pipeline)
    {
        var map = Header(pipeline, topLevel: true, "pipelineJob.schema.json");
        Add(map, "compute", pipeline.Compute);
        Add(map, "settings", YamlJobSettings.WritePipelineSettings(pipeline.Settings));
        Add(map, "inputs", YamlJobIo.WriteInputs(pipeline.Inputs));
        Add(map, "outputs", YamlJobIo.WriteOutputs(pipeline.Outputs));
        var jobs = new YamlMappingNode();
        foreach (var (name, job) in pipeline.Jobs)
        {
            jobs.Add(name, WriteJob(job, topLevel: false, "jobs." + name));
        }

        map.Add("jobs", jobs);
        Footer(map, pipeline);
        return map;
    }
}
