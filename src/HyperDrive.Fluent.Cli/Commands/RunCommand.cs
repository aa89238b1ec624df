using System.CommandLine;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary>
/// <c>hyperdrive run FILE [--out DIR] [--resume] [--max-concurrent N] [--seed N] [--warm-start DIR] [--python
/// PATH]</c>: runs an Azure ML sweep, command or pipeline job on this machine with the local engine, showing trials
/// live; exit 0 completed, 1 failed, 130 canceled.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file")
        {
            Description =
                "An Azure ML sweep, command or pipeline job (CLI v2 YAML or REST JSON). Code folders and input paths " +
                "are resolved against the file's folder; inputs are local paths or literals.",
        };
        var output =
            new Option<string?>("--out", "-o")
            { Description = "The run folder (default: ./.hyperdrive/runs/{name}-{time}): sweep.json, " +
            "metrics_output.json, journal.jsonl, trials/, best/." };
        var resume =
            new Option<bool>("--resume")
            { Description = "Continue the run in --out after an interruption: finished trials are kept, the same " +
            "sampler stream goes on." };
        var force =
            new Option<bool>("--force")
            { Description = "With --resume: accept changes to the limits and the early termination policy since the " +
            "run started (they keep the finished trials valid); other changes are refused." };
        var maxConcurrent = new Option<int?>("--max-concurrent")
            { Description = "Run at most N trials at once on this machine (overrides the file's " +
            "max_concurrent_trials; default: the file's, else the number of cores)." };
        maxConcurrent.Validators.Add(result =>
        {
            if (result.GetValue(maxConcurrent) is < 1)
            {
                result.AddError("--max-concurrent must be 1 or more.");
            }
        });
        var maxFailures = new Option<int?>("--max-failures")
        {
            Description =
                "Stop the sweep (failed) after N failed trials, so a broken script does not use the whole budget " +
                "(default: stop when the first max_concurrent_trials trials all failed the same way).",
        };
        maxFailures.Validators.Add(result =>
        {
            if (result.GetValue(maxFailures) is < 1)
            {
                result.AddError("--max-failures must be 1 or more.");
            }
        });
        var seed =
            new Option<int?>("--seed")
            { Description = "The seed of random and Sobol sampling when the file sets none (a resumed run keeps its " +
            "seed)." };
        var warmStart = new Option<string?>("--warm-start")
        {
            Description =
                "Seed the sweep with the trials of an earlier local run (its results folder): the Bayesian sampler " +
                "learns from them first, and no sampler proposes their parameters again. Its search space must fit " +
                "this sweep's; a resumed run needs the same --warm-start.",
        };

        var python = new Option<string?>("--python")
        {
            Description =
                $"The Python interpreter for commands that start with python or python3 (default: ${PythonVariable}, " +
                "else python on PATH, else python3).",
        };

        var command =
            new Command(
            "run", "Run a sweep or pipeline job locally (trials as processes on this machine, Azure ML's sampling " +
            "and early termination). Ctrl+C stops every trial and keeps the results; --resume continues.")
        {
            file, output, resume, force, maxConcurrent, maxFailures, seed, warmStart, python,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(resume) && result.GetValue(output) is null)
            {
                result.AddError("--resume needs --out DIR: the folder of the run to continue.");
            }

            if (result.GetValue(force) && !result.GetValue(resume))
            {
                result.AddError(
                    "--force applies to --resume only: it accepts compatible changes to the definition of the run " +
                    "being continued.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult.GetValue(file)!,
            new Settings(parseResult.GetValue(output), parseResult.GetValue(resume), parseResult.GetValue(
                maxConcurrent), parseResult.GetValue(seed), parseResult.GetValue(warmStart), parseResult.GetValue(
                maxFailures), parseResult.GetValue(python), parseResult.GetValue(force)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string path, Settings settings, CancellationToken cancellationToken)
    {
        if (await DefinitionFile.TryReadAsync(context, path, jsonOptions: null, cancellationToken).ConfigureAwait(
            false) is not { } definition)
        {
            return ExitCodes.Failure;
        }

        if (settings.WarmStart is { } warmFolder)
        {
            if (await WithWarmStartAsync(context, path, definition, warmFolder).ConfigureAwait(false) is not { } warmed)
            {
                return ExitCodes.Failure;
            }

            definition = warmed;
        }

        if (settings.MaxConcurrent is { } limit)
        {
            definition = WithMaxConcurrent(definition, limit);
        }

        if (settings.Seed is { } requested)
        {
            foreach (var (step, own) in Seeds(definition, null).Where(s => s.Seed != requested))
            {
                await context.Error.WriteLineAsync(
                        $"note: {step ?? path} sets its own seed {own}; " +
                        $"--seed {requested} applies to sweeps that set none.")
                    .ConfigureAwait(false);
            }
        }

        var (interpreter, from) = settings.Python is { } flag ? (flag, "--python")
            : context.Services.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } variable
                ? (variable, PythonVariable)
            : ((string?)null, "PATH");
        var engineOptions = new LocalSweepEngineOptions
        {
            DefaultSeed = settings.Seed, MaxConcurrentTrials = settings.MaxConcurrent, StreamTrialOutput =
                false, PythonExecutable = interpreter,
        };
        var pythonHeader = engineOptions.ResolvePythonExecutable() is { } resolved ? $"python: {resolved} (from {from})"
            : null;
        var runOptions = new SweepRunOptions
        {
            OutputDirectory = settings.Output,
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
            MaxFailedTrials = settings.MaxFailures,
            AcceptCompatibleChanges = settings.Force,
        };
        await using var engine = new LocalSweepEngine(engineOptions);
        SweepRun run;
        try
        {
            run = settings.Resume
                ? await engine.ResumeAsync(settings.Output!, definition, runOptions, cancellationToken).ConfigureAwait(
                    false)
                : await engine.StartAsync(definition, runOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (HyperDriveValidationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                // The library names its option; the tool names its flag.
                await context.Error.WriteLineAsync($"{path}: {CliAdvice.Problem(problem)}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync(
                $"{path}: cannot run locally: {ex.Problems.Count(p => p.IsError)} error(s).").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            await context.Error.WriteLineAsync($"error: {CliAdvice.Text(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await using (run.ConfigureAwait(false))
        {
            return await WatchAsync(context, path, run, definition, pythonHeader, cancellationToken).ConfigureAwait(
                false);
        }
    }

    private static async Task<int> WatchAsync(CliContext context, string path, SweepRun run, JobDefinition definition,
        string? header, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var folder = (run as LocalSweepRun)?.OutputDirectory;
        await output.WriteLineAsync($"running {definition.JobType} {run.Id} locally; results in {folder}")
            .ConfigureAwait(false);
        if (header is not null)
        {
            await output.WriteLineAsync(header).ConfigureAwait(false);
        }

        // Ctrl+C asks the run to stop (every trial process tree is killed, the trials are recorded as canceled, results
        // are written); the updates keep coming until the run has ended, so the view shows how it ended.
        var cancel = Task.CompletedTask;
        var view = new ProgressView(output);
        using (cancellationToken.Register(() => cancel = run.CancelAsync(CancellationToken.None)))
        {
            await foreach (var update in run.WatchAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await view.ApplyAsync(update).ConfigureAwait(false);
            }
        }

        await view.CompleteAsync().ConfigureAwait(false);

        var result = await run.WaitForCompletionAsync(CancellationToken.None).ConfigureAwait(false);
        await cancel.ConfigureAwait(false);
        await output.WriteLineAsync($"{definition.JobType} {result.RunId} {Formatting.Status(result.Status)}")
            .ConfigureAwait(false);
        await ResultView.WriteAsync(output, result).ConfigureAwait(false);
        foreach (var warning in result.Warnings.Where(w => !view.Notices.Contains(w)))
        {
            await context.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        if (result.Error is not null)
        {
            await context.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
        }

        var results = result.OutputDirectory ?? folder;
        await output.WriteLineAsync($"results: {results}").ConfigureAwait(false);
        var canceledByUser = result.Status == SweepRunStatus.Canceled && cancellationToken.IsCancellationRequested;
        if (canceledByUser)
        {
            await context.Error.WriteLineAsync(
                $"Canceled. Continue with: hyperdrive run {path} --out {results} --resume").ConfigureAwait(false);
        }

        // A sweep canceled by its own timeout did not complete: that is a failure, not a Ctrl+C.
        return result.Status == SweepRunStatus.Completed ? ExitCodes.Success : canceledByUser ? ExitCodes.Canceled
            : ExitCodes.Failure;
    }

    private static JobDefinition WithMaxConcurrent(JobDefinition definition, int limit) => definition switch
    {
        SweepDefinition sweep => sweep with
        {
            Limits = sweep.Limits with { MaxConcurrentTrials = Math.Min(limit, sweep.Limits.MaxTotalTrials ?? limit) },
        },
        PipelineDefinition pipeline => pipeline with
        {
            Jobs = EquatableMap<JobDefinition>.Create(
                pipeline.Jobs.Select(j => KeyValuePair.Create(j.Key, WithMaxConcurrent(j.Value, limit)))),
        },
        _ => definition,
    };

    private static IEnumerable<(string? Step, int Seed)> Seeds(JobDefinition definition, string? step) =>
        definition switch
    {
        SweepDefinition { SamplingAlgorithm: RandomSampling { Seed: { } seed } } => [(step, seed)],
        PipelineDefinition pipeline => pipeline.Jobs.SelectMany(j => Seeds(j.Value, "jobs." + j.Key)),
        _ => [],
    };

    private static async Task<JobDefinition?> WithWarmStartAsync(
        CliContext context, string path, JobDefinition definition, string folder)
    {
        if (definition is not SweepDefinition sweep)
        {
            await context.Error.WriteLineAsync(
                $"error: --warm-start seeds a sweep, but {path} is a {definition.JobType} job. Run a sweep job, or " +
                "leave --warm-start out.").ConfigureAwait(false);
            return null;
        }

        WarmStart warmStart;
        try
        {
            warmStart = LocalRunResults.ReadWarmStart(folder);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: --warm-start: {ex.Message}").ConfigureAwait(false);
            return null;
        }

        var scored = warmStart.Trials.Count(t => t.Value is not null);
        await context.Out.WriteLineAsync(
            $"warm start: {warmStart.Trials.Count} earlier trial(s) from {Path.GetFullPath(folder)} ({scored} with " +
            $"{warmStart.PrimaryMetric})").ConfigureAwait(false);
        return sweep with { WarmStart = warmStart };
    }

    private const string PythonVariable = "HYPERDRIVE_PYTHON";

    private sealed record Settings(string? Output, bool Resume, int? MaxConcurrent, int? Seed, string? WarmStart,
        int? MaxFailures, string? Python, bool Force);
}
