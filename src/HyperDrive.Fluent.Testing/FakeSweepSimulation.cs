using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.Sampling;

namespace HyperDrive.Fluent.Testing;

/// <summary>
/// Runs one sweep (or a pipeline's command step, as a single trial) in rounds: each round starts trials up to the concurrency
/// limit, then every running trial reports its next scheduled values in trial order, the real policy is evaluated after each
/// primary-metric report, and trials whose script is exhausted end. Deterministic for a given seed and script.
/// </summary>
internal sealed class FakeSweepSimulation
{
    private readonly FakeRunSettings _settings;
    private readonly UpdateLog _log;
    private readonly string _resultId;
    private readonly string? _stepName;
    private readonly Objective? _objective;
    private readonly List<SimulatedTrial> _trials = [];
    private readonly List<string> _warnings = [];
    private TrialLedger _ledger = null!;

    private FakeSweepSimulation(FakeRunSettings settings, UpdateLog log, string resultId, string? stepName, Objective? objective)
    {
        _settings = settings;
        _log = log;
        _resultId = resultId;
        _stepName = stepName;
        _objective = objective;
    }

    private DateTimeOffset Now => _settings.TimeProvider.GetUtcNow();

    public static Task<SweepResult> RunSweepAsync(
        FakeRunSettings settings, UpdateLog log, string runId, string? stepName, SweepDefinition sweep, CancellationToken cancellationToken)
    {
        var resultId = stepName is null ? runId : $"{runId}_{stepName}";
        var simulation = new FakeSweepSimulation(settings, log, resultId, stepName, sweep.Objective);
        var seed = (sweep.SamplingAlgorithm as RandomSampling)?.Seed ?? settings.Seed;
        ISampler sampler;
        if (sweep.SamplingAlgorithm is BayesianSampling)
        {
            sampler = new RandomSampler(sweep.SearchSpace, seed);
            simulation.Notice("The fake engine proposes the trials of a Bayesian sweep with random sampling.");
        }
        else
        {
            sampler = SamplerFactory.Create(sweep, seed);
        }

        var maxTotal = sweep.Limits.MaxTotalTrials ?? settings.DefaultMaxTotalTrials;
        var maxConcurrent = Math.Max(1, sweep.Limits.MaxConcurrentTrials ?? maxTotal);
        return simulation.RunAsync(
            (n, history) => sampler.Propose(n, history),
            n => $"{resultId}_{n}",
            sweep.EarlyTermination,
            maxTotal,
            maxConcurrent,
            sweep.Limits.Timeout,
            sweep.Limits.TrialTimeout,
            cancellationToken);
    }

    public static Task<SweepResult> RunCommandAsync(
        FakeRunSettings settings, UpdateLog log, string runId, string stepName, CancellationToken cancellationToken)
    {
        var simulation = new FakeSweepSimulation(settings, log, $"{runId}_{stepName}", stepName, objective: null);
        return simulation.RunAsync(
            (n, _) => n == 0 ? new Dictionary<string, object>(StringComparer.Ordinal) : null,
            _ => $"{runId}_{stepName}",
            policy: null,
            maxTotal: 1,
            maxConcurrent: 1,
            timeout: null,
            trialTimeout: null,
            cancellationToken);
    }

    private async Task<SweepResult> RunAsync(
        Func<int, SamplerHistory, IReadOnlyDictionary<string, object>?> propose,
        Func<int, string> trialId,
        EarlyTermination.EarlyTerminationPolicy? policy,
        int maxTotal,
        int maxConcurrent,
        TimeSpan? timeout,
        TimeSpan? trialTimeout,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = timeout is { } t ? new CancellationTokenSource(t, _settings.TimeProvider) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource?.Token ?? CancellationToken.None);
        var token = linked.Token;
        _ledger = new TrialLedger(_objective, policy, maxConcurrent, maxTotal, _settings.MaxFailedTrials, _settings.TimeProvider);
        var running = new List<SimulatedTrial>();
        var next = 0;
        var exhausted = false;
        SweepOutcome outcome;
        try
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                while (_ledger.StopReason is null && !exhausted && running.Count < maxConcurrent && next < maxTotal)
                {
                    var parameters = propose(next, History());
                    if (parameters is null)
                    {
                        exhausted = true;
                        break;
                    }

                    running.Add(Start(trialId(next), next, parameters));
                    next++;
                }

                if (running.Count == 0)
                {
                    break;
                }

                foreach (var trial in running)
                {
                    if (_ledger.StopReason is not null)
                    {
                        break;
                    }

                    Step(trial, trialTimeout);
                }

                if (_ledger.StopReason is not null)
                {
                    foreach (var trial in running.Where(t => !t.IsFinished))
                    {
                        Finish(trial, TrialStatus.Canceled, "The sweep stopped: " + _ledger.StopReason + ".");
                    }
                }

