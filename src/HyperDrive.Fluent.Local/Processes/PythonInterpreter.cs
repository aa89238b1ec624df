namespace HyperDrive.Fluent.Local.Processes;

/// <summary>
/// The Python interpreter a run uses for commands whose first word is <c>python</c> or <c>python3</c>, resolved once
/// before the first trial: the configured one (<see cref="LocalSweepEngineOptions.PythonExecutable"/>, which the CLI
/// sets from <c>--python</c> or <c>HYPERDRIVE_PYTHON</c>), else <c>python</c> on <c>PATH</c>, else <c>python3</c>.
/// </summary>
internal static class PythonInterpreter
{
    /// <summary>Finds the interpreter's full path, or returns null when it is missing or not executable.</summary>
    /// <param name="configured">The configured executable (a name looked up on PATH, or a path), or null for the
    /// default.</param>
    /// <param name="commandWord">The command's first word (<c>python</c> or <c>python3</c>) when none is
    /// configured.</param>
    /// <returns>The executable's full path, or <see langword="null"/>.</returns>
    public static string? Find(string? configured, string commandWord = "python")
    {
        if (configured is not null)
        {
            return Locate(configured);
        }

        return Locate(commandWord) ?? (commandWord == "python" ? Locate("python3") : null);
    }

    /// <summary>Finds an executable given as a path (rooted or with a separator) or a name on PATH.</summary>
    public static string? Locate(string executable)
    {
        if (string.IsNullOrWhiteSpace(executable))
        {
            return null;
        }

        if (Path.IsPathRooted(executable) || executable.Contains('/', StringComparison.Ordinal)
            || executable.Contains('\\', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(executable);
            return File.Exists(full) && ExecutableResolver.IsExecutableFile(full) ? full : null;
        }

        return ExecutableResolver.FindOnPath(executable);
    }
}
