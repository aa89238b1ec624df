using System.Collections.Concurrent;
using System.Globalization;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Runtime;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Local;

/// <summary>
/// Runs sweeps and pipelines on this machine with Azure ML's semantics: trials as processes (never through a shell) or
/// in-process delegates, metrics from stdout (<c>name=value</c>), regexes and an MLflow file store per trial, the same
/// early termination rules, limits, a journal to resume from, and results in a run folder.
/// </summary>
/// <remarks>
/// A run folder holds <c>journal.jsonl</c> (append-only, flushed per event), <c>sweep.json</c>,
/// <c>metrics_output.json</c>, <c>trials/{trial id}/</c> (<c>logs/stdout.txt</c> and <c>logs/stderr.txt</c> for the
/// streams that said something, <c>logs/notices.txt</c> when the engine noted something about the trial: a metric line
/// ignored and why, a NaN value, the primary metric never reported, <c>outputs/{output}/</c>, <c>mlruns/</c>; an
/// in-process trial's folder exists once it asks for its outputs folder) and <c>best/</c> (the best trial's outputs). A
/// pipeline's run folder holds <c>pipeline.json</c>, <c>steps/{step}/</c> (each a sweep folder) and
/// <c>models/{name}/1/</c> for its model registrations (a sweep's own registration goes to its <c>models/</c>).
/// Commands are split into words like a POSIX shell would (quotes, backslashes) without expansion; only
/// <c>&amp;&amp;</c> chains commands; other operators are rejected at start.
/// </remarks>
public sealed class LocalSweepEngine : ISweepEngine, IAsyncDisposable
{
    private readonly LocalSweepEngineOptions _options;
    private readonly ConcurrentDictionary<LocalSweepRun, byte> _runs = new();