                running.RemoveAll(t => t.IsFinished);
                if (_settings.ReportInterval > TimeSpan.Zero)
                {
                    await Task.Delay(_settings.ReportInterval, _settings.TimeProvider, token).ConfigureAwait(false);
                }
                else
                {
                    await Task.Yield();
                }
            }

            outcome = _ledger.Conclude();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            var reason = cancellationToken.IsCancellationRequested ? "The run was canceled." : "The sweep reached its timeout.";
            foreach (var trial in running.Where(t => !t.IsFinished))
            {
                Finish(trial, TrialStatus.Canceled, reason);
            }

            outcome = _ledger.Conclude(
                canceled: cancellationToken.IsCancellationRequested,
                timedOutAfter: cancellationToken.IsCancellationRequested ? null : timeout);
        }

        return Result(outcome);
    }

    private SimulatedTrial Start(string id, int number, IReadOnlyDictionary<string, object> parameters)
    {
        var script = new FakeTrial(id, number, _stepName, parameters);
        var trial = new SimulatedTrial(script, Now);
        _trials.Add(trial);
        _ledger.Started(id, number);
        _log.Add(new TrialUpdate(TrialUpdateKind.Started, id, trial.StartedAt)
        {
            StepName = _stepName,
            Status = TrialStatus.Running,
            Parameters = parameters,
        });
        try
        {
            _settings.ScriptFor(_stepName)?.Invoke(script);
        }
#pragma warning disable CA1031 // A script that throws is a failing trial, as a crashing process would be.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            trial.ScriptError = $"The trial's script threw {exception.GetType().Name}: {exception.Message}";
        }

        return trial;
    }

    private void Step(SimulatedTrial trial, TimeSpan? trialTimeout)
    {
        if (trial.ScriptError is { } scriptError)
        {
            Finish(trial, TrialStatus.Failed, scriptError);
            return;
        }

        var ticks = trial.Script.Ticks;
        if (trial.NextTick < ticks.Count)
        {
            foreach (var (metric, value) in ticks[trial.NextTick])
            {
                var reported = trial.Record(metric, value, Now);
                _log.Add(new TrialUpdate(TrialUpdateKind.Metric, trial.Id, reported.Timestamp) { StepName = _stepName, Metric = reported });
                var report = _ledger.Report(trial.Id, reported);
                if (report.BestChanged)
                {
                    _log.Add(new TrialUpdate(TrialUpdateKind.BestChanged, trial.Id, Now) { StepName = _stepName, Metric = reported });
                }

                if (report.Decision is { } decision)
                {
                    _log.Add(new TrialUpdate(TrialUpdateKind.PolicyEvaluated, trial.Id, decision.Timestamp) { StepName = _stepName, Decision = decision });
                }

                if (report.StopReason is { } stop)
                {
                    Finish(trial, TrialStatus.Terminated, stop);
                    return;
                }
            }

            trial.NextTick++;
        }

        if (trial.NextTick >= ticks.Count)
        {
            var reason = trial.Script.FailureReason;
            Finish(trial, reason is null ? TrialStatus.Completed : TrialStatus.Failed, reason);
        }
        else if (trialTimeout is { } limit && Now - trial.StartedAt >= limit)
        {
            Finish(trial, TrialStatus.Canceled, _ledger.TimedOut(trial.Id, limit));
        }
    }

    private void Finish(SimulatedTrial trial, TrialStatus status, string? error)
    {
        trial.Status = status;
        trial.Error = error;
        trial.EndedAt = Now;
        var verdict = _ledger.Ended(trial.Id, status, exitCode: null, error);
        _log.Add(new TrialUpdate(TrialUpdateKind.Finished, trial.Id, trial.EndedAt.Value) { StepName = _stepName, Status = status, Message = error });
        if (verdict.Warning is { } warning)
        {
            _log.Add(new TrialUpdate(TrialUpdateKind.Notice, trial.Id, Now) { StepName = _stepName, Message = warning });
        }
    }

    private void Notice(string message)
    {
        _warnings.Add(message);
        _log.Add(new TrialUpdate(TrialUpdateKind.Notice, null, Now) { StepName = _stepName, Message = message });
    }

    private SamplerHistory History() =>
        new(_trials.Select(t => new SamplerObservation(
            t.Script.Parameters,
            _objective is null ? null : t.ToResult().BestValue(_objective),
            !t.IsFinished)).ToList());

    private SweepResult Result(SweepOutcome outcome)
    {
        var trials = _trials.Select(t => t.ToResult()).ToList();
        return new SweepResult
        {
            RunId = _resultId,
            Status = outcome.Status,
            Objective = _objective,
            Trials = trials,
            BestTrial = trials.Find(t => t.Id == _ledger.BestTrialId),
            Decisions = [.. _ledger.Decisions],
            Warnings = [.. _warnings, .. outcome.Warnings],
            Error = outcome.Error,
        };
    }

    private sealed class SimulatedTrial(FakeTrial script, DateTimeOffset startedAt)
    {
        private readonly Dictionary<string, List<MetricValue>> _metrics = new(StringComparer.Ordinal);

        public FakeTrial Script { get; } = script;

        public string Id => Script.Id;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public DateTimeOffset? EndedAt { get; set; }

        public TrialStatus Status { get; set; } = TrialStatus.Running;

        public string? Error { get; set; }

        public string? ScriptError { get; set; }

        public int NextTick { get; set; }

        public bool IsFinished => EndedAt is not null;

        public MetricValue Record(string metric, double value, DateTimeOffset timestamp)
        {
            if (!_metrics.TryGetValue(metric, out var values))
            {
                values = [];
                _metrics[metric] = values;
            }

            var reported = new MetricValue(metric, value, values.Count, timestamp);
            values.Add(reported);
            return reported;
        }

        public TrialResult ToResult() => new()
        {
            Id = Id,
            Number = Script.Number,
            Parameters = Script.Parameters,
            Status = Status,
            Metrics = _metrics.ToDictionary(m => m.Key, m => (IReadOnlyList<MetricValue>)m.Value.ToList(), StringComparer.Ordinal),
            StartedAt = StartedAt,
            EndedAt = EndedAt,
            Error = Error,
        };
    }
}
