using System.Globalization;
using System.Text;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// The runs the dashboard read last, each kept with the stamp of the files it was read from (every journal's and
/// results file's size and time of last write), so a run that has not moved since is not read again: the run list and
/// then the run's page, a second tab, a reload, the export. A journal only grows and a results file is only ever
/// replaced, so a changed file always changes the stamp. Holds at most <c>capacity</c> runs, the least recently used
/// going first.
/// </summary>
internal sealed class SnapshotCache(int capacity = 8)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Stamp, RunSnapshot Snapshot, long Used)> _entries =
        new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>Reads the run in <paramref name="folder"/>, or returns what was read while its files were as they are
    /// now.</summary>
    /// <exception cref="InvalidDataException">A results file is damaged.</exception>
    public RunSnapshot Read(string folder)
    {
        // The stamp is taken before the read: a file that changes during the read leaves a stamp that no longer
        // matches, so the next look reads again (never an old snapshot under a new stamp).
        var stamp = Stamp(folder);
        lock (_gate)
        {
            if (_entries.TryGetValue(folder, out var entry) && entry.Stamp == stamp)
            {
                _entries[folder] = entry with { Used = ++_clock };
                return entry.Snapshot;
            }
        }

        var snapshot = RunSnapshot.Read(folder);
        lock (_gate)
        {
            _entries[folder] = (stamp, snapshot, ++_clock);
            while (_entries.Count > capacity)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.Used).Key);
            }
        }

        return snapshot;
    }

    private static string Stamp(string folder)
    {
        var stamp = new StringBuilder();
        void Add(string file)
        {
            var info = new FileInfo(file);
            if (info.Exists)
            {
                stamp.Append(file).Append(':').Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append(':')
                    .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('|');
            }
        }

        foreach (var name in new[] { "journal.jsonl", "sweep.json", "pipeline.json" })
        {
            Add(Path.Combine(folder, name));
        }

        var steps = Path.Combine(folder, "steps");
        if (Directory.Exists(steps))
        {
            foreach (var step in Directory.EnumerateDirectories(steps).Order(StringComparer.Ordinal))
            {
                stamp.Append(step).Append('|');
                Add(Path.Combine(step, "journal.jsonl"));
                Add(Path.Combine(step, "sweep.json"));
            }
        }

        return stamp.ToString();
    }
}
