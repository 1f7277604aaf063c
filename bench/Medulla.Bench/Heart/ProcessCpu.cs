using System.Globalization;
using System.Runtime.InteropServices;

namespace Medulla.Bench.Heart;

/// <summary>
/// CPU time of another process, two ways. The process CPU clock (clock_getcpuclockid + clock_gettime) is
/// exact to the nanosecond and includes threads that exited; utime + stime from /proc/PID/stat (also
/// whole-process) count in clock ticks of 10 ms, too coarse for an idle daemon over a minute but what
/// ps and top show, so both are reported.
/// </summary>
internal static partial class ProcessCpu
{
    private const double MsPerTick = 1000.0 / 100; // USER_HZ is 100 on Linux (proc(5))

    /// <summary>Nanoseconds on a CPU since the process started; null when it is gone.</summary>
    internal static long? Nanoseconds(int pid)
    {
        if (clock_getcpuclockid(pid, out int clock) != 0 || clock_gettime(clock, out TimeSpec time) != 0)
        {
            return null;
        }
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    /// <summary>utime + stime in milliseconds (10 ms steps); null when the process is gone.</summary>
    internal static double? TickMilliseconds(int pid) =>
        ProcFs.StatFields($"/proc/{pid}/stat") is { Length: > 12 } f
            ? (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) * MsPerTick
            : null;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_getcpuclockid(int pid, out int clock);

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
