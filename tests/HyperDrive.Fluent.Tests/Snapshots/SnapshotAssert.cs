using System.Runtime.CompilerServices;

namespace HyperDrive.Fluent.Tests.Snapshots;

/// <summary>
/// Compares text with a verified snapshot file kept next to the test (<c>Name.verified.ext</c>). On a mismatch,
/// or when the snapshot is missing, it writes <c>Name.received.ext</c> beside it and fails; accept a change by
/// renaming the received file over the verified one. Set HYPERDRIVE_ACCEPT_SNAPSHOTS=1 to accept all.
/// </summary>
public static class SnapshotAssert
{
    public static void Matches(string actual, string name, string extension, [CallerFilePath] string callerFile = "")
    {
        var verified = VerifiedPath(name, extension, callerFile);
        var received = Path.Combine(Path.GetDirectoryName(verified)!, $"{name}.received.{extension}");
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

        if (Environment.GetEnvironmentVariable("HYPERDRIVE_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
            File.WriteAllText(verified, normalized);
            return;
        }

        if (!File.Exists(verified))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(received)!);
            File.WriteAllText(received, normalized);
            throw new Xunit.Sdk.XunitException($"No verified snapshot {verified}; wrote {received}. Review it and rename it to .verified.{extension}.");
        }

        var expected = File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!string.Equals(expected, normalized, StringComparison.Ordinal))
        {
            File.WriteAllText(received, normalized);
            normalized.Should().Be(expected, $"the output must match the verified snapshot {verified} (received: {received})");
        }
        else if (File.Exists(received))
        {
            File.Delete(received);
        }
    }

    /// <summary>The verified file of a snapshot: <c>Snapshots/{name}.verified.{extension}</c> beside the calling test's
    /// source file or, when the sources are not there (a packaged test run), its copy in the output folder.</summary>
    public static string VerifiedPath(string name, string extension, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");

        // Tests run from bin/, but the caller's source path is known at compile time; fall back to the copy in the
        // output folder when the sources are not there.
        if (!Directory.Exists(directory))
        {
            var relative = Path.GetRelativePath(FindProjectRoot(callerFile), Path.GetDirectoryName(callerFile)!);
            directory = Path.Combine(AppContext.BaseDirectory, relative, "Snapshots");
        }

        return Path.Combine(directory, $"{name}.verified.{extension}");
    }

    private static string FindProjectRoot(string file)
    {
        var dir = Path.GetDirectoryName(file);
        while (dir is not null && !Directory.EnumerateFiles(dir, "*.csproj").Any())
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? Path.GetDirectoryName(file)!;
    }
}
