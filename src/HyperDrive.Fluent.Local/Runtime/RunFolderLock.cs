using System.Globalization;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// An exclusive hold on a run folder while a run or resume uses it: <c>.hyperdrive.lock</c> opened with
/// <see cref="FileShare.None"/> (an OS lock: <c>flock</c> on Unix, a sharing lock on Windows), so a second process (or
/// a second run in this one) is refused instead of running the same trials and interleaving the journal. The OS
/// releases the lock when the holder dies, however it dies; the file itself may stay and is harmless.
/// </summary>
internal sealed class RunFolderLock : IDisposable
{
    public const string FileName = ".hyperdrive.lock";

    /// <summary>Who holds the lock (pid and start), written next to it because the lock file cannot be read while
    /// locked.</summary>
    public const string OwnerFileName = ".hyperdrive.lock.owner";

    private readonly FileStream _stream;

    private RunFolderLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the folder, or throws naming the process that holds it.</summary>
    /// <exception cref="IOException">Another process or run holds the folder.</exception>
    public static RunFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            var owner = ReadOwner(folder);
            throw new IOException(
                $"run folder {folder} is in use by {owner}; wait for it to finish or stop it, or choose another " +
                    "output folder.",
                ex);
        }

        try
        {
            File.WriteAllText(
                Path.Combine(folder, OwnerFileName),
                string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n"));
        }
        catch (IOException)
        {
            // The owner note is only for the message; the lock holds without it.
        }

        return new RunFolderLock(stream);
    }

    public void Dispose() => _stream.Dispose();

    private static string ReadOwner(string folder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(folder, OwnerFileName)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? string.Create(CultureInfo.InvariantCulture, $"process {pid}")
                : "another process";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }
}
