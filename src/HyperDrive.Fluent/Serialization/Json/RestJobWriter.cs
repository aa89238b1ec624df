using System.Text.Json;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// Writes the ARM body of <c>PUT .../jobs/{name}</c> (<c>{"properties": {...}}</c>) for a sweep, command or pipeline
/// job, exactly per the REST contract (camelCase names, PascalCase discriminators, ISO-8601 durations).
/// </summary>
/// <remarks>
/// Not carried by the REST body (engine-side behaviour, not part of the Azure ML job):
/// <see cref="SweepDefinition.MetricPatterns"/> (local engine), <see cref="SweepDefinition.RegisterBestModel"/> and
/// <see cref="PipelineDefinition.ModelRegistrations"/> (the engine registers the model after the job), and a trial
/// component's file reference and declared inputs (the body carries the component's content). The job name is the URL's
/// <c>{id}</c>; see <see cref="AzureMLJsonOptions.IncludeName"/>.
/// </remarks>
internal sealed class RestJobWriter(AzureMLJsonOptions options)
{
    private readonly RestNodeWriter _nodes = new(options);

    public void WriteDocument(Utf8JsonWriter writer, JobDefinition definition)
    {
        writer.WriteStartObject();
        if (options.IncludeName && definition.Name is { } name)
        {
            writer.WriteString("name", name);
        }

        writer.WritePropertyName("properties");
        WriteJob(writer, definition);
        writer.WriteEndObject();
    }

    private void WriteJob(Utf8JsonWriter writer, JobDefinition definition)
    {
        switch (definition)
        {
            case SweepDefinition sweep:
                WriteSweep(writer, sweep);
                break;
            case CommandJobDefinition command:
                WriteCommand(writer, command);
                break;
            case PipelineDefinition pipeline:
                WritePipeline(writer, pipeline);
                break;
            default:
                throw new ArgumentException($"Cannot write a job of type {definition.GetType().Name}.",
                    nameof(definition));
        }
    }

    private void WriteSweep(Utf8JsonWriter writer, SweepDefinition sweep)
    {
        ThrowIfInProcess(sweep, "trial");
        writer.WriteStartObject();
        WriteBase(writer, sweep, "Sweep");
        writer.WritePropertyName("trial");
        WriteTrial(writer, sweep.Trial);
        JobIoJson.Camel.WriteInputs(writer, "inputs", sweep.Inputs);
        JobIoJson.Camel.WriteOutputs(writer, "outputs", sweep.Outputs);
        writer.WritePropertyName("searchSpace");
        RestSearchSpace.Write(writer, sweep.SearchSpace);
        WriteSampling(writer, sweep.SamplingAlgorithm, options.ApiVersion);
        writer.WriteStartObject("objective");
        writer.WriteString("goal", sweep.Objective.Goal.ToString());
        writer.WriteString("primaryMetric", sweep.Objective.PrimaryMetric);
        writer.WriteEndObject();
        if (sweep.EarlyTermination is { } policy)
        {
            EarlyTerminationJson.Write(writer, policy, naming: null);
        }

        WriteLimits(writer, sweep.Limits);
        WriteIdentityAndQueue(writer, sweep);
        writer.WriteEndObject();
    }

    /// <summary>A sweep whose trials are a .NET delegate has no REST form: writing it would send an empty
    /// command.</summary>
    /// <exception cref="InvalidOperationException">The trials are an in-process delegate.</exception>
    internal static void ThrowIfInProcess(SweepDefinition sweep, string trialPath)
    {
        if (sweep.InProcessTrial is not null)
        {
            throw new InvalidOperationException(
                $"{trialPath}: the trials run a .NET delegate in this process (Sweep.For(async (ctx, ct) => ...)), " +
                    "which an Azure ML job " +
                "cannot carry: the body would have an empty command. Give the trial a command " +
                    "(Sweep.For(\"train.py\")) to write it, " +
                "or run the delegate with the local engine.");
        }
    }

    private void WriteCommand(Utf8JsonWriter writer, CommandJobDefinition job)
    {
        var component = job.Component;
        writer.WriteStartObject();
        WriteBase(writer, job, "Command");
        if (component.ComponentId is { } componentId)
        {
            writer.WriteString("componentId", ArmIds.ToComponentId(componentId));
        }

        WriteCommandFields(writer, component, "code");
        JobIoJson.Camel.WriteInputs(writer, "inputs", job.Inputs);
        JobIoJson.Camel.WriteOutputs(writer, "outputs", job.Outputs);
        WriteIdentityAndQueue(writer, job);
        writer.WriteEndObject();
    }

