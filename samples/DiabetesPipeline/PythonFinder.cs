using System.ComponentModel;
using System.Diagnostics;

namespace DiabetesPipeline;

/// <summary>Finds a Python interpreter that can import scikit-learn (pyenv, venvs and Debian's python3-sklearn may each
/// have their own), so the trials run with one that works.</summary>
internal static class PythonFinder
{
    public static string InstallHint(IEnumerable<string> tried) => $"""
        No Python with scikit-learn was found (tried: {string.Join(", ", tried)}).
        Install it, then run the sample again:
          Debian/Ubuntu:  sudo apt-get install -y python3-sklearn
          any platform:   python3 -m pip install scikit-learn
        or name the interpreter to use with --python PATH (or the PYTHON environment variable).
        """;

    /// <summary>The interpreter asked for (<c>--python</c>, else <c>$PYTHON</c>) alone, or the usual names.</summary>
    public static IReadOnlyList<string> Candidates(string? requested) =>
        ((requested ?? Environment.GetEnvironmentVariable("PYTHON")) is { Length: > 0 } named
            ? new[] { named }
            : new[] { "python3", "python", "/usr/bin/python3", "/usr/local/bin/python3" })
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c!)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Returns the first candidate that imports sklearn, or <see langword="null"/>.</summary>
    public static async Task<string?> FindWithSklearnAsync(IEnumerable<string> candidates, CancellationToken cancellationToken)
    {
        foreach (var candidate in candidates)
        {
            var start = new ProcessStartInfo(candidate) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sklearn, sys; print(sys.executable)");
            try
            {
                using var probe = Process.Start(start);
                if (probe is null)
                {
                    continue;
                }

                var output = await probe.StandardOutput.ReadToEndAsync(cancellationToken);
                await probe.WaitForExitAsync(cancellationToken);
                if (probe.ExitCode == 0 && output.Trim() is { Length: > 0 } executable)
                {
                    return executable;
                }
            }
            catch (Win32Exception)
            {
                // No interpreter under that name; try the next one.
            }
        }

        return null;
    }
}
