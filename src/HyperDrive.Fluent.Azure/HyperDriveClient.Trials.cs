using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure;

public partial class HyperDriveClient
{
    private const int MaxRunsPerPage = 1000;

    /// <summary>Lists a sweep's trials through the workspace's MLflow endpoint: <c>runs/search</c> filtered on the sweep as parent
    /// run, following <c>next_page_token</c> one page at a time (only the current page is in memory), with each trial's sampled
    /// parameters from the sweep's <c>_aml_system_{sweep}_{n}</c> tags.</summary>
    /// <param name="sweepJobName">The sweep job's name.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    /// <exception cref="InvalidOperationException">The workspace has no MLflow tracking URI.</exception>
    public virtual AsyncPageable<SweepTrial> GetSweepTrialsAsync(string sweepJobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepJobName);
        var context = new TrialSearch(sweepJobName);
        return new FuncAsyncPageable<SweepTrial>((token, size, async, ct) => GetTrialsPageAsync(context, token, size, async, ct), cancellationToken);
    }

    /// <summary>Lists a sweep's trials through the workspace's MLflow endpoint (see <see cref="GetSweepTrialsAsync"/>).</summary>
    /// <param name="sweepJobName">The sweep job's name.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    /// <exception cref="InvalidOperationException">The workspace has no MLflow tracking URI.</exception>
    public virtual Pageable<SweepTrial> GetSweepTrials(string sweepJobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepJobName);
        var context = new TrialSearch(sweepJobName);
        return new FuncPageable<SweepTrial>((token, size, async, ct) => GetTrialsPageAsync(context, token, size, async, ct), cancellationToken);
    }

    /// <summary>Gets every logged value of one metric of one run (MLflow <c>metrics/get-history</c>, paged by <c>next_page_token</c>).</summary>
    /// <param name="runId">The run (a trial's job name).</param>
    /// <param name="metricName">The metric.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The values in the order MLflow returns them.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public virtual AsyncPageable<MetricValue> GetMetricHistoryAsync(string runId, string metricName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        var index = new StrongBox<long>();
        return new FuncAsyncPageable<MetricValue>((token, size, async, ct) => GetMetricPageAsync(runId, metricName, token, size, index, async, ct), cancellationToken);
    }

    /// <summary>Gets every logged value of one metric of one run (see <see cref="GetMetricHistoryAsync"/>).</summary>
    /// <param name="runId">The run (a trial's job name).</param>
    /// <param name="metricName">The metric.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The values in the order MLflow returns them.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public virtual Pageable<MetricValue> GetMetricHistory(string runId, string metricName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        var index = new StrongBox<long>();
        return new FuncPageable<MetricValue>((token, size, async, ct) => GetMetricPageAsync(runId, metricName, token, size, index, async, ct), cancellationToken);
    }

    /// <summary>Finds a sweep's best trial: the service's <c>best_child_run_id</c> when the sweep has one, otherwise the trial whose
    /// best value of the primary metric (over its whole history) is best for the goal, by <see cref="TrialLedger.SelectBest"/>,
    /// the rule the local engine uses too. Trials are streamed; only the best so far is kept.</summary>
    /// <param name="sweepJobName">The sweep job's name.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The best trial with its primary-metric history, or <see langword="null"/> when no trial reported the primary metric.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    /// <exception cref="InvalidOperationException">The job is not a sweep (it has no objective).</exception>
    public virtual async Task<TrialResult?> GetBestTrialAsync(string sweepJobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepJobName);
        var sweep = (await GetJobAsync(sweepJobName, cancellationToken).ConfigureAwait(false)).Value;
        var objective = GetObjective(sweep);
        TrialResult? best = null;
        await foreach (var trial in GetSweepTrialsAsync(sweepJobName, cancellationToken).ConfigureAwait(false))
        {
            if (sweep.BestChildRunId is { } serviceBest && !string.Equals(trial.RunId, serviceBest, StringComparison.Ordinal))
            {
                continue;
            }

            var candidate = await ToTrialResultAsync(trial, objective.PrimaryMetric, cancellationToken).ConfigureAwait(false);
            if (sweep.BestChildRunId is not null)
            {
                return candidate;
            }

            best = best is null ? TrialLedger.SelectBest([candidate], objective) : TrialLedger.SelectBest([best, candidate], objective);
        }

        if (sweep.BestChildRunId is { } unlisted)
        {
            // The service named a best trial that MLflow does not list (e.g. its run was deleted): report what the sweep knows.
            return new TrialResult
            {
                Id = unlisted,
                Number = ModelReader.ReadTrialNumber(sweep.Name, unlisted),
                Parameters = ModelReader.ReadTrialParameters(sweep, unlisted) ?? new Dictionary<string, object>(StringComparer.Ordinal),
                Status = TrialStatus.Completed,
                OutputDirectory = "azureml://jobs/" + unlisted + "/outputs",
            };
        }

        return best;
    }

    /// <summary>Reads a sweep job's objective.</summary>
    internal static Objective GetObjective(AzureMLJob sweep) =>
        sweep.PrimaryMetric is { } metric && sweep.Goal is { } goal
            ? new Objective(goal, metric)
            : throw new InvalidOperationException($"Job '{sweep.Name}' has no objective (type {sweep.JobType ?? "unknown"}); only sweep jobs have trials with a primary metric.");

    /// <summary>Converts a trial to the engines' result, with the full history of <paramref name="primaryMetric"/> and the last value of the others.</summary>
    internal async Task<TrialResult> ToTrialResultAsync(SweepTrial trial, string primaryMetric, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, IReadOnlyList<MetricValue>>(StringComparer.Ordinal);
        foreach (var (name, value) in trial.LatestMetrics)
        {
            metrics[name] = [new MetricValue(name, value, 0, trial.EndTime ?? trial.StartTime ?? DateTimeOffset.UnixEpoch)];
        }

        if (trial.LatestMetrics.ContainsKey(primaryMetric))
        {
            var history = new List<MetricValue>();
            await foreach (var value in GetMetricHistoryAsync(trial.RunId, primaryMetric, cancellationToken).ConfigureAwait(false))
            {
                history.Add(value);
            }

            metrics[primaryMetric] = history;
        }

        return new TrialResult
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
    }

    private async ValueTask<Page<SweepTrial>> GetTrialsPageAsync(TrialSearch search, string? pageToken, int? pageSizeHint, bool async, CancellationToken cancellationToken)
    {
        if (search.Sweep is null)
        {
            search.Sweep = async
                ? (await GetJobAsync(search.SweepName, cancellationToken).ConfigureAwait(false)).Value
                : GetJob(search.SweepName, cancellationToken).Value;
            search.ExperimentId = await GetExperimentIdAsync(search.Sweep.ExperimentName ?? "Default", async, cancellationToken).ConfigureAwait(false);
        }

        using var message = CreateMessage(RequestMethod.Post, await GetMlflowUriAsync("runs/search", async, cancellationToken).ConfigureAwait(false));
        SetJsonContent(message, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("experiment_ids");
            writer.WriteStringValue(search.ExperimentId);
            writer.WriteEndArray();
            writer.WriteString("filter", "tags.mlflow.parentRunId = '" + search.SweepName + "'");
            writer.WriteString("run_view_type", "ALL");
            writer.WriteNumber("max_results", Math.Clamp(pageSizeHint ?? MaxRunsPerPage, 1, MaxRunsPerPage));
            if (pageToken is not null)
            {
                writer.WriteString("page_token", pageToken);
            }

            writer.WriteEndObject();
        });
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        var trials = ModelReader.EnumerateArray(document.RootElement, "runs").Select(r => ModelReader.ReadMlflowRun(r, search.Sweep)).ToList();
        return Page<SweepTrial>.FromValues(trials, document.RootElement.GetString("next_page_token"), response);
    }

    private async ValueTask<Page<MetricValue>> GetMetricPageAsync(string runId, string metricName, string? pageToken, int? pageSizeHint, StrongBox<long> index, bool async, CancellationToken cancellationToken)
    {
        var query = "?run_id=" + Uri.EscapeDataString(runId) + "&metric_key=" + Uri.EscapeDataString(metricName);
        if (pageSizeHint is { } size)
        {
            query += "&max_results=" + size.ToString(CultureInfo.InvariantCulture);
        }

        if (pageToken is not null)
        {
            query += "&page_token=" + Uri.EscapeDataString(pageToken);
        }

        var baseUri = await GetMlflowUriAsync("metrics/get-history", async, cancellationToken).ConfigureAwait(false);
        using var message = CreateMessage(RequestMethod.Get, new Uri(baseUri + query));
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        var values = ModelReader.EnumerateArray(document.RootElement, "metrics").Select(m => ModelReader.ReadMetric(m, metricName, index.Value++)).ToList();
        return Page<MetricValue>.FromValues(values, document.RootElement.GetString("next_page_token"), response);
    }

    private async ValueTask<string> GetExperimentIdAsync(string experimentName, bool async, CancellationToken cancellationToken)
    {
        var baseUri = await GetMlflowUriAsync("experiments/get-by-name", async, cancellationToken).ConfigureAwait(false);
        using var message = CreateMessage(RequestMethod.Get, new Uri(baseUri + "?experiment_name=" + Uri.EscapeDataString(experimentName)));
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        return document.RootElement.Get("experiment")?.GetString("experiment_id")
            ?? throw new RequestFailedException(response.Status, $"MLflow returned no experiment_id for experiment '{experimentName}'.");
    }

    /// <summary>The MLflow REST URI of <paramref name="route"/>: the workspace's <c>mlFlowTrackingUri</c> with <c>azureml://</c>
    /// read as <c>https://</c>, then <c>/api/2.0/mlflow/{route}</c>.</summary>
    private async ValueTask<Uri> GetMlflowUriAsync(string route, bool async, CancellationToken cancellationToken)
    {
        var workspace = await GetCachedWorkspaceAsync(async, cancellationToken).ConfigureAwait(false);
        var tracking = workspace.MlflowTrackingUri
            ?? throw new InvalidOperationException($"Workspace '{WorkspaceId.WorkspaceName}' has no mlFlowTrackingUri, so its trials cannot be listed.");
        return new Uri(ToMlflowBase(tracking) + "/api/2.0/mlflow/" + route);
    }

    /// <summary>Turns a tracking URI into the MLflow REST base: <c>azureml://host/path</c> becomes <c>https://host/path</c>.</summary>
    internal static string ToMlflowBase(Uri trackingUri)
    {
        var text = trackingUri.AbsoluteUri.TrimEnd('/');
        return trackingUri.Scheme.Equals("azureml", StringComparison.OrdinalIgnoreCase)
            ? "https" + text[trackingUri.Scheme.Length..]
            : text;
    }

    private sealed class TrialSearch(string sweepName)
    {
        public string SweepName { get; } = sweepName;

        public AzureMLJob? Sweep { get; set; }

        public string ExperimentId { get; set; } = string.Empty;
    }
}
