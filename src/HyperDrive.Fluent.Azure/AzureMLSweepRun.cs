using System.Runtime.CompilerServices;
using Azure;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Azure;

/// <summary>
/// A job submitted to Azure ML. <see cref="WatchAsync"/> polls the job (waiting
/// <see cref="AzureMLSweepEngineOptions.PollInterval"/>, doubling up to
/// <see cref="AzureMLSweepEngineOptions.MaxPollInterval"/> while nothing changes, and never less than the service's
/// <c>Retry-After</c>) and, for sweeps, its trials and their primary-metric histories through MLflow, streaming what
/// changed; <see cref="WaitForCompletionAsync"/> returns the trials and the best trial.
/// </summary>
public class AzureMLSweepRun : SweepRun
{
    private readonly HyperDriveClient _client = null!;
    private readonly AzureMLSweepEngineOptions _options = null!;
    private readonly JobDefinition _definition = null!;
    private readonly SemaphoreSlim _waitGate = new(1, 1);
    private AzureMLJob _job = null!;
    private SweepResult? _result;
    private string? _gaveUp;

    /// <summary>Initializes a run for mocking.</summary>
    protected AzureMLSweepRun()
    {
    }

    internal AzureMLSweepRun(HyperDriveClient client, JobDefinition definition, AzureMLJob job,
        AzureMLSweepEngineOptions options)
    {
        _client = client;
        _definition = definition;
        _job = job;
        _options = options;
    }

    /// <summary>Gets the job name.</summary>
    public override string Id => _job.Name;

    /// <inheritdoc />
    public override JobDefinition Definition => _definition;

    /// <summary>Gets the status from the last poll.</summary>
    public override SweepRunStatus Status => _job.Status.ToSweepRunStatus();

    /// <summary>Gets the job's Azure ML Studio page (<c>services.Studio.endpoint</c>).</summary>
    public override Uri? StudioUri => _job.StudioUri;

    /// <summary>Gets the job as the last poll returned it.</summary>
    public virtual AzureMLJob Job => _job;

    /// <summary>Gets the model registered for the best trial, once registered.</summary>
    public virtual AzureMLModelVersion? RegisteredModel { get; private set; }

    /// <inheritdoc />
    public override IAsyncEnumerable<TrialUpdate> WatchAsync(CancellationToken cancellationToken = default) =>
        WatchCoreAsync(_definition is SweepDefinition sweep ? new TrialTracker(_client, sweep.Objective)
            : null, cancellationToken);