    /// <summary>Initializes the engine.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    public LocalSweepEngine(LocalSweepEngineOptions? options = null)
    {
        _options = options ?? new LocalSweepEngineOptions();
        if (_options.MaxConcurrentTrials is < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), _options.MaxConcurrentTrials,
                "LocalSweepEngineOptions.MaxConcurrentTrials must be 1 or more.");
        }

        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.OutputRoot, nameof(options));
    }

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    /// <exception cref="HyperDriveValidationException">The definition is invalid or cannot run here (a remote input, a
    /// Bayesian sampler, a shell operator in the command, ...); nothing was started and no folder was
    /// created.</exception>
    /// <exception cref="IOException">The run folder already holds a run.</exception>
    public Task<SweepRun> StartAsync(JobDefinition definition, SweepRunOptions? options = null,
        CancellationToken cancellationToken = default) =>
        StartCoreAsync(definition, options, runFolder: null, cancellationToken);

    /// <summary>Continues a run that was interrupted (killed, crashed, canceled): trials that finished are kept, trials
    /// that were running are run again with the same parameters, and the sampler continues the same stream.</summary>
    /// <param name="runFolder">The run folder (holding <c>journal.jsonl</c>).</param>
    /// <param name="definition">The definition the run was started with (the journal checks it is the same sweep; an
    /// in-process delegate cannot be stored, so the definition is always given again).</param>
    /// <param name="options">Run options (the base directory for relative paths); the run's name and folder are
    /// kept.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>The running sweep.</returns>
    /// <exception cref="HyperDriveValidationException">The definition is invalid, or differs from the
    /// journal's.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no journal.</exception>
    public Task<SweepRun> ResumeAsync(string runFolder, JobDefinition definition, SweepRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        var folder = Path.GetFullPath(runFolder);
        var journal = definition is PipelineDefinition ? Path.Combine(folder, PipelineExecution.PipelineFile)
            : Path.Combine(folder, RunJournal.FileName);
        if (definition is PipelineDefinition ? !Directory.Exists(Path.Combine(folder, "steps")) : !File.Exists(journal))
        {
            throw new FileNotFoundException(
                $"'{folder}' holds no run to resume (no {RunJournal.FileName}). Start a new run instead.", journal);
        }

        return StartCoreAsync(definition, options, folder, cancellationToken);
    }

    /// <summary>Cancels every run this engine started and waits for their trials to stop.</summary>
    /// <returns>A task that completes when every run has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs.Keys)
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }

        _runs.Clear();
    }

    private async Task<SweepRun> StartCoreAsync(JobDefinition definition, SweepRunOptions? options, string? runFolder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new SweepRunOptions();
        var resume = runFolder is not null;
        var problems = definition switch
        {
            SweepDefinition sweep => sweep.Validate().ToList(),
            PipelineDefinition pipeline => pipeline.Validate().ToList(),
            CommandJobDefinition command => command.Validate().ToList(),
            _ => [new ValidationProblem(
                ValidationSeverity.Error, "type", $"The local engine cannot run a {definition.JobType} job.",
                "Run a sweep, a command job or a pipeline.")],
        };
        HyperDriveValidationException.ThrowIfErrors(problems, "The definition cannot run locally.");
        problems.RemoveAll(p => !p.IsError);

        var baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Directory.GetCurrentDirectory());
        var folder = runFolder ?? ChooseFolder(definition, options);
        var runId = Path.GetFileName(folder);

        // One process per run folder: a resume holds it before reading the journal, a new run once the folder exists.
        await Task.CompletedTask.ConfigureAwait(false);
        var folderLock = resume ? RunFolderLock.Acquire(folder) : null;
        try
        {
            return StartLocked(definition, folder, runId, baseDirectory, resume, options, problems, ref folderLock);
        }
        finally
        {
            folderLock?.Dispose();
        }
    }

    private LocalSweepRun StartLocked(JobDefinition definition, string folder, string runId, string baseDirectory,
        bool resume, SweepRunOptions options, List<ValidationProblem> problems, ref RunFolderLock? folderLock)
    {
        var hub = new UpdateHub();
        var env =
            new SweepEnvironment(
            _options, baseDirectory, hub, options.MaxFailedTrials, options.AcceptCompatibleChanges);
        Func<CancellationToken, Task<SweepResult>> body;
        switch (definition)
        {
            case PipelineDefinition pipeline:
                PipelineExecution.Check(pipeline, env, folder, problems);
                HyperDriveValidationException.ThrowIfErrors(problems, "The pipeline cannot run locally.");
                var execution = new PipelineExecution(pipeline, folder, runId, env, resume);
                body = execution.RunAsync;
                break;
            default:
                var sweep = definition as SweepDefinition
                    ?? SweepPlanner.AsSweep((CommandJobDefinition)definition, definition.Inputs);
                var journalPath = Path.Combine(folder, RunJournal.FileName);
                var replay = resume ? JournalReplay.Read(journalPath) : null;
                var setup =
                    SweepPlanner.Prepare(sweep, folder, runId, env, replay, null, string.Empty, problems,
                    definition is CommandJobDefinition ? new SingleTrialSampler() : null);
                HyperDriveValidationException.ThrowIfErrors(problems, "The definition cannot run locally.");
                var sweepExecution = new SweepExecution(setup!);
                body = sweepExecution.RunAsync;
                break;
        }

        Directory.CreateDirectory(folder);
        var held = folderLock ?? RunFolderLock.Acquire(folder);
        folderLock = null; // the run owns it now and releases it when its body ends
        var inner = body;
        body = async ct =>
        {
            using (held)
            {
                return await inner(ct).ConfigureAwait(false);
            }
        };
        var run = new LocalSweepRun(runId, definition, folder, hub, body);
        _runs[run] = 0;
        return run;
    }

    private string ChooseFolder(JobDefinition definition, SweepRunOptions options)
    {
        if (options.OutputDirectory is { } explicitFolder)
        {
            var folder = Path.GetFullPath(explicitFolder);
            ThrowIfTaken(folder);
            return folder;
        }

        var root = Path.GetFullPath(_options.OutputRoot);
        if (options.RunName is { } runName)
        {
            if (!AzureNames.IsValidJobName(runName))
            {
                throw new ArgumentException(
                    $"'{runName}' is not a valid run name: start with a letter or digit and use only letters, " +
                    "digits, '-' and '_'.", nameof(options));
            }

            var folder = Path.Combine(root, runName);
            ThrowIfTaken(folder);
            return folder;
        }

        var stamp = _options.TimeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var suffix = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next()))[..6].ToLowerInvariant();
        return Path.Combine(root, $"{definition.Name ?? definition.JobType}-{stamp}-{suffix}");
    }

    private static void ThrowIfTaken(string folder)
    {
        if (File.Exists(Path.Combine(folder, RunJournal.FileName))
            || File.Exists(Path.Combine(folder, PipelineExecution.PipelineFile))
            || Directory.Exists(Path.Combine(folder, "steps")))
        {
            throw new IOException(
                $"'{folder}' already holds a run. Resume it with ResumeAsync, or choose another run name or output " +
                "directory.");
        }
    }
}
