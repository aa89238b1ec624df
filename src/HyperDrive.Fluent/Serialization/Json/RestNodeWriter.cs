using System.Text.Json;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// Writes a pipeline step in azure-ai-ml's "rest node" shape (contract §4): the pipeline's <c>jobs</c> map is untyped
/// in the OpenAPI, and the SDK sends YAML-shaped snake_case fields (<c>search_space</c>, <c>sampling_algorithm</c>,
/// <c>limits</c> in seconds, <c>objective</c>, <c>queue_settings</c>, <c>resources</c>) except
/// <c>early_termination</c>, which is the REST model's <c>as_dict()</c> (snake_case names, PascalCase
/// <c>policy_type</c>). Inputs and outputs are the REST model in snake_case; bindings are literal strings
/// (<c>${{parent.jobs.prep.outputs.data}}</c>).
/// </summary>
/// <remarks>
/// A step's component is <c>componentId</c> (<c>trial: {"componentId": ...}</c> for sweeps) when it refers to a
/// registered component. An inline component is written as <c>componentSpec</c> (the field name of a REST
/// ComponentVersion) holding the YAML-shaped command component. The SDK registers inline components as anonymous
/// components before it sends a pipeline, so a real submit must register each <c>componentSpec</c> and replace it with
/// the id; whether the service accepts <c>componentSpec</c> inline is unverified (contract §4: node key set partly
/// unverified).
/// </remarks>
internal sealed class RestNodeWriter(AzureMLJsonOptions options)
{
    public void WriteNode(Utf8JsonWriter writer, string stepName, JobDefinition step)
    {
        var path = "jobs." + stepName;
        writer.WriteStartObject();
        switch (step)
        {
            case SweepDefinition sweep:
                RestJobWriter.ThrowIfInProcess(sweep, path + ".trial");
                WriteCommon(writer, sweep, "sweep");
                WriteSweepFields(writer, sweep);
                writer.WritePropertyName("trial");
                writer.WriteStartObject();
                WriteComponent(writer, sweep.Trial, path + ".trial");
                writer.WriteEndObject();
                break;
            case CommandJobDefinition command:
                WriteCommon(writer, command, "command");
                WriteComponent(writer, command.Component, path);
                if (command.Component.Resources is { } resources)
                {
                    JobResourcesJson.Write(writer, resources, JsonNamingPolicy.SnakeCaseLower);
                }

                break;
            default:
                throw new InvalidOperationException(
                    $"{path}: a pipeline step must be a sweep or a command job, not {step.GetType().Name}.");
        }

        if (step.QueueTier is { } tier)
        {
            writer.WriteStartObject("queue_settings");
            writer.WriteString("job_tier", tier.ToString().ToLowerInvariant());
            writer.WriteEndObject();
        }

        if (step.Identity is { } identity)
        {
            WriteIdentity(writer, identity);
        }

        writer.WriteEndObject();
    }

    private void WriteCommon(Utf8JsonWriter writer, JobDefinition step, string type)
    {
        writer.WriteString("type", type);
        RestJobWriter.WriteIfSet(writer, "name", step.Name);
        RestJobWriter.WriteIfSet(writer, "display_name", step.DisplayName);
        RestJobWriter.WriteIfSet(writer, "experiment_name", step.ExperimentName);
        RestJobWriter.WriteIfSet(writer, "description", step.Description);
        if (step.Tags.Count > 0)
        {
            RestJobWriter.WriteStringMap(writer, "tags", step.Tags);
        }

        if (step.Properties.Count > 0)
        {
            RestJobWriter.WriteStringMap(writer, "properties", step.Properties);
        }

        if (step.Compute is { } compute)
        {
            writer.WriteString("computeId", ArmIds.ToComputeId(compute, options.WorkspaceId));
        }

        JobIoJson.Snake.WriteInputs(writer, "inputs", step.Inputs);
        // An output named with no settings is left to the component (its declared type applies), as azure-ai-ml leaves
        // it out of the node (NodeIOMixin._build_outputs: "Remove non-configured output").
        JobIoJson.Snake.WriteOutputs(
            writer, "outputs", EquatableMap<JobOutput>.Create(step.Outputs.Where(o => !o.Value.IsUnconfigured)));
    }

