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
    /// <summary>Lists a sweep's trials as azure-ai-ml does (<c>jobs.list(parent_job_name=...)</c>, recorded in
    /// <c>corpus/recordings/service/list_children_runhistory__*</c>): the workspace's <c>discoveryUrl</c>, then its
    /// <c>api</c> host (not <c>history</c>), then <c>GET {api}/history/v1.0{workspace}/runs/{sweep}/children</c>, whose
    /// reply is <c>{"value": [...]}</c> of run-history runs. A <c>nextLink</c> (the run-history API's paging; no
    /// recorded reply has one) is followed one page at a time. Each trial's sampled parameters come from the sweep's
    /// <c>_aml_system_{sweep}_{n}</c> tags. Run history carries no metrics (see <see cref="GetMetricHistoryAsync"/>,
    /// <see cref="GetSweepTrialResultsAsync"/>). Each page is fetched in the scope
    /// <c>HyperDriveClient.GetSweepTrials</c>.</summary>
    /// <param name="sweepJobName">The sweep job's name.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="RequestFailedException">The service refused a call, or its reply was not readable (error code
    /// <c>UnexpectedReply</c>).</exception>
    /// <exception cref="InvalidOperationException">The workspace has no discovery URL.</exception>
    public virtual AsyncPageable<AzureMLSweepTrial> GetSweepTrialsAsync(
        string sweepJobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepJobName);
        var context = new TrialSearch(sweepJobName);
        return new FuncAsyncPageable<AzureMLSweepTrial>(
            InScope<AzureMLSweepTrial>(
                nameof(GetSweepTrials), (token, _, async, ct) => GetTrialsPageAsync(context, token, async, ct)),
            cancellationToken);
    }

    /// <summary>Lists the trials of <paramref name="sweep"/> as just read (a watcher's poll), without reading the job
    /// again.</summary>
    internal AsyncPageable<AzureMLSweepTrial> ListTrialsOf(AzureMLJob sweep, CancellationToken cancellationToken)
    {
        var context = new TrialSearch(sweep.Name) { Sweep = sweep };
        return new FuncAsyncPageable<AzureMLSweepTrial>((token, size, async, ct) =>
            GetTrialsPageAsync(context, token, async, ct), cancellationToken);
    }

    /// <summary>Lists a sweep's trials through the workspace's run history (see
    /// <see cref="GetSweepTrialsAsync"/>).</summary>
    /// <param name="sweepJobName">The sweep job's name.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="RequestFailedException">The service refused a call, or its reply was not readable.</exception>
    /// <exception cref="InvalidOperationException">The workspace has no discovery URL.</exception>
    public virtual Pageable<AzureMLSweepTrial> GetSweepTrials(
        string sweepJobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepJobName);
        var context = new TrialSearch(sweepJobName);
        return new FuncPageable<AzureMLSweepTrial>(
            InScope<AzureMLSweepTrial>(
                nameof(GetSweepTrials), (token, _, async, ct) => GetTrialsPageAsync(context, token, async, ct)),
            cancellationToken);
    }

    /// <summary>Lists a sweep's trials with their primary metric's whole history (from MLflow), as the engines'
    /// results, one page of trials at a time: what <see cref="AzureMLSweepRun.GetBestTrialAsync"/> chooses from and
    /// what <c>hyperdrive status</c> shows. The sweep job is read with the first page (for its objective); each page is
    /// fetched in the scope <c>HyperDriveClient.GetSweepTrialResults</c>.</summary>
    /// <param name="sweepJobName">The sweep job's name.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="RequestFailedException">The service refused a call, or its reply was not readable.</exception>
    /// <exception cref="InvalidOperationException">The job is not a sweep (it has no objective), or the workspace has
    /// no discovery URL.</exception>
    public virtual AsyncPageable<TrialResult> GetSweepTrialResultsAsync(
        string sweepJobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepJobName);
        var search = new TrialSearch(sweepJobName);
        return new FuncAsyncPageable<TrialResult>(
            InScope<TrialResult>(
                nameof(GetSweepTrialResults),
                (token, _, async, ct) => GetTrialResultsPageAsync(search, token, async, ct)),
            cancellationToken);
    }

    /// <summary>Lists a sweep's trials with their primary metric's whole history (see <see
    /// cref="GetSweepTrialResultsAsync"/>).</summary>
    /// <param name="sweepJobName">The sweep job's name.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The trials.</returns>
    /// <exception cref="RequestFailedException">The service refused a call, or its reply was not readable.</exception>
    /// <exception cref="InvalidOperationException">The job is not a sweep (it has no objective), or the workspace has
    /// no discovery URL.</exception>
    public virtual Pageable<TrialResult> GetSweepTrialResults(
        string sweepJobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepJobName);
        var search = new TrialSearch(sweepJobName);
        return new FuncPageable<TrialResult>(
            InScope<TrialResult>(
                nameof(GetSweepTrialResults),
                (token, _, async, ct) => GetTrialResultsPageAsync(search, token, async, ct)),
            cancellationToken);
    }

    private async ValueTask<Page<TrialResult>> GetTrialResultsPageAsync(
        TrialSearch search, string? nextLink, bool async, CancellationToken cancellationToken)
    {
        search.Sweep ??= (await GetJobCoreAsync(search.SweepName, async, cancellationToken).ConfigureAwait(false))
            .Value;
        var objective = GetObjective(search.Sweep);
        var trials = await GetTrialsPageAsync(search, nextLink, async, cancellationToken).ConfigureAwait(false);
        var results = new List<TrialResult>(trials.Values.Count);
        foreach (var trial in trials.Values)
        {
            var result = await ToTrialResultAsync(trial, objective.PrimaryMetric, async, cancellationToken)
                .ConfigureAwait(false);
            results.Add(result);
        }

        return Page<TrialResult>.FromValues(results, trials.ContinuationToken, trials.GetRawResponse());
    }

    /// <summary>Gets every logged value of one metric of one run (MLflow <c>metrics/get-history</c>, paged by
    /// <c>next_page_token</c>).</summary>
    /// <param name="runId">The run (a trial's job name).</param>
    /// <param name="metricName">The metric.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The values in the order MLflow returns them.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public virtual AsyncPageable<MetricValue> GetMetricHistoryAsync(
        string runId, string metricName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        var index = new StrongBox<long>();
        return new FuncAsyncPageable<MetricValue>(
            InScope<MetricValue>(
                nameof(GetMetricHistory),
                (token, size, async, ct) => GetMetricPageAsync(runId, metricName, token, size, index, async, ct)),
            cancellationToken);
    }

    /// <summary>Gets every logged value of one metric of one run (see <see cref="GetMetricHistoryAsync"/>).</summary>
    /// <param name="runId">The run (a trial's job name).</param>
    /// <param name="metricName">The metric.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The values in the order MLflow returns them.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public virtual Pageable<MetricValue> GetMetricHistory(
        string runId, string metricName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        var index = new StrongBox<long>();
        return new FuncPageable<MetricValue>(
            InScope<MetricValue>(
                nameof(GetMetricHistory),
                (token, size, async, ct) => GetMetricPageAsync(runId, metricName, token, size, index, async, ct)),
            cancellationToken);
    }

    /// <summary>Reads a sweep job's objective.</summary>
    internal static Objective GetObjective(AzureMLJob sweep) =>
        sweep.PrimaryMetric is { } metric && sweep.Goal is { } goal
            ? new Objective(goal, metric)
            : throw new InvalidOperationException(
                $"Job '{sweep.Name}' has no objective (type {sweep.JobType ?? "unknown"}); only sweep jobs have " +
                "trials with a primary metric.");

    /// <summary>Converts a trial to the engines' result, with the full history of <paramref name="primaryMetric"/> and
    /// the last value of the others.</summary>
    internal async ValueTask<TrialResult> ToTrialResultAsync(
        AzureMLSweepTrial trial, string primaryMetric, bool async, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, IReadOnlyList<MetricValue>>(StringComparer.Ordinal);
        foreach (var (name, value) in trial.LatestMetrics)
        {
            metrics[name] =
                [new MetricValue(name, value, 0, trial.EndTime ?? trial.StartTime ?? DateTimeOffset.UnixEpoch)];
        }

        if (trial.Status != TrialStatus.Queued || trial.LatestMetrics.ContainsKey(primaryMetric))
        {
            // Run history carries no metrics: the primary metric's history comes from MLflow for every trial that
            // started.
            var history = new List<MetricValue>();
            var index = new StrongBox<long>();
            string? token = null;
            do
            {
                var page = await GetMetricPageAsync(
                    trial.RunId, primaryMetric, token, pageSizeHint: null, index, async, cancellationToken)
                    .ConfigureAwait(false);
                history.AddRange(page.Values);
                token = page.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(token));

            if (history.Count > 0)
            {
                metrics[primaryMetric] = history;
            }
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

    private async ValueTask<Page<AzureMLSweepTrial>> GetTrialsPageAsync(
        TrialSearch search, string? nextLink, bool async, CancellationToken cancellationToken)
    {
        search.Sweep ??= (await GetJobCoreAsync(search.SweepName, async, cancellationToken).ConfigureAwait(false))
            .Value;
        var api = await GetRunHistoryBaseAsync(async, cancellationToken).ConfigureAwait(false);
        Uri uri;
        if (nextLink is null)
        {
            uri = new Uri(api + "/history/v1.0" + WorkspaceId + "/runs/" + EscapeSegment(search.SweepName)
                + "/children");
        }
        else if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var next)
            || !string.Equals(next.GetLeftPart(UriPartial.Authority), new Uri(api).GetLeftPart(UriPartial.Authority),
                StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestFailedException(
                $"The run history returned a nextLink ({nextLink}) on another host than its own " +
                $"({new Uri(api).Host}); it was not followed.");
        }
        else
        {
            uri = next;
        }

        using var message = CreateMessage(RequestMethod.Get, uri);
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        var sweep = search.Sweep;
        return UnexpectedReply.Read(response, $"the trials of {search.SweepName}", content =>
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object || document.RootElement.Get("value") is not
                { ValueKind: JsonValueKind.Array })
            {
                throw new FormatException("the reply has no 'value' list of runs");
            }

            var trials =
                ModelReader.EnumerateArray(document.RootElement, "value").Select(r =>
                ModelReader.ReadRunHistoryRun(r, sweep)).ToList();
            var link = document.RootElement.GetString("nextLink");
            return Page<AzureMLSweepTrial>.FromValues(trials, string.IsNullOrEmpty(link) ? null : link, response);
        });
    }

    /// <summary>The run-history base URI: the <c>api</c> entry of the workspace's discovery document (fetched once per
    /// client).</summary>
    private async ValueTask<string> GetRunHistoryBaseAsync(bool async, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _runHistoryBase) is { } cached)
        {
            return cached;
        }

        var workspace = await GetCachedWorkspaceAsync(async, cancellationToken).ConfigureAwait(false);
        var discovery = workspace.DiscoveryUri
            ?? throw new InvalidOperationException(
                $"Workspace '{WorkspaceId.WorkspaceName}' has no discoveryUrl, so its run history (the trials of a " +
                "sweep) cannot be found.");
        using var message = CreateMessage(RequestMethod.Get, discovery);
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        var api = UnexpectedReply.Read(response, "the workspace's discovery document", content =>
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.GetString("api") is { } text
                && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/')
                : throw new FormatException("it has no https 'api' endpoint");
        });
        Volatile.Write(ref _runHistoryBase, api);
        return api;
    }

    private async ValueTask<Page<MetricValue>> GetMetricPageAsync(
        string runId, string metricName, string? pageToken, int? pageSizeHint, StrongBox<long> index, bool async,
        CancellationToken cancellationToken)
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
        return UnexpectedReply.Read(response, $"the {metricName} history of {runId}", content =>
        {
            using var document = JsonDocument.Parse(content);
            var values =
                ModelReader.EnumerateArray(document.RootElement, "metrics").Select(m =>
                ModelReader.ReadMetric(m, metricName, index.Value++)).ToList();
            return Page<MetricValue>.FromValues(values, document.RootElement.GetString("next_page_token"), response);
        });
    }

    /// <summary>The MLflow REST URI of <paramref name="route"/>: the workspace's <c>mlFlowTrackingUri</c> with
    /// <c>azureml://</c> read as <c>https://</c>, then <c>/api/2.0/mlflow/{route}</c>.</summary>
    private async ValueTask<Uri> GetMlflowUriAsync(string route, bool async, CancellationToken cancellationToken)
    {
        var workspace = await GetCachedWorkspaceAsync(async, cancellationToken).ConfigureAwait(false);
        var tracking = workspace.MlflowTrackingUri
            ?? throw new InvalidOperationException(
                $"Workspace '{WorkspaceId.WorkspaceName}' has no mlFlowTrackingUri, so its trials cannot be listed.");
        return new Uri(ToMlflowBase(tracking) + "/api/2.0/mlflow/" + route);
    }

    /// <summary>Turns a tracking URI into the MLflow REST base: <c>azureml://host/path</c> becomes
    /// <c>https://host/path</c>.</summary>
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
    }
}
