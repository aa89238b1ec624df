using System.Diagnostics;
using System.Globalization;
using System.Text;
using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.Logging;

namespace HyperDrive.Fluent.Telemetry;

/// <summary>Turns one run's <see cref="TrialUpdate"/>s and result into log events, spans and measurements. Called from
/// a single observation loop, so it holds no locks.</summary>
internal sealed class SweepObserver
{
    private readonly JobDefinition _definition;
    private readonly string _engine;
    private readonly ILogger _logger;
    private readonly HyperDriveMetrics _metrics;
    private readonly Activity? _sweepActivity;
    private readonly Dictionary<string, TrialState> _trials = new(StringComparer.Ordinal);
    private readonly TagList _metricTags;

    public SweepObserver(JobDefinition definition, string sweepName, string runId, string engine, ILogger logger,
        HyperDriveMetrics metrics, Activity? sweepActivity)
    {
        _definition = definition;
        SweepName = sweepName;
        RunId = runId;
        _engine = engine;
        _logger = logger;
        _metrics = metrics;
        _sweepActivity = sweepActivity;
        _metricTags = new TagList
        {
            { HyperDriveTelemetry.EngineTag, engine },
            { HyperDriveTelemetry.SweepNameTag, sweepName },
        };
    }

    public string SweepName { get; }

    public string RunId { get; }

    public void OnUpdate(TrialUpdate update)
    {
        switch (update.Kind)
        {
            case TrialUpdateKind.Started when update.TrialId is not null:
                OnTrialStarted(update.TrialId, update.StepName, update.Timestamp, update.Parameters);
                break;
            case TrialUpdateKind.Metric when update.TrialId is not null && update.Metric is not null:
                OnMetric(update.TrialId, update.StepName, update.Metric);
                break;
            case TrialUpdateKind.PolicyEvaluated when update.Decision is not null:
                OnPolicyEvaluated(update.Decision);
                break;
            case TrialUpdateKind.Finished when update.TrialId is not null:
                OnTrialFinished(update.TrialId, update.StepName, update.Status
                    ?? TrialStatus.Completed, update.Timestamp, update.Message);
                break;
            case TrialUpdateKind.BestChanged when update.TrialId is not null:
                OnBestChanged(update.TrialId, update.StepName, update.Metric, update.Timestamp);
                break;
            case TrialUpdateKind.Notice when update.Message is not null:
                Log.SweepNotice(_logger, SweepName, update.Message);
                break;
            default:
                // Log lines stay in the engine's per-trial logs (they may hold anything).
                break;
        }
    }

    public void OnCompleted(SweepResult result)
    {
        var trials = AllTrials(result).ToList();
        foreach (var (step, trial) in trials)
        {
            var known = _trials.GetValueOrDefault(trial.Id);
            if (known is { Finished: true } || trial.Status is TrialStatus.Queued or TrialStatus.Running)
            {
                continue;
            }

            if (known is null)
            {
                OnTrialStarted(trial.Id, step, trial.StartedAt ?? trial.EndedAt
                    ?? DateTimeOffset.UtcNow, trial.Parameters);
            }

            OnTrialFinished(trial.Id, step, trial.Status, trial.EndedAt ?? DateTimeOffset.UtcNow, trial.Error);
        }

        EndOpenTrials(result.Status == SweepRunStatus.Canceled ? "canceled" : "unknown");

        var best = result.BestTrial ?? result.Steps.Values.Select(s => s.BestTrial).FirstOrDefault(b => b is not null);
        var objective = result.Objective ?? result.Steps.Values.Select(s => s.Objective).FirstOrDefault(o =>
            o is not null);
        var bestValue = best is not null && objective is not null ? best.BestValue(objective) : null;
        var level = result.Status == SweepRunStatus.Failed ? LogLevel.Error : LogLevel.Information;
        if (_logger.IsEnabled(level))
        {
            var status = Lower(result.Status);
            var completed = trials.Count(t => t.Trial.Status == TrialStatus.Completed);
            var terminated = trials.Count(t => t.Trial.Status == TrialStatus.Terminated);
            var failed = trials.Count(t => t.Trial.Status == TrialStatus.Failed);
            var canceled = trials.Count(t => t.Trial.Status == TrialStatus.Canceled);
            var bestId = best?.Id ?? "none";
            var metric = objective?.PrimaryMetric ?? "metric";
            var bestText = Format(bestValue);
            Log.SweepFinished(_logger, level, SweepName, RunId, status, trials.Count, completed, terminated, failed,
                canceled, bestId, metric, bestText);
        }

        if (_sweepActivity is not null)
        {
            _sweepActivity.SetTag(HyperDriveTelemetry.SweepStatusTag, Lower(result.Status));
            if (best is not null)
            {
                _sweepActivity.SetTag(HyperDriveTelemetry.BestTrialTag, best.Id);
                _sweepActivity.SetTag(HyperDriveTelemetry.BestValueTag, bestValue);
            }

            switch (result.Status)
            {
                case SweepRunStatus.Completed:
                    _sweepActivity.SetStatus(ActivityStatusCode.Ok);
                    break;
                case SweepRunStatus.Failed:
                    _sweepActivity.SetStatus(ActivityStatusCode.Error, result.Error ?? "The sweep failed.");
                    break;
                default:
                    break;
            }

            _sweepActivity.Stop();
        }
    }

