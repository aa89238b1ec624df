using System.Text;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>A trial's log of one output stream, written line by line and flushed per line so it can be followed while
/// the trial runs. The file (and its folder) is created with the first line: a stream that says nothing leaves no empty
/// file, and a trial costs the disk no more than it writes.</summary>
internal sealed class LogFile(string path) : IAsyncDisposable
{
    private readonly object _gate = new();
    private StreamWriter? _writer;
    private bool _closed;
    private string? _writeError;

    /// <summary>Gets why writing the log failed (a full disk, an I/O error), or <see langword="null"/> while every line
    /// was written. After a failure the lines are dropped, but the caller keeps reading the stream: a child whose pipe
    /// is not drained blocks forever on a full pipe.</summary>
    public string? WriteError
    {
        get
        {
            lock (_gate)
            {
                return _writeError;
            }
        }
    }

    /// <summary>Appends a line; after <see cref="DisposeAsync"/> (a grandchild still writing after the trial ended) it
    /// is dropped.</summary>
    /// <returns><see langword="false"/> when the log is closed.</returns>
    public bool WriteLine(string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_writeError is not null)
            {
                return true;
            }

            try
            {
                _writer ??= Open(path);
                _writer.WriteLine(line);
            }
            catch (IOException ex)
            {
                _writeError = ex.Message;
                Abandon();
            }

            return true;
        }
    }

    private void Abandon()
    {
        // Dispose flushes what is buffered, which fails the same way; the log keeps what reached the disk.
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
        }

        _writer = null;
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
            try
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // a last flush on a full disk; WriteError already says so when a line was lost
            }
        }
    }

    private static StreamWriter Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite),
            new UTF8Encoding(false)) { AutoFlush = true };
    }
}
