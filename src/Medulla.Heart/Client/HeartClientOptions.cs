using System.Globalization;

namespace Medulla.Heart;

/// <summary>How <see cref="HeartClient.StartAsync(HeartClientOptions, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/> starts medulla-heart.</summary>
public class HeartClientOptions
{
    /// <summary>The default daemon: found beside the app's executable, else on PATH.</summary>
    public const string DefaultDaemonPath = "medulla-heart";

    /// <summary>The daemon to run (default "medulla-heart").</summary>
    public string DaemonPath { get; set; } = DefaultDaemonPath;

    /// <summary>
    /// The longest time without a beat before the heart kills the app and reboots (whole seconds,
    /// 11 to 65535; default 60). Passed as <c>-ht</c> and HEART_BEAT_TIMEOUT.
    /// </summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(HeartSettings.DefaultHeartbeatTimeoutSeconds);

    /// <summary>The watchdog device (HEART_WATCHDOG_PATH); null for the daemon's default, /dev/watchdog0.</summary>
    public string? WatchdogPath { get; set; }

    /// <summary>A watchdog timeout to set (HEART_KERNEL_TIMEOUT, 2 to 120 s); null to keep the driver's.</summary>
    public TimeSpan? KernelTimeout { get; set; }

    /// <summary>Time allowed for <see cref="HeartClient.InitHandshakeAsync"/> (HEART_INIT_TIMEOUT); null: not required.</summary>
    public TimeSpan? InitTimeout { get; set; }

    /// <summary>Time after start during which missing beats do not count (HEART_INIT_GRACE_TIME, up to 600 s).</summary>
    public TimeSpan? InitGraceTime { get; set; }

    /// <summary>
    /// Whether a graceful stop (SHUT_DOWN) leaves the hardware watchdog armed (MEDULLA_HEART_KEEP_WATCHDOG;
    /// default false: the heart disarms it with the magic close). Turn it on when a graceful stop is
    /// always followed by a reboot or power-off, so that a hang in that shutdown still resets the device.
    /// </summary>
    public bool KeepWatchdogOnShutdown { get; set; }

    /// <summary>More environment variables for the daemon (e.g. HEART_KILL_SIGNAL=SIGABRT).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long to wait for the daemon's first ACK (default 10 s).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the reply to a command or status request (default 5 s).</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the values; the message of the exception names the property and what is allowed.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public virtual void Validate()
    {
        if (string.IsNullOrWhiteSpace(DaemonPath))
        {
            throw new ArgumentException($"{nameof(DaemonPath)} must name the medulla-heart executable");
        }
        WholeSeconds(HeartbeatTimeout, nameof(HeartbeatTimeout), HeartSettings.MinHeartbeatTimeoutSeconds, HeartSettings.MaxHeartbeatTimeoutSeconds);
        if (KernelTimeout is { } kernel)
        {
            WholeSeconds(kernel, nameof(KernelTimeout), HeartSettings.MinKernelTimeoutSeconds, HeartSettings.MaxKernelTimeoutSeconds);
        }
        if (InitTimeout is { } init)
        {
            WholeSeconds(init, nameof(InitTimeout), 0, int.MaxValue / 1000);
        }
        if (InitGraceTime is { } grace)
        {
            WholeSeconds(grace, nameof(InitGraceTime), 0, HeartSettings.MaxInitGraceTimeSeconds);
        }
        if (StartTimeout <= TimeSpan.Zero || ReplyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(StartTimeout)} and {nameof(ReplyTimeout)} must be positive");
        }
    }

    /// <summary>The daemon's arguments and environment for the app with process id <paramref name="appPid"/>.</summary>
    internal (IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment) DaemonCommandLine(int appPid)
    {
        string seconds = Seconds(HeartbeatTimeout);
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal)
        {
            [HeartEnvironment.BeatTimeout] = seconds,
        };
        if (WatchdogPath is not null)
        {
            environment[HeartEnvironment.WatchdogPath] = WatchdogPath;
        }
        if (KernelTimeout is { } kernel)
        {
            environment[HeartEnvironment.KernelTimeout] = Seconds(kernel);
        }
        if (KeepWatchdogOnShutdown)
        {
            environment[HeartEnvironment.KeepWatchdogOnShutdown] = "1";
        }
        if (InitTimeout is { } init)
        {
            environment[HeartEnvironment.InitTimeout] = Seconds(init);
        }
        if (InitGraceTime is { } grace)
        {
            environment[HeartEnvironment.InitGraceTime] = Seconds(grace);
        }
        return (["-pid", appPid.ToString(CultureInfo.InvariantCulture), "-ht", seconds], environment);
    }

    private static string Seconds(TimeSpan time) => ((long)time.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static void WholeSeconds(TimeSpan value, string name, int min, int max)
    {
        if (value.Ticks % TimeSpan.TicksPerSecond != 0 || value.TotalSeconds < min || value.TotalSeconds > max)
        {
            throw new ArgumentException($"{name} is {value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; expected whole seconds from {min} to {max}");
        }
    }
}
