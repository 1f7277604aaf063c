using Medulla.Linux;

namespace Medulla.Heart.Daemon;

/// <summary>
/// Refuses reboot(2) and signals to PID 1 in the PID namespace named by MEDULLA_HEART_FORBID_PID_NS.
/// Tests set it to the host's namespace and run the heart in a new one (unshare --pid --fork), where
/// reboot(2) only ends the namespace: if a test ever started the heart without the new namespace, the
/// heart would refuse instead of restarting the machine.
/// </summary>
internal sealed class SafetyInterlock(HeartSettings settings, DaemonLog log)
{
    /// <summary>The exit status when the interlock stops the heart (EX_SOFTWARE).</summary>
    public const int RefusedExitCode = 70;

    /// <summary>Whether <paramref name="action"/> may go ahead; logs the refusal when not.</summary>
    public bool Allows(string action)
    {
        if (settings.ForbiddenPidNamespace is not { } forbidden)
        {
            return true;
        }
        string? current = PidNamespace.OfCurrentProcess();
        if (current is not null && current != forbidden)
        {
            return true;
        }
        log.Failure($"safety interlock: refusing {action} in PID namespace {current ?? "unknown"} ({HeartEnvironment.ForbiddenPidNamespace}={forbidden})");
        return false;
    }
}
