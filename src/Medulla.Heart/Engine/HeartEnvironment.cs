namespace Medulla.Heart;

/// <summary>
/// The environment variables medulla-heart reads. The HEART_* ones are those of Erlang/OTP's heart and
/// nerves_heart, with the same meaning; the MEDULLA_HEART_* ones are Medulla's own.
/// </summary>
public static class HeartEnvironment
{
    /// <summary>Seconds without a beat before the heart reboots (11 to 65535, default 60); <c>-ht</c> wins.</summary>
    public const string BeatTimeout = "HEART_BEAT_TIMEOUT";

    /// <summary>The hardware watchdog device (default /dev/watchdog0).</summary>
    public const string WatchdogPath = "HEART_WATCHDOG_PATH";

    /// <summary>A watchdog timeout in seconds (2 to 120) to set with WDIOC_SETTIMEOUT when the device is opened.</summary>
    public const string KernelTimeout = "HEART_KERNEL_TIMEOUT";

    /// <summary>Seconds within which the app must send "init_handshake" (unset or 0: no handshake needed).</summary>
    public const string InitTimeout = "HEART_INIT_TIMEOUT";

    /// <summary>Seconds (0 to 600) after start during which missing beats do not count.</summary>
    public const string InitGraceTime = "HEART_INIT_GRACE_TIME";

    /// <summary>
    /// "TRUE" (or "1"): on SHUT_DOWN, pet the watchdog once and leave it armed instead of disarming it
    /// (so a hang in the shutdown that follows still resets the device). Medulla's own.
    /// </summary>
    public const string KeepWatchdogOnShutdown = "MEDULLA_HEART_KEEP_WATCHDOG";

    /// <summary>"TRUE" (or "1"): do not kill the app before rebooting.</summary>
    public const string NoKill = "HEART_NO_KILL";

    /// <summary>The signal that kills the app before a reboot (default SIGKILL; e.g. SIGABRT for a core dump).</summary>
    public const string KillSignal = "HEART_KILL_SIGNAL";

    /// <summary>0: no log lines; 1: the important ones (default); 2: everything.</summary>
    public const string Verbose = "HEART_VERBOSE";

    /// <summary>Seconds to wait for the app to finish a crash dump after PREPARING_CRASH (Erlang VM).</summary>
    public const string CrashDumpSeconds = "ERL_CRASH_DUMP_SECONDS";

    /// <summary>The control socket that answers status requests (default /run/medulla-heart.sock; empty: none).</summary>
    public const string ControlSocket = "MEDULLA_HEART_SOCKET";

    /// <summary>Where log lines go: "kmsg", "stderr", or unset for /dev/kmsg when writable, else stderr.</summary>
    public const string Log = "MEDULLA_HEART_LOG";

    /// <summary>The pmsg device for the one-line breadcrumb before a reboot (default /dev/pmsg0; never created).</summary>
    public const string PmsgPath = "MEDULLA_HEART_PMSG_PATH";

    /// <summary>
    /// Tests' safety interlock: a PID namespace ("pid:[4026531836]") in which the heart must never call
    /// reboot(2) nor signal PID 1. Tests set it to the host's namespace and run the heart in a new one.
    /// </summary>
    public const string ForbiddenPidNamespace = "MEDULLA_HEART_FORBID_PID_NS";
}
