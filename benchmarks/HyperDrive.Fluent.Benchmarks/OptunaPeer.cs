using System.Diagnostics;
using System.Text.Json;

namespace HyperDrive.Fluent.Benchmarks;

/// <summary>Runs <c>optuna_peer.py</c> (next to this program) with a Python that has Optuna, in the same benchmark run.</summary>
internal static class OptunaPeer
{
    public sealed record Figures(string Version, IReadOnlyList<double> SubprocessMillisecondsPerTrial, IReadOnlyList<double> InMemoryTrialsPerSecond);

    /// <summary>Finds a Python that can import optuna: <c>$OPTUNA_PYTHON</c>, then Debian's <c>/usr/bin/python3</c>, then <c>python3</c> on PATH.</summary>
    public static string? FindPython()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("OPTUNA_PYTHON"), "/usr/bin/python3", "python3", "python" };
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            try
            {
                var start = new ProcessStartInfo(candidate!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("import optuna");
                using var probe = Process.Start(start);
                if (probe is null)
                {
                    continue;
                }

                probe.WaitForExit();
                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name; try the next.
            }
        }

        return null;
    }

    /// <param name="trialFolders">When set, each subprocess trial writes the folder and logs the local engine writes, under this folder.</param>
    public static async Task<Figures> RunAsync(string python, IReadOnlyList<string> command, int processTrials, int processJobs, int memoryTrials, int repetitions, bool skipMemory, CancellationToken cancellationToken, string? trialFolders = null)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "optuna_peer.py"));
        foreach (var (name, value) in new[] { ("--process-trials", processTrials), ("--process-jobs", processJobs), ("--memory-trials", memoryTrials), ("--repetitions", repetitions) })
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (skipMemory)
        {
            start.ArgumentList.Add("--skip-memory");
        }

        if (trialFolders is not null)
        {
            start.ArgumentList.Add("--trial-folders");
            start.ArgumentList.Add(trialFolders);
        }

        start.ArgumentList.Add("--command");
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        using var registration = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"optuna_peer.py exited with {process.ExitCode}: {await error.ConfigureAwait(false)}");
        }

        using var json = JsonDocument.Parse(await output.ConfigureAwait(false));
        var root = json.RootElement;
        return new Figures(
            root.GetProperty("optuna").GetString() ?? "?",
            [.. root.GetProperty("subprocess_ms_per_trial").EnumerateArray().Select(e => e.GetDouble())],
            [.. root.GetProperty("inmemory_trials_per_second").EnumerateArray().Select(e => e.GetDouble())]);
    }
}
