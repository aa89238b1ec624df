using System.ComponentModel;
using System.Diagnostics;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>Names a process across the life of the host that started it: its id and its start time, since an id alone
/// may have been reused by an unrelated process after the host died.</summary>
internal static class ProcessIdentity
{
    // Start times are read back from the OS (on Linux: boot time plus clock ticks), so the same process can read a few
    // milliseconds apart; an unrelated process that got the same id starts far later.
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    /// <summary>Gets the start time of a running process, or <see langword="null"/> when it is already gone.</summary>
    public static DateTimeOffset? StartTimeOf(Process process)
    {
        try
        {
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Kills the process <paramref name="processId"/> and its descendants when it is still the process that
    /// started at <paramref name="startedAt"/> (a trial a crashed host left running), and waits for it to be
    /// gone.</summary>
    /// <returns><see langword="true"/> when such a process was running and was killed.</returns>
    public static bool TryKillLeftover(int processId, DateTimeOffset startedAt)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            return false; // not running
        }

        using (process)
        {
            if (StartTimeOf(process) is not { } started || (started - startedAt).Duration() > Tolerance)
            {
                return false; // the id now belongs to another process
            }

            ChildProcessRegistry.KillTree(process);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return true;
        }
    }
}