    public void OnWatchFailed(Exception exception, SweepRunStatus status)
    {
        Log.WatchFailed(_logger, exception, SweepName, RunId);
        EndOpenTrials("unknown");
        _sweepActivity?.SetTag(HyperDriveTelemetry.SweepStatusTag, Lower(status));
        _sweepActivity?.Stop();
    }

    public void OnAbandoned(SweepRunStatus status)
    {
        EndOpenTrials("unknown");
        _sweepActivity?.SetTag(HyperDriveTelemetry.SweepStatusTag, Lower(status));
        _sweepActivity?.Stop();
    }

    private void OnTrialStarted(string trialId, string? step, DateTimeOffset timestamp, IReadOnlyDictionary<string,
        object>? parameters)
    {
        if (_trials.ContainsKey(trialId))
        {
            return;
        }

        var state = new TrialState(step, timestamp);
        _trials[trialId] = state;
        _metrics.TrialsStarted.Add(1, _metricTags);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var parameterText = FormatParameters(parameters);
            Log.TrialStarted(_logger, trialId, parameterText);
        }

        var tags = new List<KeyValuePair<string, object?>>
        {
            new(HyperDriveTelemetry.TrialIdTag, trialId),
            new(HyperDriveTelemetry.RunIdTag, RunId),
            new(HyperDriveTelemetry.EngineTag, _engine),
        };
        if (step is not null)
        {
            tags.Add(new(HyperDriveTelemetry.StepNameTag, step));
        }

        foreach (var (name, value) in parameters ?? new Dictionary<string, object>())
        {
            tags.Add(
                new(HyperDriveTelemetry.ParameterTagPrefix + name, value is long or double or string or bool ? value
                : FormatValue(value)));
        }

