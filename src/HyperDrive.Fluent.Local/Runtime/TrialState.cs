using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>The mutable state of one trial while its sweep runs (guarded by the sweep's lock).</summary>
/// <remarks>The folder is <see langword="null"/> for a sweep that runs without one (the fake engine).</remarks>
internal sealed class TrialState(int number, string id, IReadOnlyDictionary<string, object> parameters, string? folder)
{
    public int Number { get; } = number;

    public string Id { get; } = id;

    public IReadOnlyDictionary<string, object> Parameters { get; } = parameters;

    public string? Folder { get; } = folder;

    public string? OutputDirectory => Folder is null ? null : Path.Combine(Folder, "outputs");

    public TrialStatus Status { get; set; } = TrialStatus.Queued;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int? ExitCode { get; set; }

    public string? Error { get; set; }

    public Dictionary<string, List<MetricValue>> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Which collector (stdout or mlflow) owns each metric, so a value printed and also logged with MLflow
    /// counts once.</summary>
    public Dictionary<string, string> MetricSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Names the trial printed with a number that are not declared metrics (for the hint when the primary
    /// metric never comes).</summary>
    public List<(string Name, string Text)> PrintedMetricNames { get; } = [];

    /// <summary>The notes already written to this run of the trial's <c>logs/notices.txt</c> (each once).</summary>
    public HashSet<string> Noted { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the trial's own log of what the engine noticed about it (ignored metric lines, values that never
    /// count, a primary metric never reported), next to its stdout and stderr logs.</summary>
    public string? NoticesPath => Folder is null ? null : Path.Combine(Folder, "logs", "notices.txt");

    /// <summary>Gets or sets the source that stops the trial (policy, trial timeout); null when not running.</summary>
    public CancellationTokenSource? Stop { get; set; }

    /// <summary>Gets or sets why the trial was stopped by the engine (status it ends with and the reason).</summary>
    public (TrialStatus Status, string Reason)? StopReason { get; set; }

    /// <summary>Gets or sets whether the trial was stopped only because the whole run stopped (a resume runs it
    /// again).</summary>
    public bool Interrupted { get; set; }

    public bool IsFinished =>
        Status is TrialStatus.Completed or TrialStatus.Failed or TrialStatus.Terminated or TrialStatus.Canceled;

    public IReadOnlyList<double> PrimaryValues(string metric) =>
        Metrics.TryGetValue(metric, out var values) ? values.Select(v => v.Value).ToArray() : [];

    public void ResetForRun()
    {
        Metrics.Clear();
        MetricSources.Clear();
        PrintedMetricNames.Clear();
        Noted.Clear();
        Status = TrialStatus.Queued;
        StartedAt = null;
        EndedAt = null;
        ExitCode = null;
        Error = null;
        StopReason = null;
        Interrupted = false;
    }

    public TrialResult ToResult() => new()
    {
        Id = Id,
        Number = Number,
        Parameters = Parameters,
        Status = Status,
        Metrics =
            Metrics.ToDictionary(m => m.Key, m =>
            (IReadOnlyList<MetricValue>)m.Value.ToArray(), StringComparer.Ordinal),
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        ExitCode = ExitCode,
        Error = Error,
        OutputDirectory = OutputDirectory,
    };
}