    private static void WriteSweepFields(Utf8JsonWriter writer, SweepDefinition sweep)
    {
        NodeSearchSpace.Write(writer, sweep.SearchSpace);
        // azure-ai-ml sends a plain name when the algorithm has no settings (every recorded sweep node:
        // "sampling_algorithm": "random" / "grid"), and an object only for a seed, rule or log base.
        if (sweep.SamplingAlgorithm is RandomSampling
            { Seed: null, Rule: null, LogBase: null } or GridSampling or BayesianSampling)
        {
            writer.WriteString("sampling_algorithm", sweep.SamplingAlgorithm.Name);
        }
        else if (sweep.SamplingAlgorithm is RandomSampling random)
        {
            writer.WriteStartObject("sampling_algorithm");
            writer.WriteString("type", random.Name);
            if (random.Rule is { } rule)
            {
                writer.WriteString("rule", rule.ToString().ToLowerInvariant());
            }

            if (random.Seed is { } seed)
            {
                writer.WriteNumber("seed", seed);
            }

            // A node is YAML-shaped and untyped in every api-version's OpenAPI (jobs is a map of objects), so the
            // YAML field goes as YAML has it: the number, or "e".
            if (random.LogBase is { } logBase)
            {
                if (logBase == Math.E)
                {
                    writer.WriteString("logbase", "e");
                }
                else
                {
                    JsonNumbers.WriteReal(writer, "logbase", logBase);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteStartObject("objective");
        writer.WriteString("goal", sweep.Objective.Goal.ToString().ToLowerInvariant());
        writer.WriteString("primary_metric", sweep.Objective.PrimaryMetric);
        writer.WriteEndObject();
        if (sweep.EarlyTermination is { } policy)
        {
            EarlyTerminationJson.Write(writer, policy, JsonNamingPolicy.SnakeCaseLower);
        }

        writer.WriteStartObject("limits");
        RestJobWriter.WriteIfSet(writer, "max_total_trials", sweep.Limits.MaxTotalTrials);
        RestJobWriter.WriteIfSet(writer, "max_concurrent_trials", sweep.Limits.MaxConcurrentTrials);
        if (sweep.Limits.Timeout is { } timeout)
        {
            writer.WriteNumber("timeout", IsoDuration.WholeSeconds(timeout));
        }

        if (sweep.Limits.TrialTimeout is { } trialTimeout)
        {
            writer.WriteNumber("trial_timeout", IsoDuration.WholeSeconds(trialTimeout));
        }

        writer.WriteEndObject();
        if (sweep.Trial.Resources is { } resources)
        {
            JobResourcesJson.Write(writer, resources, JsonNamingPolicy.SnakeCaseLower);
        }
    }

    private void WriteComponent(Utf8JsonWriter writer, CommandComponent component, string path)
    {
        if (component.IsReference)
        {
            writer.WriteString("componentId", ArmIds.ToComponentId(component.ComponentId!));
            return;
        }

        writer.WriteStartObject("componentSpec");
        writer.WriteString("type", "command");
        RestJobWriter.WriteIfSet(writer, "name", component.Name);
        RestJobWriter.WriteIfSet(writer, "version", component.Version);
        RestJobWriter.WriteIfSet(writer, "display_name", component.DisplayName);
        RestJobWriter.WriteIfSet(writer, "description", component.Description);
        if (component.Tags.Count > 0)
        {
            // The component's own tags and is_deterministic, as azure-ai-ml's ComponentSchema dumps them into the spec.
            RestJobWriter.WriteStringMap(writer, "tags", component.Tags);
        }

        if (component.IsDeterministic is { } deterministic)
        {
            writer.WriteBoolean("is_deterministic", deterministic);
        }

        writer.WriteString("command", CommandTemplate.RewriteLegacy(component.Command));
        RestJobWriter.WriteIfSet(writer, "code", ArmIds.ResolveCode(component.Code, options, path + ".code"));
        RestJobWriter.WriteIfSet(
            writer, "environment", ArmIds.ResolveEnvironment(component, options, path + ".environment"));
        if (component.EnvironmentVariables.Count > 0)
        {
            RestJobWriter.WriteStringMap(writer, "environment_variables", component.EnvironmentVariables);
        }

        if (component.Distribution is { } distribution)
        {
            writer.WriteStartObject("distribution");
            writer.WriteString("type", distribution.Name);
            switch (distribution)
            {
                case PyTorchDistribution pyTorch:
                    RestJobWriter.WriteIfSet(writer, "process_count_per_instance", pyTorch.ProcessCountPerInstance);
                    break;
                case MpiDistribution mpi:
                    RestJobWriter.WriteIfSet(writer, "process_count_per_instance", mpi.ProcessCountPerInstance);
                    break;
                case TensorFlowDistribution tensorFlow:
                    RestJobWriter.WriteIfSet(writer, "worker_count", tensorFlow.WorkerCount);
                    RestJobWriter.WriteIfSet(writer, "parameter_server_count", tensorFlow.ParameterServerCount);
                    break;
            }

            writer.WriteEndObject();
        }

        if (component.Inputs.Count > 0)
        {
            writer.WriteStartObject("inputs");
            foreach (var (name, input) in component.Inputs)
            {
                writer.WriteStartObject(name);
                writer.WriteString("type", input.Type);
                if (input.Default is { } defaultValue)
                {
                    writer.WritePropertyName("default");
                    RestSearchSpace.WriteScalar(writer, defaultValue);
                }

                if (input.Optional is { } optional)
                {
                    writer.WriteBoolean("optional", optional);
                }

                RestJobWriter.WriteIfSet(writer, "description", input.Description);
                if (input.Mode is { } mode)
                {
                    writer.WriteString("mode", WireNames.ToYaml(mode));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (component.Outputs.Count > 0)
        {
            writer.WriteStartObject("outputs");
            foreach (var (name, output) in component.Outputs)
            {
                writer.WriteStartObject(name);
                writer.WriteString("type", WireNames.ToName(output.Type));
                RestJobWriter.WriteIfSet(writer, "path", output.Path);
                if (output.Mode is { } mode)
                {
                    writer.WriteString("mode", WireNames.ToYaml(mode));
                }

                RestJobWriter.WriteIfSet(writer, "description", output.Description);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter writer, JobIdentity identity)
    {
        writer.WriteStartObject("identity");
        writer.WriteString("type", identity.Name);
        if (identity is ManagedIdentity managed)
        {
            RestJobWriter.WriteIfSet(writer, "client_id", managed.ClientId);
            RestJobWriter.WriteIfSet(writer, "object_id", managed.ObjectId);
            RestJobWriter.WriteIfSet(writer, "resource_id", managed.ResourceId);
        }

        writer.WriteEndObject();
    }
}
