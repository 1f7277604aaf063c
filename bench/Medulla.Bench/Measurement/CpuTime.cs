using System.Diagnostics;
using System.Globalization;

namespace Medulla.Bench.Measurement;

/// <summary>
/// Busy CPU time of the whole machine, from the first line of /proc/stat, so the parent can tell how
/// much CPU other processes took while a child was measuring (this machine is shared).
/// </summary>
internal static class CpuTime
{
    private static readonly double MsPerTick = 1000.0 / 100; // USER_HZ is 100 on Linux (proc(5))

    /// <summary>Milliseconds of CPU spent busy on all cores since boot; null off Linux.</summary>
    internal static double? MachineBusyMs()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            string? line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }
            long[] f = [.. line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, CultureInfo.InvariantCulture))];
            // user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
            long total = f.Take(8).Sum();
            long busy = total - f[3] - f[4];
            return busy * MsPerTick;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until the machine has been nearly idle for a quarter of a
    /// second, so a child does not start in the middle of someone else's build. Returns the last load seen.
    /// </summary>
    internal static double WaitForQuiet(TimeSpan limit, double idleCores = 0.3)
    {
        long deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        double load;
        do
        {
            double? before = MachineBusyMs();
            long start = Stopwatch.GetTimestamp();
            Thread.Sleep(250);
            double? after = MachineBusyMs();
            if (before is null || after is null)
            {
                return 0;
            }
            load = (after.Value - before.Value) / Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        while (load > idleCores && Environment.TickCount64 < deadline);
        return load;
    }

    /// <summary>CPU time of this process so far.</summary>
    internal static double OwnMs()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    }
}
