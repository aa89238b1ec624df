using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>Writes the model as CLI v2 YAML: snake_case keys in a fixed order, typed scalars, component references kept as references.</summary>
internal static class YamlJobWriter
{
    private const string SchemaBase = "https://azuremlschemas.azureedge.net/latest/";

    public static string Write(JobDefinition definition) => YamlTextEmitter.Emit(Job(definition, topLevel: true, path: string.Empty));

    private static YamlMappingNode Job(JobDefinition definition, bool topLevel, string path) => definition switch
    {
        SweepDefinition sweep => Sweep(sweep, topLevel, path),
        CommandJobDefinition command => Command(command, topLevel, path),
        PipelineDefinition pipeline when topLevel => Pipeline(pipeline),
        PipelineDefinition => throw new ArgumentException($"The pipeline step '{path}' is itself a pipeline; CLI v2 YAML pipeline steps here must be sweeps or command jobs.", nameof(definition)),
        _ => throw new ArgumentException($"Unsupported job type {definition.GetType().Name}.", nameof(definition)),
    };

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

    private static void Footer(YamlMappingNode map, JobDefinition definition)
    {
        Add(map, "identity", Identity(definition.Identity));
        if (definition.QueueTier is { } tier)
        {
            Add(map, "queue_settings", new YamlMappingNode { { "job_tier", Text(YamlNames.Tier(tier)) } });
        }
    }

    private static void InputsOutputsCompute(YamlMappingNode map, JobDefinition definition)
    {
        Add(map, "inputs", Inputs(definition.Inputs));
        Add(map, "outputs", Outputs(definition.Outputs));
        Add(map, "compute", definition.Compute);
    }

    private static YamlMappingNode Sweep(SweepDefinition sweep, bool topLevel, string path)
    {
        var map = Header(sweep, topLevel, "sweepJob.schema.json");
        if (IsReference(sweep.Trial, YamlReadContext.Join(path, "trial")))
        {
            map.Add("trial", Text(Reference(sweep.Trial)));
            Add(map, "resources", Resources(sweep.Trial.Resources));
        }
        else
        {
            map.Add("trial", Component(sweep.Trial));
        }

        InputsOutputsCompute(map, sweep);
        map.Add("sampling_algorithm", Sampling(sweep.SamplingAlgorithm));
        map.Add("search_space", Map(sweep.SearchSpace, Distribution) ?? new YamlMappingNode());
        map.Add("objective", new YamlMappingNode { { "goal", Text(YamlNames.Goal(sweep.Objective.Goal)) }, { "primary_metric", Text(sweep.Objective.PrimaryMetric) } });
        Add(map, "early_termination", Policy(sweep.EarlyTermination));
        Add(map, "limits", Limits(sweep.Limits));
        Footer(map, sweep);
        return map;
    }

    private static YamlMappingNode Command(CommandJobDefinition command, bool topLevel, string path)
    {
        var map = Header(command, topLevel, "commandJob.schema.json");
        var component = command.Component;
        if (IsReference(component, YamlReadContext.Join(path, "component")))
        {
            map.Add("component", Text(Reference(component)));
            Add(map, "resources", Resources(component.Resources));
        }
        else if (component.Inputs.Count > 0 || component.Outputs.Count > 0 || component.Name is not null || component.Version is not null
            || component.DisplayName is not null || component.Description is not null)
        {
            map.Add("component", Component(component));
        }
        else
        {
            AddCommandFields(map, component);
        }

        InputsOutputsCompute(map, command);
        Footer(map, command);
        return map;
    }

    private static YamlMappingNode Pipeline(PipelineDefinition pipeline)
    {
        var map = Header(pipeline, topLevel: true, "pipelineJob.schema.json");
        Add(map, "compute", pipeline.Compute);
        var settings = new YamlMappingNode();
        Add(settings, "default_compute", pipeline.Settings.DefaultCompute);
        Add(settings, "default_datastore", pipeline.Settings.DefaultDatastore);
        if (pipeline.Settings.ContinueOnStepFailure is { } continueOnFailure)
        {
            settings.Add("continue_on_step_failure", Bool(continueOnFailure));
        }

        Add(map, "settings", settings.Children.Count == 0 ? null : settings);
        Add(map, "inputs", Inputs(pipeline.Inputs));
        Add(map, "outputs", Outputs(pipeline.Outputs));
        var jobs = new YamlMappingNode();
        foreach (var (name, job) in pipeline.Jobs)
        {
            jobs.Add(name, Job(job, topLevel: false, "jobs." + name));
        }

        map.Add("jobs", jobs);
        Footer(map, pipeline);
        return map;
    }

    // ---------------------------------------------------------------- components

