using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>Runs a <see cref="ProcessLaunch"/> without a shell, streaming its output lines; cancellation kills the
/// whole process tree and waits for it to be gone.</summary>
internal static class ProcessRunner
{
    private const int TailLines = 20;

    /// <summary>Runs the commands in order while each succeeds.</summary>
    /// <param name="launch">What to run.</param>
    /// <param name="onLine">Called for each output line (<c>true</c> for stderr), from reader threads.</param>
    /// <param name="onStarted">Called with each command's process id and start time once it runs (the journal records
    /// them, so a resume after a crash can stop a trial the crashed host left running); not called for a process
    /// already gone.</param>
    /// <param name="cancellationToken">Kills the process tree.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="OperationCanceledException">Canceled; the process tree was killed.</exception>
    /// <exception cref="Win32Exception">The executable could not be started.</exception>
    public static async Task<ProcessOutcome> RunAsync(ProcessLaunch launch, Action<string, bool> onLine, Action<int,
        DateTimeOffset> onStarted, CancellationToken cancellationToken)
    {
        var tail = new Queue<string>();
        await using var stdout = new LogFile(launch.StdoutPath);
        await using var stderr = new LogFile(launch.StderrPath);
        var exitCode = 0;
        foreach (var argv in launch.Commands)
        {
            cancellationToken.ThrowIfCancellationRequested();
            exitCode = await RunOneAsync(argv, launch, stdout, stderr, tail, onLine, onStarted, cancellationToken)
                .ConfigureAwait(false);
            if (exitCode != 0)
            {
                break;
            }
        }

        lock (tail)
        {
            return new ProcessOutcome(exitCode, string.Join('\n', tail), stdout.WriteError ?? stderr.WriteError);
        }
    }

    private static async Task<int> RunOneAsync(
        IReadOnlyList<string> argv,
        ProcessLaunch launch,
        LogFile stdout,
        LogFile stderr,
        Queue<string> tail,
        Action<string, bool> onLine,
        Action<int, DateTimeOffset> onStarted,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        InheritedSecrets.Remove(info.Environment, launch.Environment);
        foreach (var (name, value) in launch.Environment)
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new Win32Exception(
                ex.NativeErrorCode, $"Could not start '{argv[0]}' in '{launch.WorkingDirectory}': {ex.Message}");
        }

        ChildProcessRegistry.Add(process);
        try
        {
            if (ProcessIdentity.StartTimeOf(process) is { } startedAt)
            {
                onStarted(process.Id, startedAt);
            }

            process.StandardInput.Close();
            var readOut = PumpAsync(process.StandardOutput, stdout, null, line => onLine(line, false));
            var readErr = PumpAsync(process.StandardError, stderr, tail, line => onLine(line, true));
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ChildProcessRegistry.KillTree(process);
                await WaitGoneAsync(process).ConfigureAwait(false);
                await DrainAsync(readOut, readErr).ConfigureAwait(false);
                throw;
            }

            await DrainAsync(readOut, readErr).ConfigureAwait(false);
            return process.ExitCode;
        }
        finally
        {
            ChildProcessRegistry.Remove(process);
        }
    }

    private static async Task WaitGoneAsync(Process process)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ChildProcessRegistry.KillTree(process);
        }
    }

    private static async Task DrainAsync(Task readOut, Task readErr)
    {
        // A grandchild that outlives the trial may keep the pipes open; don't wait for it forever.
        await Task.WhenAny(Task.WhenAll(readOut, readErr), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
    }

    private static async Task PumpAsync(StreamReader reader, LogFile log, Queue<string>? tail, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (!log.WriteLine(line))
            {
                return; // the trial ended while a grandchild still writes
            }

            if (tail is not null)
            {
                lock (tail)
                {
                    tail.Enqueue(line);
                    if (tail.Count > TailLines)
                    {
                        tail.Dequeue();
                    }
                }
            }

            onLine(line);
        }
    }
}
