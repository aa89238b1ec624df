using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure.Models;

/// <summary>One trial (child run) of a sweep job, as the workspace's run history (<c>runs/{sweep}/children</c>) and the
/// sweep's tags describe it. Run history carries no metric values: read them with
/// <see cref="HyperDriveClient.GetMetricHistoryAsync"/> (or take whole results from
/// <see cref="HyperDriveClient.GetSweepTrialResultsAsync"/>).</summary>
public class AzureMLSweepTrial
{
    /// <summary>Initializes a trial; use <see cref="HyperDriveModelFactory.AzureMLSweepTrial"/> in tests.</summary>
    /// <param name="runId">The run id (the trial's job name).</param>
    internal AzureMLSweepTrial(string runId)
    {
        RunId = runId;
    }

    /// <summary>Gets the run id, which is also the trial's job name (<c>{sweep}_{n}</c>).</summary>
    public string RunId { get; }

    /// <summary>Gets the trial's 0-based index (the <c>n</c> of <c>{sweep}_{n}</c>), or -1 when the run id has no
    /// index.</summary>
    public int Number { get; internal init; } = -1;

    /// <summary>Gets the status mapped from the run's (<c>NotStarted</c>/<c>Queued</c>/... queued,
    /// <c>Running</c>/<c>Finalizing</c> running, <c>Completed</c>, <c>Failed</c>, <c>Canceled</c>).</summary>
    public TrialStatus Status { get; internal init; }

    /// <summary>Gets the MLflow status, for trials read from MLflow (<see langword="null"/> for run-history
    /// trials).</summary>
    public string? MlflowStatus { get; internal init; }

    /// <summary>Gets the run-history status as the service sent it (<c>Running</c>, <c>Completed</c>, ...).</summary>
    public string? RunStatus { get; internal init; }

    /// <summary>Gets the sampled hyperparameters (from the sweep's <c>_aml_system_{sweep}_{n}</c> tag, else the run's
    /// MLflow params).</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; internal init; } =
        new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Gets the last logged value of each metric, when the source gave them (run history does not: it is empty
    /// for trials from <see cref="HyperDriveClient.GetSweepTrialsAsync"/>; see
    /// <see cref="HyperDriveClient.GetMetricHistoryAsync"/>).</summary>
    public IReadOnlyDictionary<string, double> LatestMetrics { get; internal init; } =
        new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Gets the run's tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; internal init; } = AzureMLJob.EmptyMap;

    /// <summary>Gets when the trial started.</summary>
    public DateTimeOffset? StartTime { get; internal init; }

    /// <summary>Gets when the trial ended.</summary>
    public DateTimeOffset? EndTime { get; internal init; }

    /// <summary>Gets the run's artifact root.</summary>
    public string? ArtifactUri { get; internal init; }
}
