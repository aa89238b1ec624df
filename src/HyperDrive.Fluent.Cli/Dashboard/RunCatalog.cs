using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// The runs under the dashboard's root: every folder directly under it that holds a local run (<c>sweep.json</c>,
/// <c>pipeline.json</c>, <c>journal.jsonl</c> or <c>steps/</c>). A run id from a URL is only ever looked up among these
/// names (an exact, ordinal match), never joined to a path, so <c>../</c>, absolute paths and encoded forms find
/// nothing.
/// </summary>
internal sealed class RunCatalog(string root)
{
    /// <summary>Gets the root folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Lists the run folders' names, newest first.</summary>
    public IReadOnlyList<string> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return new DirectoryInfo(Root).EnumerateDirectories()
            .Where(d => (d.Attributes & FileAttributes.ReparsePoint) == 0 && IsRun(d.FullName))
            .OrderByDescending(d => d.CreationTimeUtc)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => d.Name)
            .ToList();
    }

    /// <summary>Finds the folder of run <paramref name="id"/> if it is one of the listed runs.</summary>
    public string? Find(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var name = List().FirstOrDefault(n => string.Equals(n, id, StringComparison.Ordinal));
        return name is null ? null : Path.Combine(Root, name);
    }

    /// <summary>Finds a step of pipeline run <paramref name="id"/> by name, only among the pipeline's step
    /// folders.</summary>
    public string? FindStep(string? id, string? step)
    {
        if (Find(id) is not { } folder || string.IsNullOrEmpty(step)
            || !Directory.Exists(Path.Combine(folder, "steps")))
        {
            return null;
        }

        var name = new DirectoryInfo(Path.Combine(folder, "steps")).EnumerateDirectories()
            .Where(d => (d.Attributes & FileAttributes.ReparsePoint) == 0)
            .Select(d => d.Name)
            .FirstOrDefault(n => string.Equals(n, step, StringComparison.Ordinal));
        return name is null ? null : Path.Combine(folder, "steps", name);
    }

    private static bool IsRun(string folder) =>
        File.Exists(Path.Combine(folder, "sweep.json")) || File.Exists(Path.Combine(folder, "pipeline.json"))
        || File.Exists(Path.Combine(folder, "journal.jsonl")) || Directory.Exists(Path.Combine(folder, "steps"));
}

/// <summary>One row of the run list.</summary>
/// <param name="Id">The run folder's name (the URL's run id).</param>
/// <param name="Kind">"sweep" or "pipeline".</param>
/// <param name="Status">The run's status.</param>
/// <param name="TrialsDone">Trials that ended.</param>
/// <param name="TrialsTotal">The trial budget (or the trials so far when unknown).</param>
/// <param name="Best">The best primary-metric value, as text.</param>
/// <param name="StartedAt">When the first trial started.</param>
/// <param name="Duration">From the first trial's start to the last one's end (or now).</param>
internal sealed record RunSummary(string Id, string Kind, SweepRunStatus Status, int TrialsDone, int TrialsTotal,
    string Best, DateTimeOffset? StartedAt, TimeSpan? Duration)
{
    /// <summary>Gets whether <see cref="TrialsDone"/> is known (an Azure sweep whose trials were not read yet shows its
    /// budget only).</summary>
    public bool TrialsKnown { get; init; } = true;
}
