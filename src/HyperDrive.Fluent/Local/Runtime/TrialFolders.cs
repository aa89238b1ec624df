namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// Creates each trial's folder (<c>trials/{run}_{n}</c> with <c>outputs/</c>, a folder per declared output, and a process
/// trial's <c>logs/</c>) before the
/// trial starts: the next trial's folder is made in the background while the running trials run, so a disk's slow
/// <c>mkdir</c> is off the path from one trial ending to the next one starting. A folder left by an unfinished attempt
/// (before a resume) is cleared first. An in-process trial without declared outputs gets no folder here (its
/// <see cref="Engines.TrialContext.OutputDirectory"/> creates it on first use).
/// </summary>
internal sealed class TrialFolders
{
    private readonly string _trialsRoot;
    private readonly string _runId;
    private readonly IReadOnlyList<string> _outputNames;
    private readonly bool _createsFolders;
    private readonly bool _createsProcessFolders;
    private readonly Dictionary<int, Task> _ahead = [];

    /// <param name="trialsRoot">The run's <c>trials</c> folder.</param>
    /// <param name="runId">The run id (a trial's folder is <c>{runId}_{number}</c>).</param>
    /// <param name="outputNames">The declared outputs (a folder each under <c>outputs/</c>).</param>
    /// <param name="processTrials">Whether trials are processes (they always get <c>outputs/</c>, named in their environment, and <c>logs/</c>).</param>
    public TrialFolders(string trialsRoot, string runId, IReadOnlyList<string> outputNames, bool processTrials)
    {
        _trialsRoot = trialsRoot;
        _runId = runId;
        _outputNames = outputNames;
        _createsProcessFolders = processTrials;
        _createsFolders = processTrials || outputNames.Count > 0;
    }

    /// <summary>Gets the folder of trial <paramref name="number"/>.</summary>
    public string PathOf(int number) => Path.Combine(_trialsRoot, $"{_runId}_{number}");

    /// <summary>Starts creating trial <paramref name="number"/>'s folder in the background (once).</summary>
    public void PrepareAhead(int number)
    {
        if (!_createsFolders)
        {
            return;
        }

        lock (_ahead)
        {
            if (!_ahead.ContainsKey(number))
            {
                _ahead[number] = Task.Run(() => Create(number));
            }
        }
    }

    /// <summary>Makes sure trial <paramref name="number"/>'s folder is ready: waits for the background creation, or creates it now.</summary>
    public Task PrepareAsync(int number)
    {
        Task? ahead;
        lock (_ahead)
        {
            _ahead.Remove(number, out ahead);
        }

        if (ahead is not null)
        {
            return ahead;
        }

        Create(number);
        return Task.CompletedTask;
    }

    /// <summary>Deletes the folders made ahead for trials that were never started (the space ran out, the sweep stopped).</summary>
    public async Task DiscardUnusedAsync()
    {
        KeyValuePair<int, Task>[] unused;
        lock (_ahead)
        {
            unused = [.. _ahead];
            _ahead.Clear();
        }

        foreach (var (number, creation) in unused)
        {
            await creation.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false); // a failed creation is moot
            var folder = PathOf(number);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private void Create(int number)
    {
        var folder = PathOf(number);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        if (_createsProcessFolders)
        {
            Directory.CreateDirectory(Path.Combine(folder, "outputs"));
            Directory.CreateDirectory(Path.Combine(folder, "logs")); // the log files come with their stream's first line
        }

        foreach (var name in _outputNames)
        {
            Directory.CreateDirectory(Path.Combine(folder, "outputs", name));
        }
    }
}
