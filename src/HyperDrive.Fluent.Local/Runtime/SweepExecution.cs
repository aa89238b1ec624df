using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Metrics;
using HyperDrive.Fluent.Engines.Policies;
using HyperDrive.Fluent.Local.Processes;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// Runs one sweep (or one pipeline command step as a one-trial sweep) in its folder: proposes trials, keeps at most
/// max-concurrent running, collects metrics, applies the policy, honours limits and cancellation, journals every event and
/// writes the results.
/// </summary>
internal sealed class SweepExecution
{
    private readonly object _gate = new();
    private readonly SweepDefinition _definition;
    private readonly string _folder;
    private readonly string _runId;
    private readonly SweepEnvironment _env;
    private readonly ISampler _sampler;
    private readonly TrialCommandPlan? _plan;
    private readonly JournalReplay? _replay;
    private readonly int? _seed;
    private readonly string _fingerprint;
    private readonly string? _stepName;
    private readonly bool _hasObjective;
    private readonly List<TrialState> _trials = [];
    private readonly List<SamplerObservation> _observations = [];
    private readonly List<string> _warnings = [];
    private readonly StdoutMetricParser _parser;
    private CancellationTokenSource? _stopSweep;
    private string? _fatalError; // what stopped the whole sweep (a full disk), not one trial
    private readonly int _maxConcurrent;
    private readonly TrialLedger _ledger;
    private RunJournal? _journal;
    private int _running;
    private int _peakRunning;

    public SweepExecution(SweepExecutionSetup setup)
    {
        _definition = setup.Definition;
        _folder = setup.Folder;
        _runId = setup.RunId;
        _env = setup.Environment;
        _sampler = setup.Sampler;
        _plan = setup.Plan;
        _replay = setup.Replay;
        _seed = setup.Seed;
        _fingerprint = setup.Fingerprint;
        _stepName = setup.StepName;
        _hasObjective = !string.IsNullOrEmpty(_definition.Objective.PrimaryMetric);
        _maxConcurrent = _definition.Limits.MaxConcurrentTrials ?? _env.Options.MaxConcurrentTrials ?? Environment.ProcessorCount;
        _ledger = new TrialLedger(
            _hasObjective ? _definition.Objective : null,
            setup.Definition.EarlyTermination,
            _maxConcurrent,
            _definition.Limits.MaxTotalTrials ?? 1000,
            _env.MaxFailedTrials,
            _env.Time);
        _parser = new StdoutMetricParser(
            _hasObjective ? [_definition.Objective.PrimaryMetric, .. _definition.MetricPatterns.Select(p => p.MetricName)] : _definition.MetricPatterns.Select(p => p.MetricName),
            _definition.MetricPatterns);
    }

