using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>What every sweep of one local run shares: options, base directory, the update stream and the run's
/// notices.</summary>
internal sealed class SweepEnvironment(LocalSweepEngineOptions options, string baseDirectory, UpdateHub hub,
    int? maxFailedTrials = null, bool acceptCompatibleChanges = false)
{
    private readonly HashSet<string> _noticed = new(StringComparer.Ordinal);
    private readonly List<string> _notices = [];

    public LocalSweepEngineOptions Options { get; } = options;

    public string BaseDirectory { get; } = baseDirectory;

    public UpdateHub Hub { get; } = hub;

    /// <summary>Gets the run's failure limit (<see cref="SweepRunOptions.MaxFailedTrials"/>), per sweep.</summary>
    public int? MaxFailedTrials { get; } = maxFailedTrials;

    /// <summary>Gets whether a resume accepts changes that keep finished trials valid
    /// (<see cref="SweepRunOptions.AcceptCompatibleChanges"/>).</summary>
    public bool AcceptCompatibleChanges { get; } = acceptCompatibleChanges;

    public TimeProvider Time => Options.TimeProvider;

    public IReadOnlyList<string> Notices
    {
        get
        {
            lock (_notices)
            {
                return [.. _notices];
            }
        }
    }

    /// <summary>Records a notice once per run (by <paramref name="key"/>), streams it and passes it to the log
    /// sink.</summary>
    public void Notice(string key, string message, string? stepName = null)
    {
        lock (_notices)
        {
            if (!_noticed.Add(key))
            {
                return;
            }

            _notices.Add(message);
        }

        Hub.Publish(new TrialUpdate(TrialUpdateKind.Notice, null, Time.GetUtcNow())
            { Message = message, StepName = stepName });
        Options.Log?.Invoke(message);
    }
}
