using System.ComponentModel;
using System.Diagnostics;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// Opens a URL in the user's browser (<c>hyperdrive dashboard --open</c>): the commands in the <c>BROWSER</c>
/// environment variable when it is set (the Unix convention that xdg-open and Python's <c>webbrowser</c> follow: a list
/// separated by the platform's path separator, each tried in turn; a command is a program and its arguments split at
/// spaces, <c>%s</c> standing for the URL, which is otherwise appended), else the platform's opener (<c>xdg-open</c>,
/// <c>open</c>, <c>explorer</c>). Never fails the command: a browser that cannot be started, or an opener that exits
/// with an error, is a warning that names the URL to open by hand.
/// </summary>
internal static class BrowserLauncher
{
    /// <summary>Starts the browser on <paramref name="url"/> without waiting for it.</summary>
    /// <param name="url">The address to open.</param>
    /// <param name="getEnvironmentVariable">Reads <c>BROWSER</c>.</param>
    /// <param name="error">Where warnings go.</param>
    /// <returns>The command that was started, or <see langword="null"/> when none could be.</returns>
    public static string? Open(Uri url, Func<string, string?> getEnvironmentVariable, TextWriter error)
    {
        var commands = getEnvironmentVariable("BROWSER") is { Length: > 0 } browser
            ? browser.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [OperatingSystem.IsWindows() ? "explorer" : OperatingSystem.IsMacOS() ? "open" : "xdg-open"];
        var problems = new List<string>();
        foreach (var command in commands)
        {
            var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start =
                new ProcessStartInfo(words[0])
                { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var word in words.Skip(1))
            {
                start.ArgumentList.Add(word.Replace("%s", url.ToString(), StringComparison.Ordinal));
            }

            if (!words.Skip(1).Any(w => w.Contains("%s", StringComparison.Ordinal)))
            {
                start.ArgumentList.Add(url.ToString());
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("no process was started");
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
            {
                problems.Add($"{words[0]}: {ex.Message}");
                continue;
            }

            // Read what it prints (a browser that fills an unread pipe would hang), and say so if the opener gives up.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var name = words[0];
            _ = process.WaitForExitAsync().ContinueWith(
                _ =>
                {
                    // explorer.exe exits with 1 after opening a URL; elsewhere a non-zero code means no browser opened.
                    if (!OperatingSystem.IsWindows() && process.ExitCode != 0)
                    {
                        error.WriteLine(
                            $"warning: {name} exited with code {process.ExitCode} without opening a browser; open " +
                            $"{url} yourself.");
                    }

                    process.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
            return command;
        }

        error.WriteLine($"warning: could not open a browser ({string.Join("; ", problems)}); open {url} yourself.");
        return null;
    }
}
