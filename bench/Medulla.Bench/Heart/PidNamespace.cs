namespace Medulla.Bench.Heart;

/// <summary>
/// PID namespaces as readlink(/proc/PID/ns/pid) names them ("pid:[4026531836]"). medulla-heart calls
/// reboot(2) when its app stops beating: in a namespace of its own that only ends the namespace, in the
/// bench's it would restart the machine. The bench checks which one it got before measuring anything.
/// </summary>
internal static class PidNamespace
{
    internal static string OfThisProcess() => Of("self") ?? throw new InvalidOperationException("cannot read /proc/self/ns/pid");

    /// <summary>The namespace of a process by host PID; null when it is gone.</summary>
    internal static string? Of(int pid) => Of(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string? Of(string pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget;
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
