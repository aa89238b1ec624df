using System.Text;

namespace HyperDrive.Fluent.IO;

/// <summary>
/// The one way every package writes a file that readers may look at while it changes (results, reports, YAML, the CLI's
/// outputs and ledgers): the content goes to a temporary file beside the target, is flushed to disk, and is renamed
/// over the target, so a reader sees the old content or the new, never a half-written one. The temporary has a fixed
/// name, <c>.{name}.tmp</c>: a write cut short (a full disk, a kill) leaves at most that one file, which the next write
/// replaces and a resumed run removes (every <c>*.tmp</c> of the run folder).
/// </summary>
/// <remarks>The folder itself is not flushed (.NET opens no directory handles), so after a power cut the rename may be
/// lost, but never half applied: the old file or the new one is there.</remarks>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Gets the temporary file a write of <paramref name="path"/> goes through.</summary>
    /// <param name="path">The target.</param>
    /// <returns>The full path of <c>.{name}.tmp</c> in the target's folder.</returns>
    public static string TemporaryFor(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)
            ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        return Path.Combine(directory, "." + Path.GetFileName(full) + ".tmp");
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically, creating its
    /// folder.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        var bytes = Utf8NoBom.GetBytes(text);
        stream.Write(bytes);
    });

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically, creating its
    /// folder.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="text">The content.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then left as it was.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        var (full, temporary) = Prepare(path);
        try
        {
            var stream =
                new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1,
                useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Utf8NoBom.GetBytes(text), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Writes to <paramref name="path"/> atomically through <paramref name="write"/>, creating its
    /// folder.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the content to the temporary file's stream.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, temporary) = Prepare(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static (string Full, string Temporary) Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return (full, TemporaryFor(full));
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next write (which replaces it) or a resume (which removes every *.tmp).
        }
    }
}
