namespace Medulla.Heart.Tests.Support;

/// <summary>
/// The safety rule of every test that can reach reboot(2) or a signal to PID 1: the heart runs only in a
/// new PID namespace (unshare --pid --fork), and it is told the host's namespace
/// (MEDULLA_HEART_FORBID_PID_NS), in which its interlock refuses both.
/// </summary>
internal static class PidNamespaceGuard
{
    /// <summary>The namespace of the host's PID 1 (see <see cref="PidNamespaces.HostNamespace"/>).</summary>
    public static string HostNamespace => PidNamespaces.HostNamespace;

    /// <summary>The start of every command line that runs a heart: a new PID namespace whose death kills everything in it.</summary>
    public static string[] Unshare => PidNamespaces.Unshare;

    /// <summary>Environment for every heart started by a test: the interlock, stderr logging, nothing at system paths.</summary>
    public static Dictionary<string, string> SafeEnvironment(TempDirectory dir) => new()
    {
        [HeartEnvironment.ForbiddenPidNamespace] = HostNamespace,
        [HeartEnvironment.Log] = "stderr",
        [HeartEnvironment.Verbose] = "2",
        [HeartEnvironment.ControlSocket] = dir.Combine("heart.sock"),
        [HeartEnvironment.PmsgPath] = dir.Combine("pmsg0"),
        [HeartEnvironment.WatchdogPath] = dir.Combine("no-watchdog"),
    };

    /// <summary>Fails unless the test process itself is in the namespace it names as the host's.</summary>
    public static void AssertTestRunsInHostNamespace() => PidNamespaces.AssertTestRunsInHostNamespace();
}
