using System.Text.Json;
using Azure;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Reporting;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// The Azure ML sweeps of one workspace for the dashboard (<c>--workspace</c>), read through
/// <see cref="HyperDriveClient"/> only: the list is <c>GET .../jobs?jobType=Sweep</c> (every page), a sweep's page is
/// its job, its trials and each trial's primary-metric history. A job name from a URL is only looked up among the
/// listed sweeps. What was read is kept: a listing and a sweep's view are re-read at most once per
/// <see cref="AzureMLSweepEngineOptions.PollInterval"/>, and a finished trial's history is read once more after it
/// ended, then never again, so several open pages do not multiply the calls.
/// </summary>
internal sealed class AzureSweepSource : IDisposable
{
    private readonly HyperDriveClient _client;
    private readonly AzureMLSweepEngineOptions _options;
    private readonly SemaphoreSlim _listGate = new(1, 1);
    private readonly Dictionary<string, SweepState> _sweeps = new(StringComparer.Ordinal);
    private (DateTimeOffset At, IReadOnlyList<AzureMLJob> Jobs)? _list;

    public AzureSweepSource(HyperDriveClient client, AzureMLSweepEngineOptions? options = null)
    {
        _client = client;
        _options = options ?? new AzureMLSweepEngineOptions();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _listGate.Dispose();
        lock (_sweeps)
        {
            foreach (var state in _sweeps.Values)
            {
                state.Dispose();
            }
        }
    }

    /// <summary>Gets the workspace's name.</summary>
    public string Workspace => _client.WorkspaceId.WorkspaceName;

    /// <summary>Gets the polling settings (the same as the Azure engine's watch loop).</summary>
    public AzureMLSweepEngineOptions Options => _options;

