using Medulla.Linux;

namespace Medulla.Heart;

/// <summary>What a watchdog device reports through its ioctls; null where the driver does not say.</summary>
public sealed record WatchdogReadings
{
    /// <summary>Nothing known (no device open).</summary>
    public static readonly WatchdogReadings None = new();

    /// <summary>The driver's name for the watchdog (WDIOC_GETSUPPORT).</summary>
    public string? Identity { get; init; }

    /// <summary>The firmware revision (WDIOC_GETSUPPORT).</summary>
    public uint FirmwareVersion { get; init; }

    /// <summary>The supported options (WDIOC_GETSUPPORT).</summary>
    public WatchdogOptions Options { get; init; }

    /// <summary>Seconds before the watchdog fires (WDIOC_GETTIMELEFT).</summary>
    public int? TimeLeftSeconds { get; init; }

    /// <summary>The pre-timeout in seconds (WDIOC_GETPRETIMEOUT).</summary>
    public int? PreTimeoutSeconds { get; init; }

    /// <summary>Why the last boot happened (WDIOC_GETBOOTSTATUS).</summary>
    public WatchdogOptions? BootStatus { get; init; }
}
