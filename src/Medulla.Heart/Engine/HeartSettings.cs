namespace Medulla.Heart;

/// <summary>
/// How medulla-heart runs: read from its command line and environment by <see cref="HeartSettingsReader"/>.
/// </summary>
public sealed record HeartSettings
{
    /// <summary>The default heartbeat timeout, in seconds (Erlang's).</summary>
    public const int DefaultHeartbeatTimeoutSeconds = 60;

    /// <summary>The shortest heartbeat timeout accepted, in seconds (Erlang's heart takes values above 10).</summary>
    public const int MinHeartbeatTimeoutSeconds = 11;

    /// <summary>The longest heartbeat timeout accepted, in seconds.</summary>
    public const int MaxHeartbeatTimeoutSeconds = 65535;

    /// <summary>The longest initial grace time, in seconds: the heart cannot be put off indefinitely.</summary>
    public const int MaxInitGraceTimeSeconds = 600;

    /// <summary>The shortest watchdog timeout HEART_KERNEL_TIMEOUT may set, in seconds.</summary>
    public const int MinKernelTimeoutSeconds = 2;

    /// <summary>The longest watchdog timeout HEART_KERNEL_TIMEOUT may set, in seconds.</summary>
    public const int MaxKernelTimeoutSeconds = 120;

    /// <summary>The default watchdog device.</summary>
    public const string DefaultWatchdogPath = "/dev/watchdog0";

    /// <summary>The default control socket.</summary>
    public const string DefaultControlSocketPath = "/run/medulla-heart.sock";

    /// <summary>The default pmsg device for the reboot breadcrumb.</summary>
    public const string DefaultPmsgPath = "/dev/pmsg0";

    /// <summary>The app's process id (<c>-pid</c>), killed before a reboot; null when not given.</summary>
    public int? AppProcessId { get; init; }

    /// <summary>The longest time between two beats (<c>-ht</c>, HEART_BEAT_TIMEOUT).</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(DefaultHeartbeatTimeoutSeconds);

    /// <summary>The hardware watchdog device (HEART_WATCHDOG_PATH).</summary>
    public string WatchdogPath { get; init; } = DefaultWatchdogPath;

    /// <summary>A watchdog timeout to set when the device is opened (HEART_KERNEL_TIMEOUT); null: leave it.</summary>
    public int? KernelTimeoutSeconds { get; init; }

    /// <summary>Time allowed for the "init_handshake" command (HEART_INIT_TIMEOUT); zero: not required.</summary>
    public TimeSpan InitHandshakeTimeout { get; init; }

    /// <summary>Time after start during which missing beats do not count (HEART_INIT_GRACE_TIME).</summary>
    public TimeSpan InitGraceTime { get; init; }

    /// <summary>On SHUT_DOWN leave the watchdog armed instead of disarming it (MEDULLA_HEART_KEEP_WATCHDOG).</summary>
    public bool KeepWatchdogOnShutdown { get; init; }

    /// <summary>Do not kill the app before rebooting (HEART_NO_KILL).</summary>
    public bool NoKill { get; init; }

    /// <summary>The signal that kills the app (HEART_KILL_SIGNAL; default SIGKILL).</summary>
    public int KillSignal { get; init; } = Medulla.Linux.Signals.Kill;

    /// <summary>HEART_VERBOSE: 0 nothing, 1 important lines, 2 everything; null for the default (1).</summary>
    public int? Verbosity { get; init; }

    /// <summary>How long to wait for a crash dump after PREPARING_CRASH (ERL_CRASH_DUMP_SECONDS); null: not at all.</summary>
    public TimeSpan? CrashDumpWait { get; init; }

    /// <summary>The control socket path (MEDULLA_HEART_SOCKET); null: no control socket.</summary>
    public string? ControlSocketPath { get; init; } = DefaultControlSocketPath;

    /// <summary>Where log lines go (MEDULLA_HEART_LOG).</summary>
    public HeartLogTarget LogTarget { get; init; } = HeartLogTarget.Auto;

    /// <summary>The pmsg device for the breadcrumb (MEDULLA_HEART_PMSG_PATH).</summary>
    public string PmsgPath { get; init; } = DefaultPmsgPath;

    /// <summary>The PID namespace where reboot(2) and signals to PID 1 are refused (MEDULLA_HEART_FORBID_PID_NS).</summary>
    public string? ForbiddenPidNamespace { get; init; }
}
