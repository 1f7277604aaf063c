namespace Medulla.Heart;

/// <summary>The keys of the status report, in the order the report lists them (nerves_heart's).</summary>
public static class HeartStatusKeys
{
    /// <summary>The heart program's name.</summary>
    public const string ProgramName = "program_name";
    /// <summary>The heart program's version.</summary>
    public const string ProgramVersion = "program_version";
    /// <summary>The heartbeat timeout in seconds.</summary>
    public const string HeartbeatTimeout = "heartbeat_timeout";
    /// <summary>Seconds until the heartbeat timeout fires without another beat.</summary>
    public const string HeartbeatTimeLeft = "heartbeat_time_left";
    /// <summary>Seconds left of the initial grace period.</summary>
    public const string InitGraceTimeLeft = "init_grace_time_left";
    /// <summary>Seconds left of a snooze.</summary>
    public const string SnoozeTimeLeft = "snooze_time_left";
    /// <summary>Seconds until the next scheduled pet.</summary>
    public const string WatchdogPetTimeLeft = "wdt_pet_time_left";
    /// <summary>1 when the init handshake happened (or none is required), else 0.</summary>
    public const string InitHandshakeHappened = "init_handshake_happened";
    /// <summary>The init handshake timeout in seconds (0: none).</summary>
    public const string InitHandshakeTimeout = "init_handshake_timeout";
    /// <summary>Seconds left for the init handshake.</summary>
    public const string InitHandshakeTimeLeft = "init_handshake_time_left";
    /// <summary>The watchdog's identity, "none" without one.</summary>
    public const string WatchdogIdentity = "wdt_identity";
    /// <summary>The watchdog's firmware version.</summary>
    public const string WatchdogFirmwareVersion = "wdt_firmware_version";
    /// <summary>The watchdog's options, each followed by a comma ("settimeout,magicclose,").</summary>
    public const string WatchdogOptions = "wdt_options";
    /// <summary>Seconds before the watchdog fires, as the driver tells (0 when it cannot).</summary>
    public const string WatchdogTimeLeft = "wdt_time_left";
    /// <summary>The watchdog's pre-timeout in seconds.</summary>
    public const string WatchdogPreTimeout = "wdt_pre_timeout";
    /// <summary>The watchdog timeout in seconds the pet schedule follows (0 without a watchdog).</summary>
    public const string WatchdogTimeout = "wdt_timeout";
    /// <summary>Why the last boot happened: power_on, watchdog, or the cause the driver names.</summary>
    public const string WatchdogLastBoot = "wdt_last_boot";

    /// <summary>Every key, in report order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ProgramName, ProgramVersion, HeartbeatTimeout, HeartbeatTimeLeft, InitGraceTimeLeft, SnoozeTimeLeft,
        WatchdogPetTimeLeft, InitHandshakeHappened, InitHandshakeTimeout, InitHandshakeTimeLeft, WatchdogIdentity,
        WatchdogFirmwareVersion, WatchdogOptions, WatchdogTimeLeft, WatchdogPreTimeout, WatchdogTimeout, WatchdogLastBoot,
    ];
}
