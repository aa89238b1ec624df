using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Launchers;
using HyperDrive.Fluent.Local.Metrics;
using HyperDrive.Fluent.Local.Processes;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// The scheduler of one sweep (or of one pipeline command step, as a one-trial sweep): proposes trials, keeps at most
/// max-concurrent running on its <see cref="ITrialLauncher"/>, feeds what they report to the sweep's
/// <see cref="TrialLedger"/> (which values count, policy stops, the best trial, the sweep's status), honours limits and
/// cancellation, journals every event and, in a run folder, writes the results. Without a folder (the testing kit's
/// fake engine) it journals to no file and writes nothing.
/// </summary>
internal sealed class SweepExecution
{
    private readonly object _gate = new();
    private readonly SweepDefinition _definition;
    private readonly string? _folder;
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
    private readonly ITrialLauncher _launcher;
    private CancellationTokenSource? _stopSweep;
    private string? _fatalError; // what stopped the whole sweep (a full disk), not one trial
    private string? _sweepStopReason; // why the trials still running were stopped: canceled, timed out, stopped, failed
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
        _maxConcurrent = _definition.Limits.MaxConcurrentTrials ?? _env.Options.MaxConcurrentTrials
            ?? Environment.ProcessorCount;
        _ledger = new TrialLedger(
            _hasObjective ? _definition.Objective : null,
            setup.Definition.EarlyTermination,
            _maxConcurrent,
            _definition.Limits.MaxTotalTrials ?? 1000,
            _env.MaxFailedTrials,
            _env.Time);
        _launcher = setup.Launcher ?? (_definition.InProcessTrial is { } inProcess
            ? new InProcessTrialLauncher(inProcess)
            : new ProcessTrialLauncher(_definition, _plan!, _runId, _env.Options));
    }

    /// <summary>Gets the most trials that ran at once (for tests and benchmarks).</summary>
    public int PeakConcurrency => Volatile.Read(ref _peakRunning);

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (_folder is not null)
        {
            Directory.CreateDirectory(Path.Combine(_folder, "trials"));
        }

        var startedAt = _env.Time.GetUtcNow();
        string? error = null;
        using var journal = _folder is null ? RunJournal.WithoutFile() : new RunJournal(_folder);
        _journal = journal;
        var rerun = new Queue<TrialState>();
        if (_replay is null)
        {
            journal.RunStarted(_runId, _seed, _fingerprint, startedAt, _definition);
        }
        else
        {
            journal.Resumed(startedAt, _fingerprint);
            ResultsWriter.RemoveLeftoverTemporaries(_folder!);
            LoadReplay(_replay, rerun);
            PublishRestored();
        }

        var maxConcurrent = _maxConcurrent;
        var maxTotal = _definition.Limits.MaxTotalTrials ?? 1000;
        using var sweepCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stopSweep = sweepCts;
        using var timeoutCts = _definition.Limits.Timeout is { } timeout
            ? new CancellationTokenSource(timeout, _env.Time) : null;
        using var timeoutLink = timeoutCts?.Token.Register(() => StopSweep("The sweep reached its timeout."));
        using var cancelLink = cancellationToken.Register(() => StopSweep("The run was canceled."));
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

                var done = await _launcher.WhenAnyEndsAsync(running, sweepCts.Token).ConfigureAwait(false);
                var trial = running[done];
                running.Remove(done);
                await done.ConfigureAwait(false);
                lock (_gate)
                {
                    _observations[trial.Number] =
                        new SamplerObservation(trial.Parameters, BestOf(trial), IsPending: false);
                }
            }
        }
