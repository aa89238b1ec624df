using System.Text;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>A trial's log of one output stream, written line by line and flushed per line so it can be followed while the
/// trial runs. The file (and its folder) is created with the first line: a stream that says nothing leaves no empty file,
/// and a trial costs the disk no more than it writes.</summary>
internal sealed class LogFile(string path) : IAsyncDisposable
{
    private readonly object _gate = new();
    private StreamWriter? _writer;
    private bool _closed;

    /// <summary>Appends a line; after <see cref="DisposeAsync"/> (a grandchild still writing after the trial ended) it is dropped.</summary>
    /// <returns><see langword="false"/> when the log is closed.</returns>
    public bool WriteLine(string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _writer ??= Open(path);
            _writer.WriteLine(line);
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        StreamWriter? writer;
        lock (_gate)
        {
            _closed = true;
            writer = _writer;
            _writer = null;
        }

        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static StreamWriter Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
    }
}