    private void WritePipeline(Utf8JsonWriter writer, PipelineDefinition pipeline)
    {
        if (pipeline.QueueTier is { } tier)
        {
            throw new InvalidOperationException(
                $"queue_settings: a pipeline job has no queue settings in the REST contract (tier {tier} would be " +
                    "lost). Set the tier on the pipeline's steps instead.");
        }

        writer.WriteStartObject();
        WriteBase(writer, pipeline, "Pipeline");
        JobIoJson.Camel.WriteInputs(writer, "inputs", pipeline.Inputs);
        JobIoJson.Camel.WriteOutputs(writer, "outputs", pipeline.Outputs);
        writer.WriteStartObject("settings");
        if (pipeline.Settings.DefaultCompute is { } defaultCompute)
        {
            writer.WriteString("default_compute", ArmIds.ToComputeId(defaultCompute, options.WorkspaceId));
        }

        if (pipeline.Settings.DefaultDatastore is { } datastore)
        {
            writer.WriteString("default_datastore", datastore);
        }

        if (pipeline.Settings.ContinueOnStepFailure is { } continueOnFailure)
        {
            writer.WriteBoolean("continue_on_step_failure", continueOnFailure);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("jobs");
        foreach (var (name, step) in pipeline.Jobs)
        {
            writer.WritePropertyName(name);
            _nodes.WriteNode(writer, name, step);
        }

        writer.WriteEndObject();
        if (pipeline.Identity is { } identity)
        {
            WriteIdentity(writer, identity);
        }

        writer.WriteEndObject();
    }

    private void WriteBase(Utf8JsonWriter writer, JobDefinition job, string jobType)
    {
        writer.WriteString("jobType", jobType);
        if (job.DisplayName is { } displayName)
        {
            writer.WriteString("displayName", displayName);
        }

        if (job.ExperimentName is { } experimentName)
        {
            writer.WriteString("experimentName", experimentName);
        }

        if (job.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        if (job.Compute is { } compute)
        {
            writer.WriteString("computeId", ArmIds.ToComputeId(compute, options.WorkspaceId));
        }

        WriteStringMap(writer, "tags", job.Tags);
        WriteStringMap(writer, "properties", job.Properties);
        if (job.IsArchived)
        {
            writer.WriteBoolean("isArchived", true);
        }

        if (job.Notifications is { } notifications)
        {
            writer.WriteStartObject("notificationSetting");
            writer.WriteStartArray("emailOn");
            foreach (var notificationEvent in notifications.EmailOn)
            {
                writer.WriteStringValue(notificationEvent.ToString());
            }

            writer.WriteEndArray();
            writer.WriteStartArray("emails");
            foreach (var email in notifications.Emails)
            {
                writer.WriteStringValue(email);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private void WriteTrial(Utf8JsonWriter writer, CommandComponent trial)
    {
        if (trial.ComponentId is { } componentId)
        {
            throw new InvalidOperationException(
                $"trial: the sweep's trial refers to the registered component '{componentId}', but a sweep job's " +
                    "REST trial must be defined inline " +
                "(command, environment, code). Define the trial's command here, or run the sweep as a step of a " +
                    "pipeline, whose sweep nodes accept a component id.");
        }

        writer.WriteStartObject();
        WriteCommandFields(writer, trial, "trial.code");
        writer.WriteEndObject();
    }

    /// <summary>What a command job and a sweep's trial share: code, command, environment and its variables,
    /// distribution, resources.</summary>
    private void WriteCommandFields(Utf8JsonWriter writer, CommandComponent component, string codePath)
    {
        if (ArmIds.ResolveCode(component.Code, options, codePath) is { } codeId)
        {
            writer.WriteString("codeId", codeId);
        }

        writer.WriteString("command", CommandTemplate.RewriteLegacy(component.Command));
        if (ArmIds.ResolveEnvironment(
            component, options, codePath.Replace(".code", ".environment", StringComparison.Ordinal)) is { } environment)
        {
            writer.WriteString("environmentId", environment);
        }

        WriteStringMap(writer, "environmentVariables", component.EnvironmentVariables);
        if (component.Distribution is { } distribution)
        {
            WriteDistribution(writer, distribution);
        }

        if (component.Resources is { } resources)
        {
            JobResourcesJson.Write(writer, resources, naming: null);
        }
    }

    private static void WriteSampling(Utf8JsonWriter writer, SamplingAlgorithm algorithm, string apiVersion)
    {
        writer.WriteStartObject("samplingAlgorithm");
        switch (algorithm)
        {
            case RandomSampling random:
                writer.WriteString("samplingAlgorithmType", "Random");
                if (random.Rule is { } rule)
                {
                    writer.WriteString("rule", rule.ToString());
                }

                if (random.Seed is { } seed)
                {
                    writer.WriteNumber("seed", seed);
                }

                LogBaseJson.Write(writer, random, apiVersion, "sampling_algorithm.logbase");
                break;
            case GridSampling:
                writer.WriteString("samplingAlgorithmType", "Grid");
                break;
            case BayesianSampling:
                writer.WriteString("samplingAlgorithmType", "Bayesian");
                break;
            default:
                throw new InvalidOperationException($"Unknown sampling algorithm {algorithm.GetType().Name}.");
        }

        writer.WriteEndObject();
    }

    private static void WriteLimits(Utf8JsonWriter writer, SweepLimits limits)
    {
        writer.WriteStartObject("limits");
        writer.WriteString("jobLimitsType", "Sweep");
        if (limits.MaxTotalTrials is { } total)
        {
            writer.WriteNumber("maxTotalTrials", total);
        }

        if (limits.MaxConcurrentTrials is { } concurrent)
        {
            writer.WriteNumber("maxConcurrentTrials", concurrent);
        }

        if (limits.Timeout is { } timeout)
        {
            writer.WriteString("timeout", IsoDuration.FormatSweepLimit(timeout));
        }

        if (limits.TrialTimeout is { } trialTimeout)
        {
            writer.WriteString("trialTimeout", IsoDuration.FormatSweepLimit(trialTimeout));
        }

        writer.WriteEndObject();
    }

    private static void WriteIdentityAndQueue(Utf8JsonWriter writer, JobDefinition job)
    {
        if (job.Identity is { } identity)
        {
            WriteIdentity(writer, identity);
        }

        if (job.QueueTier is { } tier)
        {
            writer.WriteStartObject("queueSettings");
            writer.WriteString("jobTier", tier.ToString());
            writer.WriteEndObject();
        }
    }

    private static void WriteIdentity(Utf8JsonWriter writer, JobIdentity identity)
    {
        writer.WriteStartObject("identity");
        switch (identity)
        {
            case AmlTokenIdentity:
                writer.WriteString("identityType", "AMLToken");
                break;
            case UserIdentity:
                writer.WriteString("identityType", "UserIdentity");
                break;
            case ManagedIdentity managed:
                writer.WriteString("identityType", "Managed");
                WriteIfSet(writer, "clientId", managed.ClientId);
                WriteIfSet(writer, "objectId", managed.ObjectId);
                WriteIfSet(writer, "resourceId", managed.ResourceId);
                break;
            default:
                throw new InvalidOperationException($"Unknown identity {identity.GetType().Name}.");
        }

        writer.WriteEndObject();
    }

    private static void WriteDistribution(Utf8JsonWriter writer, DistributedTraining distribution)
    {
        writer.WriteStartObject("distribution");
        switch (distribution)
        {
            case PyTorchDistribution pyTorch:
                writer.WriteString("distributionType", "PyTorch");
                WriteIfSet(writer, "processCountPerInstance", pyTorch.ProcessCountPerInstance);
                break;
            case MpiDistribution mpi:
                writer.WriteString("distributionType", "Mpi");
                WriteIfSet(writer, "processCountPerInstance", mpi.ProcessCountPerInstance);
                break;
            case TensorFlowDistribution tensorFlow:
                writer.WriteString("distributionType", "TensorFlow");
                WriteIfSet(writer, "workerCount", tensorFlow.WorkerCount);
                WriteIfSet(writer, "parameterServerCount", tensorFlow.ParameterServerCount);
                break;
            default:
                throw new InvalidOperationException($"Unknown distribution {distribution.GetType().Name}.");
        }

        writer.WriteEndObject();
    }

    public static void WriteStringMap(Utf8JsonWriter writer, string name, EquatableMap<string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
