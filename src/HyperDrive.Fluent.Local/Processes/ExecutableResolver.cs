using System.Collections.Concurrent;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>Finds executables on <c>PATH</c> and maps <c>python</c> to <c>python3</c> when only the latter
/// exists.</summary>
internal static class ExecutableResolver
{
    private static readonly ConcurrentDictionary<string, string?> OnPath = new(StringComparer.Ordinal);

    public static string Resolve(string executable, string workingDirectory, string? pythonExecutable)
    {
        if (executable is "python" or "python3")
        {
            if (pythonExecutable is not null)
            {
                return pythonExecutable;
            }

            if (executable == "python" && !IsOnPath("python") && IsOnPath("python3"))
            {
                return "python3";
            }
        }

        if (!Path.IsPathRooted(executable)
            && (executable.Contains('/', StringComparison.Ordinal)
            || executable.Contains('\\', StringComparison.Ordinal)))
        {
            return Path.GetFullPath(Path.Combine(workingDirectory, executable));
        }

        return executable;
    }

    public static bool IsOnPath(string name) => FindOnPath(name) is not null;

    /// <summary>Finds an executable by name on <c>PATH</c> (its full path), or returns null.</summary>
    public static string? FindOnPath(string name) => OnPath.GetOrAdd(name, static n =>
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", string.Empty } : [string.Empty];
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(folder, n + extension);
                if (File.Exists(candidate) && IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    });

    /// <summary>Whether a file may be executed (on Unix: an execute bit is set).</summary>
    public static bool IsExecutableFile(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(file);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
