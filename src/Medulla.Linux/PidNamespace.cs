namespace Medulla.Linux;

/// <summary>PID namespaces, told apart by the target of /proc/PID/ns/pid ("pid:[4026531836]").</summary>
internal static class PidNamespace
{
    /// <summary>
    /// The PID namespace of the calling process, e.g. "pid:[4026531836]"; null when /proc is not mounted.
    /// Two processes are in the same namespace exactly when the strings are equal.
    /// </summary>
    public static string? OfCurrentProcess() => Of("self");

    /// <summary>The PID namespace of process <paramref name="pid"/> as this process's /proc shows it; null when unknown.</summary>
    public static string? OfProcess(int pid) => Of(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string? Of(string process)
    {
        try
        {
            return new FileInfo($"/proc/{process}/ns/pid").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
