using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>Every trial process the engine started and that still runs; killed (whole tree) when this process exits
/// through the runtime (a normal exit, an unhandled exception, a SIGTERM the host does not handle itself).</summary>
/// <remarks>A host that is killed outright (SIGKILL, a crash of the runtime) runs no handler, so its trials keep
/// running; the journal records each trial's process id and start time and a resume stops them. The <c>hyperdrive</c>
/// tool turns SIGTERM and SIGHUP into a cancellation, as Ctrl+C, so the trials are stopped and the results are
/// written.</remarks>
internal static class ChildProcessRegistry
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static int _hooked;

    public static void Add(Process process)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        }

        Live[process.Id] = process;
    }

    public static void Remove(Process process) => Live.TryRemove(process.Id, out _);

    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // exiting right now
        }
    }

    private static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            KillTree(process);
        }
    }
}
