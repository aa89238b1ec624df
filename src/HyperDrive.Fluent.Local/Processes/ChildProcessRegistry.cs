using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>Every trial process the engine started and that still runs; killed (whole tree) when this process exits, so
/// an ended host leaves no orphaned trial.</summary>
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
