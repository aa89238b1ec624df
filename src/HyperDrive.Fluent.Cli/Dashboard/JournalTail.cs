using System.Text;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// Follows a run folder for the event stream: the whole lines appended to its <c>journal.jsonl</c> since the last look
/// (a half-written last line waits for its newline), and whether the run has finished (its <c>sweep.json</c> or
/// <c>pipeline.json</c> exists). A pipeline follows every step's journal. Reads never block the writer.
/// </summary>
internal sealed class JournalTail(string folder) : IAsyncDisposable
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _partial = new(StringComparer.Ordinal);

    /// <summary>Reads what was appended since the last call.</summary>
    public (IReadOnlyList<string> Lines, bool Finished) Poll()
    {
        var finished = File.Exists(Path.Combine(folder, "sweep.json"))
            || File.Exists(Path.Combine(folder, "pipeline.json"));
        var lines = new List<string>();
        foreach (var journal in Journals())
        {
            Read(journal, lines);
        }

        return (lines, finished);
    }

    /// <summary>Starts after what the journals hold now (the page just drew that), keeping a half-written
    /// line.</summary>
    public void SkipToEnd()
    {
        // Only the end of each journal is read (back to its last newline): a page of a thousand trials opens this
        // stream on a journal of megabytes, which reading whole would cost every page that opens.
        foreach (var journal in Journals())
        {
            try
            {
                using var stream =
                    new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var length = stream.Length;
                var end = length; // where the last whole line ends
                var buffer = new byte[4096];
                while (end > 0)
                {
                    var from = Math.Max(0, end - buffer.Length);
                    stream.Position = from;
                    var count = (int)(end - from);
                    stream.ReadExactly(buffer, 0, count);
                    var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
                    if (newline >= 0)
                    {
                        end = from + newline + 1;
                        break;
                    }

                    end = from;
                }

                var partial = new byte[length - end];
                stream.Position = end;
                stream.ReadExactly(partial);
                _offsets[journal] = length;
                _partial[journal] = Encoding.UTF8.GetString(partial);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Being replaced right now: the first look reads it from the start.
            }
        }
    }

    /// <summary>Gets how many bytes of the journals have been looked at (after <see cref="SkipToEnd"/>: their size
    /// then).</summary>
    public long Position => _offsets.Values.Sum();

    /// <summary>The journals' total size now, in bytes (what a page drawn now was drawn from), without reading
    /// them.</summary>
    public static long Size(string folder)
    {
        long size = 0;
        foreach (var journal in Journals(folder))
        {
            try
            {
                size += new FileInfo(journal).Length;
            }
            catch (IOException)
            {
                // Being replaced right now: counted as empty, so the page's stream catches up at once.
            }
        }

        return size;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IEnumerable<string> Journals() => Journals(folder);

    private static IEnumerable<string> Journals(string folder)
    {
        var own = Path.Combine(folder, "journal.jsonl");
        if (File.Exists(own))
        {
            yield return own;
        }

        var steps = Path.Combine(folder, "steps");
        if (Directory.Exists(steps))
        {
            foreach (var step in Directory.EnumerateDirectories(steps).Order(StringComparer.Ordinal))
            {
                var journal = Path.Combine(step, "journal.jsonl");
                if (File.Exists(journal))
                {
                    yield return journal;
                }
            }
        }
    }

    private void Read(string path, List<string> lines)
    {
        try
        {
            using var stream =
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var offset = _offsets.GetValueOrDefault(path);
            if (stream.Length < offset)
            {
                offset = 0; // replaced: start over
                _partial.Remove(path);
            }

            if (stream.Length == offset)
            {
                return;
            }

            stream.Position = offset;
            var buffer = new byte[stream.Length - offset];
            stream.ReadExactly(buffer);
            _offsets[path] = offset + buffer.Length;
            var text = _partial.GetValueOrDefault(path, string.Empty) + Encoding.UTF8.GetString(buffer);
            var end = text.LastIndexOf('\n');
            _partial[path] = end < 0 ? text : text[(end + 1)..];
            if (end < 0)
            {
                return;
            }

            foreach (var line in text[..end].Split('\n'))
            {
                if (line.Trim().Length > 0)
                {
                    lines.Add(line.Trim()); // JSON lines hold no raw newline, so each is one SSE data line
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Being replaced right now: the next look reads it.
        }
    }
}