    /// <summary>Gets the most trials that ran at once (for tests and benchmarks).</summary>
    public int PeakConcurrency => Volatile.Read(ref _peakRunning);

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "trials"));
        var startedAt = _env.Time.GetUtcNow();
        string? error = null;
        using var journal = new RunJournal(_folder);
        _journal = journal;
        var rerun = new Queue<TrialState>();
        if (_replay is null)
        {
            journal.RunStarted(_runId, _seed, _fingerprint, startedAt, _definition);
        }
        else
        {
            journal.Resumed(startedAt, _fingerprint);
            ResultsWriter.RemoveLeftoverTemporaries(_folder);
            LoadReplay(_replay, rerun);
            PublishRestored();
        }

        var maxConcurrent = _maxConcurrent;
        var maxTotal = _definition.Limits.MaxTotalTrials ?? 1000;
        using var sweepCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stopSweep = sweepCts;
        using var timeoutCts = _definition.Limits.Timeout is { } timeout ? new CancellationTokenSource(timeout, _env.Time) : null;
        using var timeoutLink = timeoutCts?.Token.Register(() => sweepCts.Cancel());
        var running = new Dictionary<Task, TrialState>();
        var exhausted = false;
        try
        {
            while (true)
            {
                while (!sweepCts.IsCancellationRequested && running.Count < maxConcurrent)
                {
                    TrialState? next = rerun.Count > 0 ? rerun.Dequeue() : null;
                    if (next is null && !exhausted && _trials.Count < maxTotal)
                    {
                        next = Propose();
                        exhausted = next is null;
                    }

                    if (next is null)
                    {
                        break;
                    }

                    running.Add(RunTrialAsync(next, sweepCts.Token), next);
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
                var trial = running[done];
                running.Remove(done);
                await done.ConfigureAwait(false);
                lock (_gate)
                {
                    _observations[trial.Number] = new SamplerObservation(trial.Parameters, BestOf(trial), IsPending: false);
                }
            }
        }
#pragma warning disable CA1031 // the sweep fails with the reason; running trials are stopped below
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex.Message;
            await sweepCts.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }

        if (exhausted && _trials.Count < maxTotal && _definition.SearchSpace.Count > 0)
        {
            _env.Notice($"{_folder}:exhausted", $"The search space is exhausted after {_trials.Count} trials (max_total_trials is {maxTotal}).", _stepName);
        }

        SweepOutcome outcome;
        lock (_gate)
        {
            outcome = _ledger.Conclude(
                canceled: cancellationToken.IsCancellationRequested,
                timedOutAfter: timeoutCts?.IsCancellationRequested == true ? _definition.Limits.Timeout : null);
        }

        error ??= _fatalError;
        var result = Finish(error is null ? outcome : outcome with { Status = SweepRunStatus.Failed, Error = error }, startedAt);
        journal.Ended(result.Status, _env.Time.GetUtcNow());
        return result;
    }

    private void LoadReplay(JournalReplay replay, Queue<TrialState> rerun)
    {
        foreach (var replayed in replay.Trials.Values)
        {
            var trial = NewTrial(replayed.Number, replayed.Parameters);
            if (replayed.Finished)
            {
                trial.Status = replayed.Status;
                trial.StartedAt = replayed.StartedAt;
                trial.EndedAt = replayed.EndedAt;
                trial.ExitCode = replayed.ExitCode;
                trial.Error = replayed.Error;
                foreach (var (name, values) in replayed.Metrics)
                {
                    trial.Metrics[name] = [.. values];
                }

                foreach (var (name, source) in replayed.Sources)
                {
                    trial.MetricSources[name] = source;
                }

                _ledger.Restore(
                    trial.Id,
                    trial.Number,
                    trial.Metrics.Values.SelectMany(v => v),
                    trial.Status,
                    trial.ExitCode,
                    trial.Error,
                    replayed.Decisions.Select(d => d with { TrialId = trial.Id }));
                _observations[trial.Number] = new SamplerObservation(trial.Parameters, BestOf(trial), IsPending: false);
            }
            else
            {
                if (replayed.Process is { } leftover && ProcessIdentity.TryKillLeftover(leftover.Id, leftover.StartedAt))
                {
                    Warn($"Stopped process {leftover.Id} of trial {trial.Id}: the interrupted run left it running; the trial runs again.");
                }

                rerun.Enqueue(trial);
            }
        }
    }

    /// <summary>Streams the trials a resume took over finished from the journal (a <see cref="TrialUpdateKind.Started"/> and a
    /// <see cref="TrialUpdateKind.Finished"/> each, marked <see cref="TrialUpdate.Restored"/>), so a watcher's counts start
    /// from what is already done.</summary>
    private void PublishRestored()
    {
        List<TrialState> done;
        lock (_gate)
        {
            done = _trials.Where(t => t.IsFinished).ToList();
        }

        foreach (var trial in done)
        {
            var started = trial.StartedAt ?? trial.EndedAt ?? _env.Time.GetUtcNow();
            Publish(new TrialUpdate(TrialUpdateKind.Started, trial.Id, started) { Status = trial.Status, Parameters = trial.Parameters, Restored = true });
            Publish(new TrialUpdate(TrialUpdateKind.Finished, trial.Id, trial.EndedAt ?? started) { Status = trial.Status, Message = trial.Error, Restored = true });
        }
    }

    private TrialState NewTrial(int number, IReadOnlyDictionary<string, object> parameters)
    {
        var id = $"{_runId}_{number}";
        var trial = new TrialState(number, id, parameters, Path.Combine(_folder, "trials", id));
        lock (_gate)
        {
            _trials.Add(trial);
            _observations.Add(new SamplerObservation(parameters, null, IsPending: true));
        }

        return trial;
    }

    private TrialState? Propose()
    {
        var number = _trials.Count;
        IReadOnlyDictionary<string, object>? parameters;
        lock (_gate)
        {
            parameters = _sampler.Propose(number, new SamplerHistory(_observations));
        }

        if (parameters is null)
        {
            return null;
        }

        var trial = NewTrial(number, parameters);
        _journal!.Proposed(trial);
        return trial;
    }

    private async Task RunTrialAsync(TrialState trial, CancellationToken sweepToken)
    {
        await Task.Yield();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(sweepToken);
        using var timeout = _definition.Limits.TrialTimeout is { } limit ? new CancellationTokenSource(limit, _env.Time) : null;
        using var timeoutLink = timeout?.Token.Register(() => TimeOut(trial, _definition.Limits.TrialTimeout!.Value));
        PrepareFolder(trial);
        var now = _env.Time.GetUtcNow();
        lock (_gate)
        {
            trial.ResetForRun();
            trial.Status = TrialStatus.Running;
            trial.StartedAt = now;
            trial.Stop = stop;
            _ledger.Started(trial.Id, trial.Number);
            _journal!.Started(trial.Number, now);
            var current = ++_running;
            if (current > _peakRunning)
            {
                Volatile.Write(ref _peakRunning, current);
            }
        }

        Publish(new TrialUpdate(TrialUpdateKind.Started, trial.Id, now) { Status = TrialStatus.Running, Parameters = trial.Parameters });
        TrialStatus status;
        string? error = null;
        int? exitCode = null;
        try
        {
            if (_definition.InProcessTrial is { } run)
            {
                await RunInProcessAsync(trial, run, stop.Token).ConfigureAwait(false);
            }
            else
            {
                var outcome = await RunProcessAsync(trial, stop.Token).ConfigureAwait(false);
                exitCode = outcome.ExitCode;
                if (outcome.LogWriteError is { } logError)
                {
                    // The trial's output was read to the end (its pipes kept draining), but its logs are incomplete, and the next
                    // trial would hit the same full disk: stop the sweep so it can be resumed once there is space.
                    var reason = $"Disk full while writing logs: {logError}";
                    lock (_gate)
                    {
                        trial.StopReason ??= (TrialStatus.Failed, reason);
                        _fatalError ??= $"Disk full while writing the logs of trial {trial.Id} ({logError}). Free space, then resume the run: finished trials are kept.";
                    }

                    CancelQuietly(_stopSweep);
                    throw new TrialFailedException(reason);
                }

                if (outcome.ExitCode != 0)
                {
                    throw new TrialFailedException($"Exited with code {outcome.ExitCode}." + (outcome.StderrTail.Length > 0 ? "\n" + outcome.StderrTail : string.Empty));
                }
            }

            (status, error) = StopReasonOf(trial) ?? (TrialStatus.Completed, null); // told to stop, it finished anyway: the stop stands
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            (status, error) = StopOutcome(trial, sweepToken);
        }
#pragma warning disable CA1031 // a failing trial is recorded, and the sweep goes on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            status = TrialStatus.Failed;
            error = ex is TrialFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        }

        Complete(trial, status, error, exitCode);
    }

    private (TrialStatus, string?)? StopReasonOf(TrialState trial)
    {
        lock (_gate)
        {
            return trial.StopReason;
        }
    }

    private (TrialStatus, string) StopOutcome(TrialState trial, CancellationToken sweepToken)
    {
        lock (_gate)
        {
            if (trial.StopReason is { } reason)
            {
                return reason;
            }
        }

        lock (_gate)
        {
            trial.Interrupted = true;
        }

        return (TrialStatus.Canceled, sweepToken.IsCancellationRequested ? "The sweep was canceled or reached its timeout." : "Canceled.");
    }

    private void Complete(TrialState trial, TrialStatus status, string? error, int? exitCode)
    {
        var now = _env.Time.GetUtcNow();
        TrialVerdict verdict;
        lock (_gate)
        {
            trial.Status = status;
            trial.Error = error;
            trial.ExitCode = exitCode;
            trial.EndedAt = now;
            trial.Stop = null;
            _running--;
            _journal!.Finished(trial);
            verdict = _ledger.Ended(trial.Id, status, exitCode, error);
        }

        if (verdict.Warning is { } warning)
        {
            Warn(warning, ledgerWarning: true);
            WriteTrialNote(trial, warning);
            List<(string Name, string Text)> printed;
            lock (_gate)
            {
                printed = [.. trial.PrintedMetricNames];
            }

            if (MetricNameHint.Describe(_definition.Objective.PrimaryMetric, printed) is { } hint)
            {
                Warn($"Trial {trial.Id}: {hint}");
                WriteTrialNote(trial, hint);
            }
        }

        Publish(new TrialUpdate(TrialUpdateKind.Finished, trial.Id, now) { Status = status, Message = error });
        if (verdict.StopSweep is { } stopSweep)
        {
            Warn($"The sweep stopped: {stopSweep}.", ledgerWarning: true);
            CancelQuietly(_stopSweep);
        }
    }

    private async Task RunInProcessAsync(TrialState trial, Func<TrialContext, CancellationToken, Task> run, CancellationToken token)
    {
        var outputs = OutputFolders(trial);
        var context = new TrialContext(
            trial.Id,
            trial.Number,
            new TrialParameters(trial.Parameters),
            trial.OutputDirectory,
            outputs,
            value => OnMetric(trial, value, "report", explicitStep: true),
            _env.Time,
            createOutputDirectoryOnFirstUse: outputs.Count == 0);
        var task = run(context, token);
        await task.WaitAsync(token).ConfigureAwait(false);
    }

    private async Task<ProcessOutcome> RunProcessAsync(TrialState trial, CancellationToken token)
    {
        var mlruns = Path.Combine(trial.Folder, "mlruns");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PYTHONUNBUFFERED"] = "1",
            ["MLFLOW_TRACKING_URI"] = "file:" + mlruns.Replace('\\', '/'),
            ["MLFLOW_ALLOW_FILE_STORE"] = "true",
            ["HYPERDRIVE_RUN_ID"] = _runId,
            ["HYPERDRIVE_TRIAL_ID"] = trial.Id,
            ["HYPERDRIVE_TRIAL_NUMBER"] = trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HYPERDRIVE_OUTPUT_DIR"] = trial.OutputDirectory,
        };
        var launch = _plan!.Build(trial.Parameters, trial.Folder, trial.OutputDirectory, environment, _env.Options.PythonExecutable);
        var mlflow = new MlflowMetricReader(mlruns);
        using var pollStop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var poll = PollMlflowAsync(trial, mlflow, pollStop.Token);
        try
        {
            return await ProcessRunner.RunAsync(
                launch,
                (line, isError) => OnLine(trial, line, isError),
                (processId, startedAt) => _journal!.ProcessStarted(trial.Number, processId, startedAt),
                token).ConfigureAwait(false);
        }
        finally
        {
            await pollStop.CancelAsync().ConfigureAwait(false);
            await poll.ConfigureAwait(false);
            ReadMlflow(trial, mlflow);
        }
    }

    private async Task PollMlflowAsync(TrialState trial, MlflowMetricReader reader, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(_env.Options.MlflowPollInterval, _env.Time, token).ConfigureAwait(false);
                ReadMlflow(trial, reader);
            }
        }
        catch (OperationCanceledException)
        {
            // the trial ended; the caller reads the store once more
        }
    }

    private void ReadMlflow(TrialState trial, MlflowMetricReader reader)
    {
        foreach (var value in reader.ReadNew())
        {
            OnMetric(trial, value, "mlflow", explicitStep: true);
        }
    }

    private void OnLine(TrialState trial, string line, bool isError)
    {
        var ignored = new List<string>(0);
        foreach (var (name, value, timestamp) in _parser.Parse(line, ignored))
        {
            OnMetric(trial, new MetricValue(name, value, 0, timestamp ?? _env.Time.GetUtcNow()), "stdout", explicitStep: false);
        }

        foreach (var reason in ignored)
        {
            // Once per trial and message: a script printing "r2=nan" every epoch is told once, not per line.
            NoteMetric(trial, reason);
        }

        if (_hasObjective && trial.PrintedMetricNames.Count < MetricNameHint.MaxNames
            && !trial.Metrics.ContainsKey(_definition.Objective.PrimaryMetric))
        {
            lock (_gate)
            {
                foreach (var printed in _parser.UndeclaredReports(line))
                {
                    if (trial.PrintedMetricNames.Count < MetricNameHint.MaxNames && !trial.PrintedMetricNames.Exists(p => p.Name == printed.Name))
                    {
                        trial.PrintedMetricNames.Add(printed);
                    }
                }
            }
        }

        if (_env.Options.StreamTrialOutput)
        {
            Publish(new TrialUpdate(TrialUpdateKind.Log, trial.Id, _env.Time.GetUtcNow()) { Message = isError ? "[stderr] " + line : line });
        }
    }

    private void OnMetric(TrialState trial, MetricValue reported, string source, bool explicitStep)
    {
        var updates = new List<TrialUpdate>(3);
        CancellationTokenSource? toStop = null;
        string? nonFinite = null;
        lock (_gate)
        {
            if (trial.Status != TrialStatus.Running || trial.StopReason is not null)
            {
                // A late report: after the trial ended (an abandoned in-process delegate), or after it was told to stop
                // (lines already in the pipe when the policy killed the process). The history ends where the trial was stopped,
                // however quickly the kill lands, and a stopped trial is never evaluated again.
                return;
            }

            if (trial.MetricSources.TryGetValue(reported.Name, out var owner) && owner != source)
            {
                return; // the same metric printed and logged with MLflow counts once: the first collector owns it
            }

            trial.MetricSources[reported.Name] = source;
            if (!double.IsFinite(reported.Value) && source != "stdout") // the stdout parser notes its own lines
            {
                nonFinite = $"{reported.Name} is {(double.IsNaN(reported.Value) ? "NaN" : reported.Value > 0 ? "+infinity" : "-infinity")} ({(source == "mlflow" ? "logged with MLflow" : "reported")}); it is recorded but never counts as a best or in a policy decision.";
            }

            if (!trial.Metrics.TryGetValue(reported.Name, out var values))
            {
                trial.Metrics[reported.Name] = values = [];
            }

            var value = explicitStep ? reported : reported with { Step = values.Count };
            values.Add(value);
            _journal!.Metric(trial.Number, value, source);
            updates.Add(new TrialUpdate(TrialUpdateKind.Metric, trial.Id, value.Timestamp) { Metric = value, Status = TrialStatus.Running });
            var report = _ledger.Report(trial.Id, value);
            if (report.BestChanged)
            {
                updates.Add(new TrialUpdate(TrialUpdateKind.BestChanged, trial.Id, value.Timestamp) { Metric = value });
            }

            if (report.Decision is { } decision)
            {
                _journal.Decision(trial.Number, decision);
                updates.Add(new TrialUpdate(TrialUpdateKind.PolicyEvaluated, trial.Id, decision.Timestamp) { Decision = decision });
            }

            if (report.StopReason is { } reason && trial.StopReason is null)
            {
                trial.StopReason = (TrialStatus.Terminated, reason);
                toStop = trial.Stop;
            }
        }

        if (nonFinite is not null)
        {
            NoteMetric(trial, nonFinite);
        }

        foreach (var update in updates)
        {
            Publish(update);
        }

        CancelQuietly(toStop);
    }

    private void TimeOut(TrialState trial, TimeSpan limit)
    {
        CancellationTokenSource? stop;
        lock (_gate)
        {
            if (trial.Status != TrialStatus.Running || trial.StopReason is not null)
            {
                return;
            }

            trial.StopReason = (TrialStatus.Canceled, _ledger.TimedOut(trial.Id, limit));
            stop = trial.Stop;
        }

        CancelQuietly(stop);
    }

    private static void CancelQuietly(CancellationTokenSource? source)
    {
        try
        {
            source?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the trial ended meanwhile
        }
    }

    private double? BestOf(TrialState trial) =>
        _hasObjective && trial.Metrics.TryGetValue(_definition.Objective.PrimaryMetric, out var values)
            ? TrialLedger.BestOf(values, _definition.Objective)
            : null;

    private Dictionary<string, string> OutputFolders(TrialState trial) =>
        (_plan?.OutputNames ?? _definition.Outputs.Keys.Concat(_definition.Trial.Outputs.Keys).Distinct(StringComparer.Ordinal))
        .ToDictionary(name => name, name => Path.Combine(trial.OutputDirectory, name), StringComparer.Ordinal);

    /// <summary>Clears an unfinished attempt's folder (before a resume) and creates what the trial needs up front: a process
    /// trial's <c>outputs</c> (named in its environment), and every declared output's folder. An in-process trial without declared outputs
    /// gets its folder only when it reads <see cref="TrialContext.OutputDirectory"/>: a folder per trial is most of the cost of
    /// a trivial in-process trial on a busy disk.</summary>
    private void PrepareFolder(TrialState trial)
    {
        if (Directory.Exists(trial.Folder))
        {
            Directory.Delete(trial.Folder, recursive: true);
        }

        if (_definition.InProcessTrial is null)
        {
            Directory.CreateDirectory(trial.OutputDirectory); // logs/ comes with a stream's first line
        }

        foreach (var folder in OutputFolders(trial).Values)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Notes a metric report that was ignored or never counts: once per trial in the run's notices, and in the trial's
    /// own <c>logs/notices.txt</c>.</summary>
    private void NoteMetric(TrialState trial, string reason)
    {
        _env.Notice($"{_folder}:{trial.Number}:metric:{reason}", $"Trial {trial.Id}: {reason}", _stepName);
        WriteTrialNote(trial, reason);
    }

    /// <summary>Appends a note to the trial's <c>logs/notices.txt</c> (each distinct note once per run of the trial), stamped
    /// with the time in ISO 8601 UTC, so the trial's folder tells what happened to its output without the run's log.</summary>
    private void WriteTrialNote(TrialState trial, string note)
    {
        lock (trial.Noted)
        {
            if (!trial.Noted.Add(note))
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(trial.NoticesPath)!);
                var stamp = _env.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                File.AppendAllText(trial.NoticesPath, $"{stamp} {note}\n");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the run's notices still carry it; a trial log that cannot be written does not fail the trial
                _env.Notice($"{_folder}:{trial.Number}:notices-log", $"Trial {trial.Id}: could not write {trial.NoticesPath}: {ex.Message}", _stepName);
            }
        }
    }

    /// <summary>Streams a warning and passes it to the log sink; it goes into the result's warnings unless the ledger
    /// already keeps it (<paramref name="ledgerWarning"/>).</summary>
    private void Warn(string warning, bool ledgerWarning = false)
    {
        if (!ledgerWarning)
        {
            lock (_warnings)
            {
                _warnings.Add(warning);
            }
        }

        Publish(new TrialUpdate(TrialUpdateKind.Notice, null, _env.Time.GetUtcNow()) { Message = warning });
        _env.Options.Log?.Invoke(warning);
    }

    private void Publish(TrialUpdate update) => _env.Hub.Publish(_stepName is null ? update : update with { StepName = _stepName });

    private SweepResult Finish(SweepOutcome outcome, DateTimeOffset startedAt)
    {
        List<TrialResult> trials;
        List<PolicyDecision> decisions;
        string? bestId;
        lock (_gate)
        {
            trials = _trials.Select(t => t.ToResult()).ToList();
            decisions = [.. _ledger.Decisions];
            bestId = _ledger.BestTrialId;
        }

        var status = outcome.Status;
        var best = _hasObjective ? trials.Find(t => t.Id == bestId) : trials.FirstOrDefault(t => t.Status == TrialStatus.Completed);
        var ledgerWarnings = outcome.Warnings.Skip(_ledger.Warnings.Count).ToList(); // the trial warnings were streamed already
        foreach (var warning in ledgerWarnings)
        {
            Warn(warning, ledgerWarning: true);
        }

        if (best is not null)
        {
            ResultsWriter.CopyFolder(best.OutputDirectory!, Path.Combine(_folder, "best")); // an absent folder (nothing written) copies as empty
            if (_definition.RegisterBestModel is { } registration && status == SweepRunStatus.Completed)
            {
                var target = Path.Combine(_folder, "models", registration.ModelName, "1");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                ResultsWriter.CopyFolder(Path.Combine(_folder, "best", registration.OutputName), target);
                _env.Notice($"model:{_folder}:{registration.ModelName}", $"Registered model '{registration.ModelName}' version 1 locally: {target}.", _stepName);
            }
        }

        List<string> warnings;
        lock (_warnings)
        {
            warnings = [.. _env.Notices, .. _warnings, .. outcome.Warnings];
        }

        // The time the run was running: this session, plus the sessions before an interruption (the gaps do not count).
        var endedAt = _env.Time.GetUtcNow();
        var wallTime = (_replay?.ActiveTime ?? TimeSpan.Zero) + (endedAt - startedAt);
        var result = new SweepResult
        {
            RunId = _runId,
            Status = status,
            WallTime = wallTime,
            Objective = _hasObjective ? _definition.Objective : null,
            Trials = trials,
            BestTrial = best,
            Decisions = decisions,
            Warnings = warnings,
            OutputDirectory = _folder,
            Error = outcome.Error,
        };
        ResultsWriter.Write(result, _definition, _seed, _replay?.RunStartedAt ?? startedAt, endedAt);
        return result;
    }

    private sealed class TrialFailedException(string message) : Exception(message);
}