    private static bool IsReference(CommandComponent component, string path)
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
                $"'{path}' refers to the registered component '{component.ComponentId}' and also defines a command, code, environment or declarations; "
                + "CLI v2 YAML can hold only one of them. Clear ComponentId to write the component inline.",
                nameof(component));
        }

        return true;
    }

    private static string Reference(CommandComponent component) => component.Source ?? component.ComponentId!;

    private static YamlMappingNode Component(CommandComponent component)
    {
        var map = new YamlMappingNode();
        Add(map, "name", component.Name);
        Add(map, "version", component.Version);
        Add(map, "display_name", component.DisplayName);
        Add(map, "description", component.Description);
        AddCommandFields(map, component);
        Add(map, "inputs", Map(component.Inputs, DeclaredInput));
        Add(map, "outputs", Outputs(component.Outputs));
        return map;
    }

    /// <summary>What an inline command job and a command component share: command, code, environment and its variables, distribution, resources.</summary>
    private static void AddCommandFields(YamlMappingNode map, CommandComponent component)
    {
        map.Add("command", Text(component.Command));
        Add(map, "code", component.Code);
        Add(map, "environment", component.Environment);
        Add(map, "environment_variables", StringMap(component.EnvironmentVariables));
        Add(map, "distribution", Distribution(component.Distribution));
        Add(map, "resources", Resources(component.Resources));
    }

    private static YamlMappingNode DeclaredInput(ComponentInput input)
    {
        var entry = new YamlMappingNode { { "type", Text(input.Type) } };
        if (input.Default is { } value)
        {
            entry.Add("default", Value(value));
        }

        if (input.Optional is { } optional)
        {
            entry.Add("optional", Bool(optional));
        }

        Add(entry, "description", input.Description);
        if (input.Mode is { } mode)
        {
            entry.Add("mode", Text(WireNames.ToYaml(mode)));
        }

        return entry;
    }

    private static YamlMappingNode? Distribution(DistributedTraining? distribution)
    {
        if (distribution is null)
        {
            return null;
        }

        var map = new YamlMappingNode { { "type", Text(distribution.Name) } };
        switch (distribution)
        {
            case PyTorchDistribution { ProcessCountPerInstance: { } p }:
                map.Add("process_count_per_instance", Long(p));
                break;
            case MpiDistribution { ProcessCountPerInstance: { } p }:
                map.Add("process_count_per_instance", Long(p));
                break;
            case TensorFlowDistribution tf:
                if (tf.WorkerCount is { } workers)
                {
                    map.Add("worker_count", Long(workers));
                }

                if (tf.ParameterServerCount is { } servers)
                {
                    map.Add("parameter_server_count", Long(servers));
                }

                break;
        }

        return map;
    }

    private static YamlMappingNode? Resources(JobResources? resources)
    {
        if (resources is null)
        {
            return null;
        }

        var map = new YamlMappingNode();
        if (resources.InstanceCount is { } count)
        {
            map.Add("instance_count", Long(count));
        }

        Add(map, "instance_type", resources.InstanceType);
        Add(map, "shm_size", resources.ShmSize);
        Add(map, "docker_args", resources.DockerArgs);
        return map;
    }

    // ---------------------------------------------------------------- inputs and outputs

    private static YamlMappingNode? Inputs(EquatableMap<JobInput> inputs) => Map(inputs, Input);

    private static YamlNode Input(JobInput input)
    {
        switch (input)
        {
            case LiteralInput literal when literal.Description is null:
                return Value(literal.Value);
            case LiteralInput literal:
                return new YamlMappingNode { { "value", Value(literal.Value) }, { "description", Text(literal.Description!) } };
            case BindingInput binding when binding.Description is null:
                return Text(binding.Expression);
            case BindingInput binding:
                return new YamlMappingNode { { "value", Text(binding.Expression) }, { "description", Text(binding.Description!) } };
            case AssetInput asset:
                var map = new YamlMappingNode { { "type", Text(WireNames.ToName(asset.Type)) }, { "path", Text(asset.Path) } };
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

    private static YamlMappingNode? Outputs(EquatableMap<JobOutput> outputs) => Map(outputs, Output);

    private static YamlMappingNode Output(JobOutput output)
    {
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

    // ---------------------------------------------------------------- sweep settings

    private static YamlNode Sampling(SamplingAlgorithm algorithm)
    {
        if (algorithm is RandomSampling { Seed: null, Rule: null } or not RandomSampling)
        {
            return Text(algorithm.Name);
        }

        var random = (RandomSampling)algorithm;
        var map = new YamlMappingNode { { "type", Text(random.Name) } };
        if (random.Seed is { } seed)
        {
            map.Add("seed", Long(seed));
        }

        if (random.Rule is { } rule)
        {
            map.Add("rule", Text(YamlNames.Rule(rule)));
        }

        return map;
    }

    private static YamlMappingNode? Policy(EarlyTerminationPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        var map = new YamlMappingNode
        {
            { "type", Text(policy.Name) },
            { "evaluation_interval", Long(policy.EvaluationInterval) },
            { "delay_evaluation", Long(policy.DelayEvaluation) },
        };
        switch (policy)
        {
            case BanditPolicy bandit:
                if (bandit.SlackFactor is { } factor)
                {
                    map.Add("slack_factor", Double(factor));
                }

                if (bandit.SlackAmount is { } amount)
                {
                    map.Add("slack_amount", Double(amount));
                }

                break;
            case TruncationSelectionPolicy truncation:
                map.Add("truncation_percentage", Long(truncation.TruncationPercentage));
                break;
        }

        return map;
    }

    private static YamlMappingNode? Limits(SweepLimits limits)
    {
        var map = new YamlMappingNode();
        if (limits.MaxTotalTrials is { } total)
        {
            map.Add("max_total_trials", Long(total));
        }

        if (limits.MaxConcurrentTrials is { } concurrent)
        {
            map.Add("max_concurrent_trials", Long(concurrent));
        }

        if (limits.Timeout is { } timeout)
        {
            map.Add("timeout", Seconds(timeout));
        }

        if (limits.TrialTimeout is { } trialTimeout)
        {
            map.Add("trial_timeout", Seconds(trialTimeout));
        }

        return map.Children.Count == 0 ? null : map;
    }

    private static YamlScalarNode Seconds(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerSecond == 0 ? Long(span.Ticks / TimeSpan.TicksPerSecond) : Double((double)span.Ticks / TimeSpan.TicksPerSecond);

    private static YamlMappingNode? Identity(JobIdentity? identity)
    {
        if (identity is null)
        {
            return null;
        }

        var map = new YamlMappingNode { { "type", Text(identity.Name) } };
        if (identity is ManagedIdentity managed)
        {
            Add(map, "client_id", managed.ClientId);
            Add(map, "object_id", managed.ObjectId);
            Add(map, "resource_id", managed.ResourceId);
        }

        return map;
    }

    private static YamlMappingNode Distribution(Distribution distribution)
    {
        var map = new YamlMappingNode { { "type", Text(distribution.TypeName) } };
        switch (distribution)
        {
            case ChoiceDistribution choice:
                var values = new YamlSequenceNode();
                values.Style = choice.Values.Any(v => v is ChoiceObject) ? YamlDotNet.Core.Events.SequenceStyle.Block : YamlDotNet.Core.Events.SequenceStyle.Flow;
                foreach (var value in choice.Values)
                {
                    values.Add(ChoiceValue(value));
                }

                map.Add("values", values);
                break;
            default:
                foreach (var argument in DistributionArguments.Of(distribution))
                {
                    map.Add(argument.Name, argument.Integer is { } integer ? Long(integer) : Double(argument.Real));
                }

                break;
        }

        return map;
    }

    private static YamlNode ChoiceValue(object value)
    {
        if (value is not ChoiceObject choiceObject)
        {
            return Value(value);
        }

        var map = new YamlMappingNode();
        foreach (var (name, member) in choiceObject)
        {
            map.Add(name, member is Distribution nested ? Distribution(nested) : Value(member));
        }

        return map;
    }

    // ---------------------------------------------------------------- scalars

    private static YamlMappingNode? StringMap(EquatableMap<string> values) => Map(values, Text);

    /// <summary>A mapping of each entry's name to its node, in the map's order; <see langword="null"/> (the key is left out) when there are none.</summary>
    private static YamlMappingNode? Map<T>(EquatableMap<T> values, Func<T, YamlNode> node)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var map = new YamlMappingNode();
        foreach (var (name, value) in values)
        {
            map.Add(name, node(value));
        }

        return map;
    }

    private static void Add(YamlMappingNode map, string key, string? value)
    {
        if (value is not null)
        {
            map.Add(key, Text(value));
        }
    }

    private static void Add(YamlMappingNode map, string key, YamlNode? value)
    {
        if (value is not null)
        {
            map.Add(key, value);
        }
    }

    private static YamlScalarNode Text(string value) =>
        new(value) { Style = YamlScalars.NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };

    private static YamlScalarNode Long(long value) => new(YamlScalars.FormatLong(value)) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Double(double value) => new(YamlScalars.FormatDouble(value)) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    private static YamlScalarNode Value(object value) => value switch
    {
        string s => Text(s),
        long l => Long(l),
        int i => Long(i),
        double d => Double(d),
        bool b => Bool(b),
        _ => throw new ArgumentException($"Unsupported literal of type {value.GetType().Name}; use a string, integer, real or boolean.", nameof(value)),
    };
}
