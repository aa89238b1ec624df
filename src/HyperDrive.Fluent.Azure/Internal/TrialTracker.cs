using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>What a watcher knows about a sweep's trials: turns each poll's view into the updates since the previous
/// poll.</summary>
internal sealed class TrialTracker
{
    private readonly HyperDriveClient _client;
    private readonly Objective _objective;
    private readonly Dictionary<string, TrialState> _trials = new(StringComparer.Ordinal);
    private string? _bestId;

    public TrialTracker(HyperDriveClient client, Objective objective)
    {
        _client = client;
        _objective = objective;
    }

    public IEnumerable<TrialResult> Results =>
        _trials.Values.Select(t => t.Result).OrderBy(t => t.Number).ThenBy(t => t.Id, StringComparer.Ordinal);

    public string? BestId => _bestId;

    public TrialResult? Best => _bestId is not null && _trials.TryGetValue(_bestId, out var best) ? best.Result : null;

    /// <summary>Records one trial's current view and returns what changed.</summary>
    public async Task<List<TrialUpdate>> ObserveAsync(
        AzureMLSweepTrial trial, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updates = new List<TrialUpdate>();
        if (!_trials.TryGetValue(trial.RunId, out var state))
        {
            state = new TrialState(new TrialResult
            {
                Id = trial.RunId,
                Number = trial.Number,
                Parameters = trial.Parameters,
                Status = TrialStatus.Queued,
                StartedAt = trial.StartTime,
                OutputDirectory = "azureml://jobs/" + trial.RunId + "/outputs",
            });
            _trials[trial.RunId] = state;
            updates.Add(new TrialUpdate(TrialUpdateKind.Started, trial.RunId, trial.StartTime ?? now)
                { Status = trial.Status, Parameters = trial.Parameters });
        }

        var terminal =
            trial.Status is TrialStatus.Completed or TrialStatus.Failed or TrialStatus.Canceled or TrialStatus
            .Terminated;
        var metrics = new Dictionary<string, IReadOnlyList<MetricValue>>(state.Result.Metrics, StringComparer.Ordinal);
        foreach (var (name, value) in trial.LatestMetrics)
        {
            if (name == _objective.PrimaryMetric)
            {
                continue;
            }

            if (!state.LastValues.TryGetValue(name, out var last) || !last.Equals(value))
            {
                state.LastValues[name] = value;
                var metric = new MetricValue(name, value, 0, trial.EndTime ?? now);
                metrics[name] = [metric];
                updates.Add(new TrialUpdate(TrialUpdateKind.Metric, trial.RunId, now)
                    { Metric = metric, Status = trial.Status });
            }
        }

        // Run history (where trials are listed) carries no metric values, so the primary metric's history is read from
        // MLflow on every poll while the trial runs, and once more after it ended; then it is final.
        var started = trial.Status != TrialStatus.Queued || trial.LatestMetrics.ContainsKey(_objective.PrimaryMetric);
        if (started && !state.HistoryFinal)
        {
            var history = new List<MetricValue>();
            await foreach (
                var value in _client.GetMetricHistoryAsync(trial.RunId, _objective.PrimaryMetric, cancellationToken)
                .ConfigureAwait(false))
            {
                history.Add(value);
            }

            foreach (var value in history.Skip(state.PrimaryCount))
            {
                updates.Add(new TrialUpdate(TrialUpdateKind.Metric, trial.RunId, value.Timestamp)
                    { Metric = value, Status = trial.Status });
            }

            state.PrimaryCount = Math.Max(state.PrimaryCount, history.Count);
            if (history.Count > 0)
            {
                metrics[_objective.PrimaryMetric] = history;
            }

            state.HistoryFinal = terminal;
        }

        state.Result = state.Result with
        {
            Status = trial.Status,
            Metrics = metrics,
            StartedAt = trial.StartTime ?? state.Result.StartedAt,
            EndedAt = trial.EndTime ?? state.Result.EndedAt,
        };
        if (terminal && !state.Finished)
        {
            state.Finished = true;
            updates.Add(new TrialUpdate(TrialUpdateKind.Finished, trial.RunId, trial.EndTime ?? now)
                { Status = trial.Status });
        }

        return updates;
    }

    /// <summary>Re-computes the best trial (the service's choice when it gave one) and reports a change.</summary>
    public TrialUpdate? UpdateBest(string? serviceBestId, DateTimeOffset now)
    {
        var best = serviceBestId is not null && _trials.ContainsKey(serviceBestId)
            ? serviceBestId
            : TrialLedger.SelectBest(_trials.Values.Select(t => t.Result), _objective)?.Id;
        if (best is null || best == _bestId)
        {
            return null;
        }

        _bestId = best;
        var value = _trials[best].Result.BestValue(_objective);
        return new TrialUpdate(TrialUpdateKind.BestChanged, best, now)
        {
            // the reported value that is the trial's best, as the local engine's BestChanged carries it
            Metric = _trials[best].Result.GetMetric(_objective.PrimaryMetric).FirstOrDefault(m => m.Value == value),
            Message = value is { } v
                ? $"Best trial: {best} ({_objective.PrimaryMetric} = " +
                    $"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
                : $"Best trial: {best}",
        };
    }

    private sealed class TrialState(TrialResult result)
    {
        public TrialResult Result { get; set; } = result;

        public Dictionary<string, double> LastValues { get; } = new(StringComparer.Ordinal);

        public int PrimaryCount { get; set; }

        public bool HistoryFinal { get; set; }

        public bool Finished { get; set; }
    }
}
