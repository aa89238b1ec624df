using System.Runtime.InteropServices;

namespace HyperDrive.Fluent.Benchmarks.Samplers;

/// <summary>The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): what a proposal costs
/// on its own, however many other processes share the cores. A proposal runs on one thread, so on an idle core its wall
/// time would be this.</summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Gets whether the clock can be read here.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Gets the thread's CPU time in milliseconds, or NaN where it cannot be read.</summary>
    public static double Milliseconds => IsAvailable && TryRead(out var ms) ? ms : double.NaN;

    private static bool TryRead(out double milliseconds)
    {
        milliseconds = double.NaN;
        try
        {
            if (ClockGetTime(ClockThreadCpuTimeId, out var spec) != 0)
            {
                return false;
            }

            milliseconds = (spec.Seconds * 1e3) + (spec.Nanoseconds / 1e6);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec spec);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