    /// <summary>Cancels the job and waits until the service reports it stopped; a job that has already ended is left as
    /// it ended.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the job is canceled.</returns>
    /// <exception cref="RequestFailedException">The service refused the cancellation.</exception>
    public override async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.CancelJobAsync(WaitUntil.Completed, Id, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (
            ex.Status == 400 && ex.Message.Contains("terminal status", StringComparison.OrdinalIgnoreCase))
        {
            // The job ended before the cancel reached it (recorded: 400 UserError "... is in terminal status, it can't
            // be canceled."): nothing is left to cancel, and its own end stands.
        }

        _job = (await _client.GetJobAsync(Id, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>Watches the job to its end and returns its result; a completed sweep whose definition asks for
    /// <see cref="SweepDefinition.RegisterBestModel"/> gets its best model registered (see
    /// <see cref="RegisteredModel"/>).</summary>
    /// <param name="cancellationToken">Stops waiting (not the job).</param>
    /// <returns>The result, with the trials and the best trial.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public override async Task<SweepResult> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        await _waitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_result is not null)
            {
                return _result;
            }

            var tracker = _definition is SweepDefinition sweep ? new TrialTracker(_client, sweep.Objective) : null;
            await foreach (var _ in WatchCoreAsync(tracker, cancellationToken).ConfigureAwait(false))
            {
            }

            _result = BuildResult(tracker);
            if (_definition is SweepDefinition { RegisterBestModel: { } registration } && _options.RegisterBestModel
                && _result.Status == SweepRunStatus.Completed && _result.BestTrial is not null
                    && RegisteredModel is null)
            {
                await RegisterBestModelAsync(
                    registration.ModelName, registration.OutputName, ToModelType(registration.ModelType),
                    registration.Description, cancellationToken).ConfigureAwait(false);
            }

            return _result;
        }
        finally
        {
            _waitGate.Release();
        }
    }

    /// <summary>Registers the best trial's model: <c>PUT models/{name}/versions/{next}</c> with an
    /// <c>azureml://jobs/{best}/outputs/...</c> URI and the trial as its job.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="outputPath">The trial output holding the model (<c>model</c>), a path inside one
    /// (<c>model/sklearn</c>), or an MLflow artifact path (<c>artifacts/model</c>).</param>
    /// <param name="modelType"><c>custom_model</c>, <c>mlflow_model</c> or <c>triton_model</c>.</param>
    /// <param name="description">An optional description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered version.</returns>
    /// <exception cref="InvalidOperationException">The run is not a sweep, has not completed, or no trial reported the
    /// primary metric.</exception>
    /// <exception cref="RequestFailedException">The service refused the registration.</exception>
    public virtual async Task<AzureMLModelVersion> RegisterBestModelAsync(
        string modelName, string outputPath, string modelType = "custom_model", string? description =
            null, CancellationToken cancellationToken = default)
    {
        var best =
            (_result ?? throw new InvalidOperationException(
            $"Job {Id} has not been waited for; call WaitForCompletionAsync first.")).BestTrial
            ?? throw new InvalidOperationException(
                $"Job {Id} has no best trial: no trial reported the primary metric.");
        var objective = _result.Objective;
        var model = await _client.RegisterTrialModelAsync(
            modelName,
            best.Id,
            outputPath,
            modelType,
            version: null,
            description ?? $"Best trial of sweep {Id}" + (objective is null ? "." : $" by {objective.PrimaryMetric}."),
            cancellationToken).ConfigureAwait(false);
        RegisteredModel = model.Value;
        return model.Value;
    }

    /// <summary>Finds the sweep's best trial as the service has it now, without waiting for the job to end: the
    /// service's
    /// <c>best_child_run_id</c> when the job has one, otherwise (the only recorded Completed sweep,
    /// <c>get_sweep_job_completed__*</c>, has none) the trial whose best value of the primary metric (over its whole
    /// history) is best for the goal, by <see cref="TrialLedger.SelectBest"/>, the rule every engine uses (and the one
    /// <see cref="WatchAsync"/> reports best-trial changes by). The job is read again; trials are streamed from
    /// <see cref="HyperDriveClient.GetSweepTrialsAsync"/>'s listing and only the best so far is kept.</summary>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The best trial with its primary-metric history, or <see langword="null"/> when no trial reported the
    /// primary
    /// metric.</returns>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    /// <exception cref="InvalidOperationException">The job is not a sweep (it has no objective).</exception>
    public virtual async Task<TrialResult?> GetBestTrialAsync(CancellationToken cancellationToken = default)
    {
        var sweep = (await _client.GetJobAsync(Id, cancellationToken).ConfigureAwait(false)).Value;
        var objective = HyperDriveClient.GetObjective(sweep);
        var primary = objective.PrimaryMetric;
        if (sweep.BestChildRunId is { } serviceBest)
        {
            await foreach (var trial in _client.ListTrialsOf(sweep, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(trial.RunId, serviceBest, StringComparison.Ordinal))
                {
                    return await _client.ToTrialResultAsync(trial, primary, async: true, cancellationToken)
                        .ConfigureAwait(false);
                }
            }

            // The service named a best trial that run history does not list (e.g. its run was deleted): report what the
            // sweep knows.
            return new TrialResult
            {
                Id = serviceBest,
                Number = ModelReader.ReadTrialNumber(sweep.Name, serviceBest),
                Parameters = ModelReader.ReadTrialParameters(sweep, serviceBest)
                    ?? new Dictionary<string, object>(StringComparer.Ordinal),
                Status = TrialStatus.Completed,
                OutputDirectory = "azureml://jobs/" + serviceBest + "/outputs",
            };
        }

        TrialResult? best = null;
        await foreach (var trial in _client.ListTrialsOf(sweep, cancellationToken).ConfigureAwait(false))
        {
            var candidate = await _client.ToTrialResultAsync(trial, primary, async: true, cancellationToken)
                .ConfigureAwait(false);
            best = TrialLedger.SelectBest(best is null ? [candidate] : [best, candidate], objective);
        }

        return best;
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        _waitGate.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private async IAsyncEnumerable<TrialUpdate> WatchCoreAsync(
        TrialTracker? tracker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var delay = _options.PollInterval;
        var bound = WatchBound();
        AzureMLJobStatus? lastStatus = null;
        DateTimeOffset? unknownSince = null;
        DateTimeOffset? stormSince = null;
        var stormDelay = _options.PollInterval;
        _gaveUp = null;
        while (true)
        {
            Response? raw = null;
            List<TrialUpdate>? polled = null;
            Exception? failure = null;
            try
            {
                var response = await _client.GetJobAsync(Id, cancellationToken).ConfigureAwait(false);
                raw = response.GetRawResponse();
                _job = response.Value;
                polled = tracker is null ? [] : await PollTrialsAsync(tracker, time.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStorm(ex) && !cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }

            var now = time.GetUtcNow();
            if (failure is not null)
            {
                // The pipeline has already retried this call; the job itself keeps running on the service. Keep
                // watching with a growing wait, up to the sweep's own timeout (or DefaultWatchBound), then give up and
                // say so.
                stormSince ??= now;
                if (now - stormSince.Value >= bound.Limit)
                {
                    var message =
                        $"Azure ML kept failing to answer for {Format(now - stormSince.Value)} (longer than " +
                        $"{bound.What}): {FirstLine(failure.Message)} Job {Id} keeps running on the service.";
                    throw new RequestFailedException((failure as RequestFailedException)?.Status
                        ?? 0, message, "WatchAbandoned", failure);
                }

                var notice =
                    $"Azure ML did not answer ({FirstLine(failure.Message)}); job {Id} keeps running on the service. " +
                    $"Watching again in {Format(stormDelay)} (for at most {bound.What}).";
                yield return new TrialUpdate(TrialUpdateKind.Notice, null, now) { Message = notice };
                await Task.Delay(stormDelay, time, cancellationToken).ConfigureAwait(false);
                stormDelay = TimeSpan.FromTicks(Math.Min(stormDelay.Ticks * 2, _options.MaxPollInterval.Ticks));
                continue;
            }

            if (stormSince is not null)
            {
                var notice = $"Azure ML answers again; watching job {Id} goes on.";
                yield return new TrialUpdate(TrialUpdateKind.Notice, null, now) { Message = notice };
                stormSince = null;
                stormDelay = _options.PollInterval;
            }

            var changed = false;
            if (lastStatus != _job.Status)
            {
                lastStatus = _job.Status;
                changed = true;
                yield return new TrialUpdate(TrialUpdateKind.Notice, null, now)
                    { Message = $"Job {Id} is {_job.Status}." };
            }

            foreach (var update in polled!)
            {
                changed = true;
                yield return update;
            }

            if (_job.Status.IsTerminal)
            {
                yield break;
            }

            if (!_job.Status.IsKnown)
            {
                if (unknownSince is null)
                {
                    unknownSince = now;
                    var notice =
                        $"Azure ML reports job {Id} as '{_job.Status}', a status this client does not know; it is " +
                        $"counted as running for at most {bound.What}.";
                        yield return new TrialUpdate(TrialUpdateKind.Notice, null, now) { Message = notice };
                }
                else if (now - unknownSince.Value >= bound.Limit)
                {
                    _gaveUp =
                        $"Azure ML reported job {Id} as '{_job.Status}' (a status this client does not know) for " +
                        $"longer than {bound.What}; watching stopped. The job may still be running on the service.";
                    yield return new TrialUpdate(TrialUpdateKind.Notice, null, now) { Message = _gaveUp };
                    yield break;
                }
            }
            else
            {
                unknownSince = null;
            }

            delay = changed ? _options.PollInterval
                : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollInterval.Ticks));
            var wait = RetryAfter.Read(raw!, time) is { } retryAfter && retryAfter > delay ? retryAfter : delay;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long an unknown status or a storm of failures is ridden out: the sweep's <c>limits.timeout</c>,
    /// else <see cref="AzureMLSweepEngineOptions.DefaultWatchBound"/>.</summary>
    private (TimeSpan Limit, string What) WatchBound() =>
        _definition is SweepDefinition { Limits.Timeout: { } timeout } && timeout > TimeSpan.Zero
            ? (timeout, $"the sweep's timeout ({Format(timeout)})")
            : (_options.DefaultWatchBound, Format(_options.DefaultWatchBound));

    /// <summary>A failure that says nothing about the job: throttling, server errors, no answer at all.</summary>
    private static bool IsStorm(Exception exception) => exception switch
    {
        RequestFailedException { ErrorCode: UnexpectedReply.ErrorCode } => false,
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        AggregateException attempts => attempts.InnerExceptions.Count > 0 && attempts.InnerExceptions.All(IsStorm),
        System.Net.Http.HttpRequestException or IOException => true,
        _ => false,
    };

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? span.TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " h"
        : span.TotalMinutes >= 1 ? span.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)
            + " min"
        : span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private async Task<List<TrialUpdate>> PollTrialsAsync(
        TrialTracker tracker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updates = new List<TrialUpdate>();
        try
        {
            await foreach (var trial in _client.ListTrialsOf(_job, cancellationToken).ConfigureAwait(false))
            {
                updates.AddRange(await tracker.ObserveAsync(trial, now, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && !_job.Status.IsTerminal)
        {
            // The sweep's MLflow experiment appears when its first trial starts.
            return updates;
        }

        if (tracker.UpdateBest(_job.BestChildRunId, now) is { } best)
        {
            updates.Add(best);
        }

        return updates;
    }

    private SweepResult BuildResult(TrialTracker? tracker)
    {
        var warnings = new List<string>();
        if (_definition is PipelineDefinition)
        {
            warnings.Add(
                "The trials of a pipeline's sweep steps are not listed by the Azure engine; open " +
                $"{StudioUri?.ToString() ?? "the job in Azure ML Studio"} to see them.");
        }

        var status = _gaveUp is null ? Status : SweepRunStatus.Failed;
        var error = _gaveUp ?? (_job.Status == AzureMLJobStatus.Failed
            ? $"Azure ML job {Id} failed; see {StudioUri?.ToString() ?? "Azure ML Studio"} for its logs."
            : null);
        var trials = tracker?.Results.Select(MapTerminated).ToList() ?? [];
        TrialResult? best = null;
        if (tracker is not null && _definition is SweepDefinition sweep)
        {
            // The service's trial data goes through the same rules as every engine's (values that count, best trial,
            // failures, the sweep's status); the service's own verdict wins when it failed or canceled the job.
            var ledger =
                new TrialLedger(sweep.Objective, policy: null, maxConcurrentTrials: Math.Max(1, trials.Count),
                timeProvider: _options.TimeProvider);
            foreach (var trial in trials)
            {
                ledger.Started(trial.Id, trial.Number);
                foreach (var value in trial.Metrics.Values.SelectMany(v => v))
                {
                    ledger.Report(trial.Id, value);
                }

                if (trial.Status is TrialStatus.Completed or TrialStatus.Failed or TrialStatus.Canceled or TrialStatus
                    .Terminated)
                {
                    ledger.Ended(trial.Id, trial.Status, exitCode: null, trial.Error);
                }
            }

            var outcome = ledger.Conclude(canceled: status == SweepRunStatus.Canceled);
            warnings.AddRange(outcome.Warnings);
            if (status == SweepRunStatus.Completed)
            {
                status = outcome.Status;
                error ??= outcome.Error;
            }

            best = trials.Find(t => t.Id == ledger.BestTrialId)
                ?? (tracker.Best is { } serviceBest ? trials.Find(t => t.Id == serviceBest.Id) : null);
        }

        return new SweepResult
        {
            RunId = Id,
            Status = status,
            Objective = (_definition as SweepDefinition)?.Objective,
            Trials = trials,
            BestTrial = best,
            Warnings = warnings,
            Error = error,
        };
    }

    /// <summary>Azure ML shows a trial its early-termination policy stopped as canceled (MLflow <c>KILLED</c>); in a
    /// sweep with a policy that was not canceled, a canceled trial that reported the primary metric was stopped by the
    /// policy, and every engine calls that <see cref="TrialStatus.Terminated"/>.</summary>
    private TrialResult MapTerminated(TrialResult trial) => _definition is SweepDefinition sweep
        ? PolicyStops.Classify(trial, sweep.EarlyTermination is not null, _job.Status, sweep.Objective)
        : trial;

    private static string ToModelType(AssetType type) => type switch
    {
        AssetType.MLFlowModel => "mlflow_model",
        AssetType.TritonModel => "triton_model",
        _ => "custom_model",
    };
}
