using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// Runs a pipeline's steps in dependency order, each in <c>steps/{name}</c>: command steps as one process, sweep steps
/// as sweeps. A step's outputs are folders (a sweep step's are its best trial's, copied to <c>best/</c>); bindings to
/// them become those folders' paths. Model registrations copy the bound output to <c>models/{name}/1</c> in the run
/// folder.
/// </summary>
internal sealed class PipelineExecution(PipelineDefinition pipeline, string folder, string runId, SweepEnvironment env,
    bool resume)
{
    public const string PipelineFile = "pipeline.json";

    /// <summary>Checks every step before anything runs (bound inputs stand for folders that will exist).</summary>
    public static void Check(PipelineDefinition pipeline, SweepEnvironment env, string folder,
        List<ValidationProblem> problems)
    {
        foreach (var name in pipeline.GetExecutionOrder())
        {
            var inputs =
                ResolveInputs(pipeline, pipeline.Jobs[name], env, _ => env.BaseDirectory, problems, $"jobs.{name}.");
            SweepPlanner.Prepare(AsSweep(pipeline.Jobs[name], inputs), folder, name, env, null, name, $"jobs.{name}.",
                problems, new SingleTrialSampler());
        }

        foreach (var registration in pipeline.ModelRegistrations)
        {
            if (registration.StepName is { } step && pipeline.Jobs.TryGetValue(step, out var job)
                && job is not SweepDefinition)
            {
                problems.Add(
                    new ValidationProblem(
                    ValidationSeverity.Warning, "model_registrations",
                    $"Step '{step}' is a command step; its output is registered as is.",
                    "Register a sweep step's best model."));
            }
        }
    }

    /// <summary>The pipeline's wall time: its steps run one after another, so the sum of theirs (each without the gaps
    /// between an interruption and a resume); <see langword="null"/> when a step does not say.</summary>
    public static TimeSpan? WallTimeOf(IEnumerable<SweepResult> steps)
    {
        var total = TimeSpan.Zero;
        foreach (var step in steps)
        {
            if (step.WallTime is not { } time)
            {
                return null;
            }

            total += time;
        }

        return total;
    }

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = env.Time.GetUtcNow();
        var outputs = new Dictionary<(string Step, string Output), string>();
        var sweeps = new Dictionary<string, SweepDefinition>(StringComparer.Ordinal);
        async Task<SweepResult> RunStepAsync(string name, JobDefinition job)
        {
            var problems = new List<ValidationProblem>();
            string? OutputOf((string Step, string Output) key) => outputs.TryGetValue(key, out var path) ? path : null;
            var inputs = ResolveInputs(pipeline, job, env, OutputOf, problems, $"jobs.{name}.");
            var stepFolder = Path.Combine(folder, "steps", name);
            Directory.CreateDirectory(stepFolder);
            var journal = Path.Combine(stepFolder, RunJournal.FileName);
            var replay = resume && File.Exists(journal) ? JournalReplay.Read(journal) : null;
            var sweep = sweeps[name] = AsSweep(job, inputs);
            var setup = SweepPlanner.Prepare(
                sweep,
                stepFolder,
                $"{runId}_{name}",
                env,
                replay,
                name,
                $"jobs.{name}.",
                problems,
                job is SweepDefinition ? null : new SingleTrialSampler());
            if (setup is null)
            {
                throw new HyperDriveValidationException($"Step '{name}' cannot run.", problems);
            }

            return await new SweepExecution(setup).RunAsync(cancellationToken).ConfigureAwait(false);
        }

        void RecordOutputs(string name)
        {
            var sweep = sweeps[name];
            foreach (var output in sweep.Outputs.Keys.Concat(sweep.Trial.Outputs.Keys).Distinct(StringComparer.Ordinal))
            {
                outputs[(name, output)] = Path.Combine(folder, "steps", name, "best", output);
            }
        }

        var (steps, status, warnings, error) = await PipelineSchedule
            .RunAsync(pipeline, RunStepAsync, RecordOutputs, cancellationToken)
            .ConfigureAwait(false);
        if (status == SweepRunStatus.Completed)
        {
            foreach (var registration in pipeline.ModelRegistrations)
            {
                if (registration.StepName is { } step
                    && outputs.TryGetValue((step, registration.OutputName), out var source))
                {
                    var target = Path.Combine(folder, "models", registration.ModelName, "1");
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    ResultsWriter.CopyFolder(source, target);
                    env.Notice(
                        $"model:{registration.ModelName}",
                        $"Registered model '{registration.ModelName}' version 1 locally: {target}.");
                }
            }
        }

        var result2 = new SweepResult
        {
            RunId = runId,
            Status = status,
            Steps = steps,
            WallTime = WallTimeOf(steps.Values),
            Warnings = [.. env.Notices, .. warnings, .. steps.Values.SelectMany(s => s.Warnings).Except(env.Notices)],
            OutputDirectory = folder,
            Error = error,
        };
        ResultsWriter.WriteAtomically(Path.Combine(folder, PipelineFile), w =>
        {
            w.WriteStartObject();
            w.WriteString("runId", runId);
            w.WriteString("status", status.ToString());
            w.WriteString("startedAt", startedAt);
            w.WriteString("endedAt", env.Time.GetUtcNow());
            if (error is not null)
            {
                w.WriteString("error", error);
            }

            w.WriteStartArray("steps");
            foreach (var (name, step) in steps)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("type", pipeline.Jobs[name].JobType);
                w.WriteString("status", step.Status.ToString());
                w.WriteString("folder", Path.Combine("steps", name));
                if (step.BestTrial is { } best)
                {
                    w.WriteString("bestTrialId", best.Id);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();

            // Every step of the plan (also those that never ran) with the steps it takes inputs from: the report's step
            // graph.
            w.WriteStartArray("graph");
            foreach (var name in pipeline.GetExecutionOrder())
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("type", pipeline.Jobs[name].JobType);
                w.WriteStartArray("dependsOn");
                foreach (var upstream in pipeline.Jobs[name].Inputs.Values.OfType<BindingInput>().Select(b =>
                    b.StepName).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    w.WriteStringValue(upstream);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in result2.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        var graph = pipeline.GetExecutionOrder()
            .Select(n =>
                new Reporting.ReportStep(
                n, pipeline.Jobs[n].JobType, pipeline.Jobs[n].Inputs.Values.OfType<BindingInput>().Select(b =>
                b.StepName).OfType<string>().Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
        var logParameters =
            pipeline.Jobs.Values.OfType<SweepDefinition>().SelectMany(s =>
            ResultsWriter.ReportContextOf(s).LogParameters).ToHashSet(StringComparer.Ordinal);
        Reporting.SweepReport.WriteHtml(result2, Path.Combine(folder, ResultsWriter.ReportFile), options: null,
            new Reporting.ReportContext { StepGraph = graph, LogParameters = logParameters });
        return result2;
    }

    private static SweepDefinition AsSweep(JobDefinition job, EquatableMap<JobInput> inputs) => job switch
    {
        SweepDefinition sweep => sweep with { Inputs = inputs },
        CommandJobDefinition command => SweepPlanner.AsSweep(command, inputs),
        _ => throw new HyperDriveValidationException($"A {job.JobType} job cannot be a pipeline step."),
    };

    private static EquatableMap<JobInput> ResolveInputs(
        PipelineDefinition pipeline,
        JobDefinition job,
        SweepEnvironment env,
        Func<(string Step, string Output), string?> stepOutput,
        List<ValidationProblem> problems,
        string prefix)
    {
        var resolved = new List<KeyValuePair<string, JobInput>>();
        foreach (var (name, input) in job.Inputs)
        {
            JobInput? value = input;
            if (input is BindingInput binding)
            {
                value = binding switch
                {
                    { StepName: { } step, Name: { } output } => stepOutput((step, output)) is { } path
                        ? JobInput.UriFolder(path) : null,
                    { StepName: null, Section: "inputs", Name: { } parentInput } when pipeline.Inputs.TryGetValue(
                        parentInput, out var outer) => outer,
                    _ => null,
                };
                if (value is null or BindingInput)
                {
                    problems.Add(
                        new ValidationProblem(
                        ValidationSeverity.Error, $"{prefix}inputs.{name}",
                        $"'{binding.Expression}' cannot be resolved locally.",
                        "Bind to a pipeline input given as a local path or literal, or to an earlier step's output."));
                    continue;
                }
            }

            resolved.Add(new(name, value));
        }

        _ = env;
        return EquatableMap<JobInput>.Create(resolved);
    }
}