#pragma warning disable CA1031 // the sweep fails with the reason; running trials are stopped below
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex.Message;
            StopSweep($"The sweep failed: {ex.Message}");
            await Task.WhenAll(running.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)))
                .ConfigureAwait(false);
        }

        if (exhausted && _trials.Count < maxTotal && _definition.SearchSpace.Count > 0)
        {
            _env.Notice(
                $"{NoticeScope}:exhausted",
                $"The search space is exhausted after {_trials.Count} trials (max_total_trials is {maxTotal}).",
                _stepName);
        }

        SweepOutcome outcome;
        lock (_gate)
        {
            outcome = _ledger.Conclude(
                canceled: cancellationToken.IsCancellationRequested,
                timedOutAfter: timeoutCts?.IsCancellationRequested == true ? _definition.Limits.Timeout : null);
        }

        error ??= _fatalError;
        var result =
            Finish(error is null ? outcome : outcome with { Status = SweepRunStatus.Failed, Error = error }, startedAt);
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
                if (replayed.Process is { } leftover
                    && ProcessIdentity.TryKillLeftover(leftover.Id, leftover.StartedAt))
                {
                    Warn($"Stopped process {leftover.Id} of trial {trial.Id}: the interrupted run left it running; " +
                        "the trial runs again.");
                }

                rerun.Enqueue(trial);
            }
        }
    }

    /// <summary>Streams the trials a resume took over finished from the journal (a
    /// <see cref="TrialUpdateKind.Started"/> and a <see cref="TrialUpdateKind.Finished"/> each, marked
    /// <see cref="TrialUpdate.Restored"/>), so a watcher's counts start from what is already done.</summary>
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
            Publish(new TrialUpdate(TrialUpdateKind.Started, trial.Id, started)
                { Status = trial.Status, Parameters = trial.Parameters, Restored = true });
            Publish(new TrialUpdate(TrialUpdateKind.Finished, trial.Id, trial.EndedAt ?? started)
                { Status = trial.Status, Message = trial.Error, Restored = true });
        }
    }

    private TrialState NewTrial(int number, IReadOnlyDictionary<string, object> parameters)
    {
        var id = $"{_runId}_{number}";
        var trial =
            new TrialState(number, id, parameters, _folder is null ? null : Path.Combine(_folder, "trials", id));
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

    /// <summary>Starts the trial on the scheduler's loop (so trials start, journal and stream in the order they were
    /// proposed), then runs it on its launcher off the loop.</summary>
    private async Task RunTrialAsync(TrialState trial, CancellationToken sweepToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(sweepToken);
        using var timeout = _definition.Limits.TrialTimeout is { } limit ? new CancellationTokenSource(limit, _env.Time)
            : null;
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

        Publish(new TrialUpdate(TrialUpdateKind.Started, trial.Id, now)
            { Status = TrialStatus.Running, Parameters = trial.Parameters });
        await Task.Yield();
        TrialStatus status;
        string? error = null;
        int? exitCode = null;
        try
        {
            var exit = await _launcher.RunAsync(trial, new TrialSink(this, trial), stop.Token).ConfigureAwait(false);
            exitCode = exit.ExitCode;
            if (exit.SweepFailure is { } sweepFailure)
            {
                lock (_gate)
                {
                    _fatalError ??= sweepFailure;
                }

                StopSweep(sweepFailure);
            }

            (status, error) = exit.Failure is { } failure
                ? (TrialStatus.Failed, failure)
                // told to stop, it finished anyway: the stop stands
                : StopReasonOf(trial) ?? (TrialStatus.Completed, null);
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
            error = $"{ex.GetType().Name}: {ex.Message}";
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

        lock (_gate)
        {
            return (TrialStatus.Canceled, sweepToken.IsCancellationRequested ? _sweepStopReason
                ?? "The run was canceled." : "Canceled.");
        }
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
            StopSweep($"The sweep stopped: {stopSweep}.");
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
                // (lines already in the pipe when the policy killed the process). The history ends where the trial was
                // stopped, however quickly the kill lands, and a stopped trial is never evaluated again.
                return;
            }

            if (trial.MetricSources.TryGetValue(reported.Name, out var owner) && owner != source)
            {
                return; // the same metric printed and logged with MLflow counts once: the first collector owns it
            }

            trial.MetricSources[reported.Name] = source;
            if (!double.IsFinite(reported.Value) && source != "stdout") // the stdout parser notes its own lines
            {
                nonFinite =
                    $"{reported.Name} is " +
                    $"{(double.IsNaN(reported.Value) ? "NaN" : reported.Value > 0 ? "+infinity" : "-infinity")} " +
                    $"({(source == "mlflow" ? "logged with MLflow" : "reported")}); it is recorded but never counts " +
                    "as a best or in a policy decision.";
            }

            if (!trial.Metrics.TryGetValue(reported.Name, out var values))
            {
                trial.Metrics[reported.Name] = values = [];
            }

            var value = explicitStep ? reported : reported with { Step = values.Count };
            values.Add(value);
            _journal!.Metric(trial.Number, value, source);
            updates.Add(new TrialUpdate(TrialUpdateKind.Metric, trial.Id, value.Timestamp)
                { Metric = value, Status = TrialStatus.Running });
            var report = _ledger.Report(trial.Id, value);
            if (report.BestChanged)
            {
                updates.Add(new TrialUpdate(TrialUpdateKind.BestChanged, trial.Id, value.Timestamp) { Metric = value });
            }

            if (report.Decision is { } decision)
            {
                _journal.Decision(trial.Number, decision);
                updates.Add(new TrialUpdate(TrialUpdateKind.PolicyEvaluated, trial.Id, decision.Timestamp)
                    { Decision = decision });
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

    /// <summary>Stops every running trial and starts no more; the first reason given is what the stopped trials
    /// record.</summary>
    private void StopSweep(string reason)
    {
        lock (_gate)
        {
            _sweepStopReason ??= reason;
        }

        CancelQuietly(_stopSweep);
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

    /// <summary>Gets what tells this sweep's notices from another step's in the run's once-only set.</summary>
    private string NoticeScope => _folder ?? _runId;

    private Dictionary<string, string> OutputFolders(TrialState trial) =>
        trial.OutputDirectory is not { } outputs
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : (_plan?.OutputNames ?? _definition.Outputs.Keys.Concat(_definition.Trial.Outputs.Keys).Distinct(
                StringComparer.Ordinal))
                .ToDictionary(name => name, name => Path.Combine(outputs, name), StringComparer.Ordinal);

    /// <summary>Clears an unfinished attempt's folder (before a resume) and creates what the trial needs up front: a
    /// process trial's <c>outputs</c> (named in its environment), and every declared output's folder. An in-process
    /// trial without declared outputs gets its folder only when it reads <see cref="TrialContext.OutputDirectory"/>: a
    /// folder per trial is most of the cost of a trivial in-process trial on a busy disk.</summary>
    private void PrepareFolder(TrialState trial)
    {
        if (trial.Folder is null)
        {
            return;
        }

        if (Directory.Exists(trial.Folder))
        {
            Directory.Delete(trial.Folder, recursive: true);
        }

        if (_definition.InProcessTrial is null)
        {
            Directory.CreateDirectory(trial.OutputDirectory!); // logs/ comes with a stream's first line
        }

        foreach (var folder in OutputFolders(trial).Values)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Notes a metric report that was ignored or never counts: once per trial in the run's notices, and in the
    /// trial's own <c>logs/notices.txt</c>.</summary>
    private void NoteMetric(TrialState trial, string reason)
    {
        _env.Notice($"{NoticeScope}:{trial.Number}:metric:{reason}", $"Trial {trial.Id}: {reason}", _stepName);
        WriteTrialNote(trial, reason);
    }

    /// <summary>Appends a note to the trial's <c>logs/notices.txt</c> (each distinct note once per run of the trial),
    /// stamped with the time in ISO 8601 UTC, so the trial's folder tells what happened to its output without the run's
    /// log.</summary>
    private void WriteTrialNote(TrialState trial, string note)
    {
        lock (trial.Noted)
        {
            if (!trial.Noted.Add(note) || trial.NoticesPath is null)
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(trial.NoticesPath)!);
                var stamp =
                    _env.Time.GetUtcNow().UtcDateTime.ToString(
                    "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                File.AppendAllText(trial.NoticesPath, $"{stamp} {note}\n");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the run's notices still carry it; a trial log that cannot be written does not fail the trial
                _env.Notice(
                    $"{NoticeScope}:{trial.Number}:notices-log",
                    $"Trial {trial.Id}: could not write {trial.NoticesPath}: {ex.Message}", _stepName);
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

    private void Publish(TrialUpdate update) =>
        _env.Hub.Publish(_stepName is null ? update : update with { StepName = _stepName });

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
        var best = _hasObjective ? trials.Find(t => t.Id == bestId)
            : trials.FirstOrDefault(t => t.Status == TrialStatus.Completed);
        // the trial warnings were streamed already
        var ledgerWarnings = outcome.Warnings.Skip(_ledger.Warnings.Count).ToList();
        foreach (var warning in ledgerWarnings)
        {
            Warn(warning, ledgerWarning: true);
        }

        if (best is not null && _folder is not null)
        {
            // an absent folder (nothing written) copies as empty
            ResultsWriter.CopyFolder(best.OutputDirectory!, Path.Combine(_folder, "best"));
            if (_definition.RegisterBestModel is { } registration && status == SweepRunStatus.Completed)
            {
                var target = Path.Combine(_folder, "models", registration.ModelName, "1");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                ResultsWriter.CopyFolder(Path.Combine(_folder, "best", registration.OutputName), target);
                _env.Notice(
                    $"model:{_folder}:{registration.ModelName}",
                    $"Registered model '{registration.ModelName}' version 1 locally: {target}.", _stepName);
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
        if (_folder is not null)
        {
            ResultsWriter.Write(result, _definition, _seed, _replay?.RunStartedAt ?? startedAt, endedAt);
        }

        return result;
    }

    private void OnPrinted(TrialState trial, IEnumerable<(string Name, string Text)> names)
    {
        lock (_gate)
        {
            foreach (var printed in names)
            {
                if (trial.PrintedMetricNames.Count >= MetricNameHint.MaxNames)
                {
                    break;
                }

                if (!trial.PrintedMetricNames.Exists(p => p.Name == printed.Name))
                {
                    trial.PrintedMetricNames.Add(printed);
                }
            }
        }
    }

    private bool WantsPrintedNames(TrialState trial)
    {
        lock (_gate)
        {
            return _hasObjective && trial.PrintedMetricNames.Count < MetricNameHint.MaxNames
                && !trial.Metrics.ContainsKey(_definition.Objective.PrimaryMetric);
        }
    }

    /// <summary>What the launcher of one trial reports to this scheduler.</summary>
    private sealed class TrialSink(SweepExecution sweep, TrialState trial) : ITrialSink
    {
        public TimeProvider Time => sweep._env.Time;

        public IReadOnlyDictionary<string, string> OutputFolders => sweep.OutputFolders(trial);

        public bool WantsPrintedNames => sweep.WantsPrintedNames(trial);

        public void Metric(MetricValue value, string source, bool explicitStep) =>
            sweep.OnMetric(trial, value, source, explicitStep);

        public void Note(string note) => sweep.NoteMetric(trial, note);

        public void Printed(IEnumerable<(string Name, string Text)> names) => sweep.OnPrinted(trial, names);

        public void Output(string line, bool isError) =>
            sweep.Publish(new TrialUpdate(TrialUpdateKind.Log, trial.Id, Time.GetUtcNow())
                { Message = isError ? "[stderr] " + line : line });

        public void ProcessStarted(int processId, DateTimeOffset startedAt) =>
            sweep._journal!.ProcessStarted(trial.Number, processId, startedAt);
    }
}