    /// <summary>Lists the workspace's sweep jobs, newest first.</summary>
    /// <exception cref="RequestFailedException">The service refused the listing.</exception>
    public async Task<IReadOnlyList<AzureMLJob>> ListAsync(CancellationToken cancellationToken)
    {
        await _listGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _options.TimeProvider.GetUtcNow();
            if (_list is { } cached && now - cached.At < _options.PollInterval)
            {
                return cached.Jobs;
            }

            var jobs = new List<AzureMLJob>();
            await foreach (
                var job in _client.GetJobsAsync(jobType: "Sweep", cancellationToken: cancellationToken).ConfigureAwait(
                false))
            {
                // The service filters by jobType; a job of another type is left out all the same.
                if (string.Equals(job.JobType, "Sweep", StringComparison.OrdinalIgnoreCase))
                {
                    jobs.Add(job);
                }
            }

            var ordered = jobs.OrderByDescending(j => j.CreatedAt ?? DateTimeOffset.MinValue).ThenBy(j =>
                j.Name, StringComparer.Ordinal).ToList();
            _list = (now, ordered);
            return ordered;
        }
        finally
        {
            _listGate.Release();
        }
    }

    /// <summary>Finds sweep <paramref name="name"/> among the listed sweeps (the listing is read again once when it is
    /// not there).</summary>
    public async Task<AzureMLJob?> FindAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var found = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(j =>
            string.Equals(j.Name, name, StringComparison.Ordinal));
        if (found is null && _list is not null)
        {
            _list = null; // submitted since the last listing?
            found = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(j =>
                string.Equals(j.Name, name, StringComparison.Ordinal));
        }

        return found;
    }

    /// <summary>Summarizes a listed sweep for the run list (its trials when its page was read, else its
    /// budget).</summary>
    public RunSummary Summary(AzureMLJob job, DateTimeOffset now)
    {
        lock (_sweeps)
        {
            if (_sweeps.TryGetValue(job.Name, out var state) && state.Snapshot is { } snapshot)
            {
                return snapshot.Summary(job.Name, now) with { Kind = "azure sweep" };
            }
        }

        var (_, max) = DefinitionHints(job);
        var best = job.Properties.TryGetValue("score", out var score) && job.PrimaryMetric is { } metric
            ? metric + " " + score : "\u2014";
        var status = job.Status.ToSweepRunStatus();
        return new RunSummary(job.Name, "azure sweep", status, 0, max ?? 0, best, job.CreatedAt, null)
            { TrialsKnown = false };
    }

    /// <summary>Reads sweep <paramref name="name"/> as it is now (at most once per poll interval).</summary>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public async Task<RunSnapshot> ReadAsync(string name, CancellationToken cancellationToken)
    {
        SweepState state;
        lock (_sweeps)
        {
            if (!_sweeps.TryGetValue(name, out state!))
            {
                state = new SweepState();
                _sweeps[name] = state;
            }
        }

        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _options.TimeProvider.GetUtcNow();
            if (state.Snapshot is { } cached && (cached.Finished || now - state.ReadAt < _options.PollInterval))
            {
                return cached;
            }

            var job = (await _client.GetJobAsync(name, cancellationToken).ConfigureAwait(false)).Value;
            var objective = job.PrimaryMetric is { } metric ? new Objective(job.Goal ?? ObjectiveGoal.Maximize, metric)
                : null;
            var (space, max) = DefinitionHints(job);
            var trials = new List<AzureMLSweepTrial>();
            try
            {
                await foreach (var trial in _client.GetSweepTrialsAsync(name, cancellationToken).ConfigureAwait(false))
                {
                    trials.Add(trial);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && !job.Status.IsTerminal)
            {
                // The sweep's MLflow experiment appears when its first trial starts.
            }

            var results = new List<TrialResult>();
            foreach (var trial in trials.OrderBy(t => t.Number).ThenBy(t => t.RunId, StringComparer.Ordinal))
            {
                results.Add(
                    await ReadTrialAsync(state, trial, objective, HasPolicy(job), job.Status, now, cancellationToken)
                        .ConfigureAwait(false));
            }

            var best = objective is null ? null
                : (job.BestChildRunId is { } id ? results.Find(t => t.Id == id) : null)
                    ?? TrialLedger.SelectBest(results, objective);
            var result = new SweepResult
            {
                RunId = name,
                Status = job.Status.ToSweepRunStatus(),
                Objective = objective,
                Trials = results,
                BestTrial = best,
                Error = job.Status == AzureMLJobStatus.Failed
                    ? $"Azure ML job {name} failed; see {job.StudioUri?.ToString() ?? "Azure ML Studio"} for its logs."
                    : null,
            };
            // A job that just ended is read once more before its view is final (trials and histories written as it
            // ended).
            state.TerminalReads = job.Status.IsTerminal ? state.TerminalReads + 1 : 0;
            var snapshot = new RunSnapshot(result, ReportContext.ForSearchSpace(space), state.TerminalReads >= 2, max)
                { StudioUri = job.StudioUri };
            state.Snapshot = snapshot;
            state.ReadAt = now;
            return snapshot;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<TrialResult> ReadTrialAsync(SweepState state, AzureMLSweepTrial trial, Objective? objective,
        bool hasPolicy, AzureMLJobStatus sweepStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var terminal =
            trial.Status is TrialStatus.Completed or TrialStatus.Failed or TrialStatus.Canceled or TrialStatus
            .Terminated;
        var metrics = new Dictionary<string, IReadOnlyList<MetricValue>>(StringComparer.Ordinal);
        foreach (var (name, value) in trial.LatestMetrics)
        {
            metrics[name] = [new MetricValue(name, value, 0, trial.EndTime ?? now)];
        }

        // Run history (where trials are listed) carries no metric values: the primary metric's history is read from
        // MLflow on every poll while the trial runs and once more after it ended; then it is final (as the Azure
        // engine's watcher does).
        var started = trial.Status != TrialStatus.Queued
            || (objective is not null && trial.LatestMetrics.ContainsKey(objective.PrimaryMetric));
        if (objective is not null && started)
        {
            if (!state.Histories.TryGetValue(trial.RunId, out var known) || !known.Final)
            {
                var history = new List<MetricValue>();
                await foreach (
                    var value in _client.GetMetricHistoryAsync(trial.RunId, objective.PrimaryMetric, cancellationToken)
                    .ConfigureAwait(false))
                {
                    history.Add(value);
                }

                known = new History(history, terminal);
                state.Histories[trial.RunId] = known;
            }

            if (known.Values.Count > 0)
            {
                metrics[objective.PrimaryMetric] = known.Values;
            }
        }

        var result = new TrialResult
        {
            Id = trial.RunId,
            Number = trial.Number,
            Parameters = trial.Parameters,
            Status = trial.Status,
            Metrics = metrics,
            StartedAt = trial.StartTime,
            EndedAt = trial.EndTime,
            OutputDirectory = "azureml://jobs/" + trial.RunId + "/outputs",
        };

        // A trial the policy stopped shows as canceled on Azure ML; the engines call it terminated (one rule).
        return PolicyStops.Classify(result, hasPolicy, sweepStatus, objective);
    }

    /// <summary>The search space (parameter → distribution name) and the trial budget from the job's body.</summary>
    private static (Dictionary<string, string> Space, int? MaxTotalTrials) DefinitionHints(AzureMLJob job)
    {
        var space = new Dictionary<string, string>(StringComparer.Ordinal);
        int? max = null;
        try
        {
            using var document = JsonDocument.Parse(job.Content.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("properties", out var properties)
                    && properties.ValueKind == JsonValueKind.Object)
            {
                if (properties.TryGetProperty("searchSpace", out var s) && s.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in s.EnumerateObject())
                    {
                        space[p.Name] = JsonReading.DistributionName(p.Value);
                    }
                }

                if (properties.TryGetProperty("limits", out var limits) && limits.ValueKind == JsonValueKind.Object
                    && limits.TryGetProperty("maxTotalTrials", out var total) && total.TryGetInt32(out var m))
                {
                    max = m;
                }
            }
        }
        catch (JsonException)
        {
            // Hints only: without them the page has linear axes and counts the trials it sees.
        }

        return (space, max);
    }

    private static bool HasPolicy(AzureMLJob job)
    {
        try
        {
            using var document = JsonDocument.Parse(job.Content.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("properties", out var properties)
                    && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("earlyTermination", out var policy)
                    && policy.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record History(IReadOnlyList<MetricValue> Values, bool Final);

    private sealed class SweepState : IDisposable
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public RunSnapshot? Snapshot { get; set; }

        public DateTimeOffset ReadAt { get; set; }

        public int TerminalReads { get; set; }

        public Dictionary<string, History> Histories { get; } = new(StringComparer.Ordinal);

        public void Dispose() => Gate.Dispose();
    }
}
