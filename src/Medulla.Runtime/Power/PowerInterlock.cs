using Medulla.Linux;

namespace Medulla.Runtime;

/// <summary>
/// Refuses signals to PID 1, systemctl and reboot(2) in the PID namespace named by
/// MEDULLA_POWER_FORBID_PID_NS. Tests set it to the host's namespace and run the code in a new one
/// (unshare --pid --fork), where PID 1 is the test's own init and reboot(2) only ends the namespace: a
/// test that ever ran this code without the new namespace would fail instead of rebooting the machine.
/// </summary>
internal static class PowerInterlock
{
    /// <summary>The environment variable that names the forbidden PID namespace ("pid:[4026531836]").</summary>
    public const string ForbiddenPidNamespace = "MEDULLA_POWER_FORBID_PID_NS";

    /// <summary>Throws when <paramref name="action"/> would run in the forbidden namespace.</summary>
    /// <exception cref="PowerRefusedException">The interlock refuses.</exception>
    public static void Check(string action)
    {
        if (Environment.GetEnvironmentVariable(ForbiddenPidNamespace) is not { Length: > 0 } forbidden)
        {
            return;
        }
        string? current = PidNamespace.OfCurrentProcess();
        if (current is null || current == forbidden)
        {
            throw new PowerRefusedException($"safety interlock: refusing {action} in PID namespace {current ?? "unknown"} ({ForbiddenPidNamespace}={forbidden})");
        }
    }
}

/// <summary>A power request was refused before anything was signalled (the test interlock, MEDULLA_POWER_FORBID_PID_NS).</summary>
public sealed class PowerRefusedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public PowerRefusedException(string message) : base(message)
    {
    }
}