        var previous = Activity.Current;
        state.Activity = HyperDriveTelemetry.ActivitySource.StartActivity(
            HyperDriveTelemetry.TrialActivityName, ActivityKind.Internal, _sweepActivity?.Context
                ?? default, tags, startTime: timestamp);
        Activity.Current = previous;
        if (state.Activity is not null)
        {
            state.Activity.DisplayName = $"trial {trialId}";
        }
    }

    private void OnMetric(string trialId, string? step, MetricValue metric)
    {
        var objective = ObjectiveOf(step);
        if (objective is null || metric.Name != objective.PrimaryMetric)
        {
            return;
        }

        if (_trials.GetValueOrDefault(trialId) is { } state)
        {
            state.Best = TrialLedger.BestAfter(state.Best, metric.Value, objective);
        }
    }

    /// <summary>Logs the engine's own best-trial change (its ledger decides; the observer never re-derives
    /// it).</summary>
    private void OnBestChanged(string trialId, string? step, MetricValue? metric, DateTimeOffset timestamp)
    {
        var name = metric?.Name ?? ObjectiveOf(step)?.PrimaryMetric ?? string.Empty;
        var value = metric?.Value ?? (_trials.GetValueOrDefault(trialId)?.Best is { } best ? best : double.NaN);
        Log.BestTrialChanged(_logger, trialId, name, value);
        _sweepActivity?.AddEvent(
            new ActivityEvent("best_trial_changed", metric?.Timestamp ?? timestamp, new ActivityTagsCollection
        {
            { HyperDriveTelemetry.TrialIdTag, trialId },
            { HyperDriveTelemetry.BestValueTag, value },
        }));
    }

    private void OnPolicyEvaluated(PolicyDecision decision)
    {
        if (!decision.Terminate)
        {
            Log.PolicyEvaluated(_logger, decision.TrialId, decision.Policy, decision.Interval, decision.Value,
                decision.Threshold, decision.Best);
            return;
        }

        Log.TrialTerminated(_logger, decision.TrialId, decision.Policy, decision.Interval, decision.Value,
            decision.Threshold, decision.Best);
        _trials.GetValueOrDefault(decision.TrialId)?.Activity?.AddEvent(
            new ActivityEvent("terminated", decision.Timestamp, new ActivityTagsCollection
        {
            { "hyperdrive.policy", decision.Policy },
            { "hyperdrive.policy.interval", decision.Interval },
            { "hyperdrive.policy.value", decision.Value },
            { "hyperdrive.policy.threshold", decision.Threshold },
            { "hyperdrive.policy.best", decision.Best },
        }));
    }

    private void OnTrialFinished(string trialId, string? step, TrialStatus status, DateTimeOffset timestamp,
        string? reason)
    {
        if (!_trials.TryGetValue(trialId, out var state))
        {
            OnTrialStarted(trialId, step, timestamp, parameters: null);
            state = _trials[trialId];
        }

        if (state.Finished)
        {
            return;
        }

        state.Finished = true;
        var statusText = Lower(status);
        var counter = status switch
        {
            TrialStatus.Completed => _metrics.TrialsCompleted,
            TrialStatus.Failed => _metrics.TrialsFailed,
            TrialStatus.Terminated => _metrics.TrialsTerminated,
            TrialStatus.Canceled => _metrics.TrialsCanceled,
            _ => null,
        };
        counter?.Add(1, _metricTags);

        var duration = Math.Max(0, (timestamp - state.StartedAt).TotalSeconds);
        var durationTags = _metricTags;
        durationTags.Add(HyperDriveTelemetry.TrialStatusTag, statusText);
        _metrics.TrialDuration.Record(duration, durationTags);

        var objective = ObjectiveOf(step);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var seconds = Math.Round(duration, 3);
            var metric = objective?.PrimaryMetric ?? "metric";
            var bestText = Format(state.Best);
            Log.TrialFinished(_logger, trialId, statusText, seconds, metric, bestText);
        }
        if (status == TrialStatus.Failed)
        {
            Log.TrialFailed(_logger, trialId, string.IsNullOrWhiteSpace(reason) ? "the engine gave no reason" : reason);
        }

        if (state.Activity is { } activity)
        {
            activity.SetTag(HyperDriveTelemetry.TrialStatusTag, statusText);
            activity.SetTag(HyperDriveTelemetry.BestValueTag, state.Best);
            if (status == TrialStatus.Failed)
            {
                activity.SetStatus(ActivityStatusCode.Error, reason);
            }
            else if (status == TrialStatus.Completed)
            {
                activity.SetStatus(ActivityStatusCode.Ok);
            }

            activity.SetEndTime(timestamp.UtcDateTime < activity.StartTimeUtc ? activity.StartTimeUtc
                : timestamp.UtcDateTime);
            activity.Stop();
        }
    }

    private void EndOpenTrials(string statusText)
    {
        foreach (var state in _trials.Values.Where(t => !t.Finished))
        {
            state.Finished = true;
            state.Activity?.SetTag(HyperDriveTelemetry.TrialStatusTag, statusText);
            state.Activity?.Stop();
        }
    }

    private Objective? ObjectiveOf(string? step) => _definition switch
    {
        SweepDefinition sweep => sweep.Objective,
        PipelineDefinition pipeline when step is not null && pipeline.Jobs.TryGetValue(step, out var job)
            && job is SweepDefinition sweep => sweep.Objective,
        _ => null,
    };

    private static IEnumerable<(string? Step, TrialResult Trial)> AllTrials(SweepResult result) =>
        result.Trials.Select(t => ((string?)null, t))
            .Concat(result.Steps.SelectMany(s => s.Value.Trials.Select(t => ((string?)s.Key, t))));

    internal static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
#pragma warning disable CA1308 // Status names are lowercase identifiers, not text to compare.
        value.ToString().ToLowerInvariant();
#pragma warning restore CA1308

    private static string Format(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "none";

    internal static string FormatParameters(IReadOnlyDictionary<string, object>? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            return "no parameters";
        }

        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(name).Append('=').Append(FormatValue(value));
        }

        return text.ToString();
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        IReadOnlyDictionary<string, object> nested => "{" + FormatParameters(nested) + "}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class TrialState(string? step, DateTimeOffset startedAt)
    {
        public string? Step { get; } = step;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public Activity? Activity { get; set; }

        public double? Best { get; set; }

        public bool Finished { get; set; }
    }

}
