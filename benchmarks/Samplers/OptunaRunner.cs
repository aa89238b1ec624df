using System.Diagnostics;
using System.Text.Json;

namespace HyperDrive.Fluent.Benchmarks.Samplers;

/// <summary>Runs optuna_bench.py (Debian's python3-optuna and python3-sklearn) and reads its JSON.</summary>
internal static class OptunaRunner
{
    /// <summary>Picks the interpreter: <c>HYPERDRIVE_PYTHON</c>, else Debian's <c>/usr/bin/python3</c> (where apt
    /// installs optuna, whatever pyenv or a venv puts first on PATH), else <c>python3</c>.</summary>
    public static string Python =>
        Environment.GetEnvironmentVariable("HYPERDRIVE_PYTHON") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3"
        : "python3";

    public static Task<JsonDocument> RunAsync(int trials, int seeds, string problems, string samplers, CancellationToken cancellationToken) =>
        RunScriptAsync("optuna_bench.py", ["--trials", trials.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seeds", seeds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--problems", problems, "--samplers", samplers], cancellationToken);

    /// <summary>Runs one of the harness's Python scripts (copied next to it) and parses the JSON it prints.</summary>
    /// <param name="name">The script's file name.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="cancellationToken">Stops the script.</param>
    /// <returns>The document.</returns>
    public static async Task<JsonDocument> RunScriptAsync(string name, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, name);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend(script))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.AppendLine(line);
                Console.Error.WriteLine(line);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{Python} {script} exited with {process.ExitCode}. Install the peers with `apt-get install -y python3-optuna python3-sklearn` " +
                    $"(or point HYPERDRIVE_PYTHON at an interpreter that has optuna 3.1 and scikit-learn).{Environment.NewLine}{stderr}");
            }

            return JsonDocument.Parse(stdout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
