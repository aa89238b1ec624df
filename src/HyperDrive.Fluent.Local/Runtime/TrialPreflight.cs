using HyperDrive.Fluent.Local.Processes;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// Checks, before the first trial starts, what would make every trial fail at once: a Python interpreter that is
/// missing or not executable, a script that is not in the code folder, a program that is not on <c>PATH</c>. Each is
/// one clear problem instead of the same launch error in every trial.
/// </summary>
internal static class TrialPreflight
{
    /// <summary>Checks a planned command.</summary>
    /// <param name="template">The command's words, one list per command of an <c>&amp;&amp;</c> chain (placeholders
    /// unresolved).</param>
    /// <param name="workingDirectory">The code folder (it exists).</param>
    /// <param name="pythonExecutable">The configured interpreter, or null for <c>python</c>/<c>python3</c> on
    /// PATH.</param>
    /// <returns>The problems, each with a fix.</returns>
    public static IEnumerable<(string Message, string Fix)> Check(
        IReadOnlyList<IReadOnlyList<string>> template, string workingDirectory, string? pythonExecutable)
    {
        for (var i = 0; i < template.Count; i++)
        {
            var words = template[i];
            if (words.Count == 0 || HasPlaceholder(words[0]))
            {
                continue;
            }

            if (words[0] is "python" or "python3")
            {
                if (PythonInterpreter.Find(pythonExecutable, words[0]) is null)
                {
                    yield return pythonExecutable is null
                        ? ($"{words[0]} was not found on PATH.",
                            "Install Python 3, or name the interpreter: --python PATH or HYPERDRIVE_PYTHON for the " +
                            "hyperdrive tool, LocalSweepEngineOptions.PythonExecutable in code.")
                        : ($"The Python interpreter '{pythonExecutable}' does not exist or is not executable.",
                            "Give the path of a Python 3 executable (for example /usr/bin/python3), or leave it " +
                            "unset to use python on PATH.");
                    continue;
                }

                if (ScriptOf(words) is { } script && !File.Exists(Path.Combine(workingDirectory, script)))
                {
                    yield return ($"The script '{script}' is not in the code folder '{workingDirectory}'.",
                        "Fix the script name in the command, or set code to the folder that holds it.");
                }
            }
            else if (i == 0 && !Path.IsPathRooted(words[0]) && !words[0].Contains('/', StringComparison.Ordinal)
                && !words[0].Contains('\\', StringComparison.Ordinal)
                && !ExecutableResolver.IsOnPath(words[0]))
            {
                // Only the first program: a later one in an && chain may be installed by the commands before it.
                yield return (
                    $"'{words[0]}' was not found on PATH.",
                    "Install it, or start the command with a program this machine has.");
            }
        }
    }

    /// <summary>The script a <c>python</c> command runs: its first argument when that is a <c>.py</c> file (not
    /// <c>-m</c>, <c>-c</c>).</summary>
    private static string? ScriptOf(IReadOnlyList<string> words)
    {
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            if (word is "-m" or "-c")
            {
                return null;
            }

            if (word.StartsWith('-'))
            {
                continue; // an interpreter flag such as -u or -O
            }

            return word.EndsWith(".py", StringComparison.OrdinalIgnoreCase) && !HasPlaceholder(word) ? word : null;
        }

        return null;
    }

    private static bool HasPlaceholder(string word) => word.Contains("${{", StringComparison.Ordinal)
        || word.Contains('$', StringComparison.Ordinal);
}
