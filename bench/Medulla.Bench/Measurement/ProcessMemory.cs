using System.Diagnostics;
using System.Globalization;

namespace Medulla.Bench.Measurement;

/// <summary>
/// Resident memory of this process from /proc/self/status: the current size (VmRSS) and the peak
/// (VmHWM). The peak can be reset to the current size by writing 5 to /proc/self/clear_refs (Linux
/// 4.0+, proc(5)), so warm-up before a measurement does not count towards its peak.
/// </summary>
internal static class ProcessMemory
{
    internal static long ResidentBytes() => ReadStatusKib("VmRSS:") * 1024 ?? Process.GetCurrentProcess().WorkingSet64;

    internal static long PeakResidentBytes()
    {
        if (ReadStatusKib("VmHWM:") is { } kib)
        {
            return kib * 1024;
        }
        using Process self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>Returns false when the kernel does not allow it; the peak then includes warm-up.</summary>
    internal static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? ReadStatusKib(string key)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    string value = line[key.Length..].Trim();
                    return long.Parse(value.AsSpan(0, value.IndexOf(' ')), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
