using System.Globalization;

namespace Medulla.Heart;

/// <summary>
/// The heart's status report, parsed: what GET_CMD returns (through <see cref="HeartClient.GetStatusAsync"/>)
/// and what <c>medulla heart status</c> prints. A key the report lacks (an older heart) leaves its
/// property at the default; every line, known or not, is also in <see cref="Values"/>.
/// </summary>
public sealed record HeartStatus
{
    /// <summary>The heart program ("medulla-heart", or "nerves_heart" for Nerves' heart).</summary>
    public string ProgramName { get; init; } = "";

    /// <summary>The heart program's version.</summary>
    public string ProgramVersion { get; init; } = "";

    /// <summary>The heartbeat timeout.</summary>
    public TimeSpan HeartbeatTimeout { get; init; }

    /// <summary>Time until the heart reboots without another beat.</summary>
    public TimeSpan HeartbeatTimeLeft { get; init; }

    /// <summary>Time left of the initial grace period.</summary>
    public TimeSpan InitGraceTimeLeft { get; init; }

    /// <summary>Time left of a snooze.</summary>
    public TimeSpan SnoozeTimeLeft { get; init; }

    /// <summary>Time until the next scheduled pet of the watchdog.</summary>
    public TimeSpan WatchdogPetTimeLeft { get; init; }

    /// <summary>Whether the init handshake happened (true when none is required).</summary>
    public bool InitHandshakeHappened { get; init; }

    /// <summary>The init handshake timeout (zero: none required).</summary>
    public TimeSpan InitHandshakeTimeout { get; init; }

    /// <summary>Time left for the init handshake.</summary>
    public TimeSpan InitHandshakeTimeLeft { get; init; }

    /// <summary>The watchdog's identity ("none" without a watchdog).</summary>
    public string WatchdogIdentity { get; init; } = "";

    /// <summary>The watchdog's firmware version.</summary>
    public uint WatchdogFirmwareVersion { get; init; }

    /// <summary>The watchdog's options by name ("settimeout", "magicclose", "keepaliveping", ...).</summary>
    public IReadOnlyList<string> WatchdogOptions { get; init; } = [];

    /// <summary>Time before the watchdog fires, as its driver tells (zero when it cannot).</summary>
    public TimeSpan WatchdogTimeLeft { get; init; }

    /// <summary>The watchdog's pre-timeout.</summary>
    public TimeSpan WatchdogPreTimeout { get; init; }

    /// <summary>The watchdog timeout (zero without a watchdog).</summary>
    public TimeSpan WatchdogTimeout { get; init; }

    /// <summary>Why the last boot happened: "power_on", "watchdog", or a cause the driver names.</summary>
    public string WatchdogLastBoot { get; init; } = "";

    /// <summary>Every <c>key=value</c> line of the report, in order.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the last boot was caused by the watchdog.</summary>
    public bool LastBootWasWatchdog => WatchdogLastBoot == "watchdog";

    /// <summary>Parses a report; lines without '=' are ignored.</summary>
    /// <exception cref="FormatException">A known numeric key has a value that is not a number; the message names it.</exception>
    public static HeartStatus Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].TrimEnd('\r');
            }
        }
        return new HeartStatus
        {
            ProgramName = Text(values, HeartStatusKeys.ProgramName),
            ProgramVersion = Text(values, HeartStatusKeys.ProgramVersion),
            HeartbeatTimeout = Seconds(values, HeartStatusKeys.HeartbeatTimeout),
            HeartbeatTimeLeft = Seconds(values, HeartStatusKeys.HeartbeatTimeLeft),
            InitGraceTimeLeft = Seconds(values, HeartStatusKeys.InitGraceTimeLeft),
            SnoozeTimeLeft = Seconds(values, HeartStatusKeys.SnoozeTimeLeft),
            WatchdogPetTimeLeft = Seconds(values, HeartStatusKeys.WatchdogPetTimeLeft),
            InitHandshakeHappened = Number(values, HeartStatusKeys.InitHandshakeHappened) != 0,
            InitHandshakeTimeout = Seconds(values, HeartStatusKeys.InitHandshakeTimeout),
            InitHandshakeTimeLeft = Seconds(values, HeartStatusKeys.InitHandshakeTimeLeft),
            WatchdogIdentity = Text(values, HeartStatusKeys.WatchdogIdentity),
            WatchdogFirmwareVersion = (uint)Math.Clamp(Number(values, HeartStatusKeys.WatchdogFirmwareVersion), 0, uint.MaxValue),
            WatchdogOptions = Text(values, HeartStatusKeys.WatchdogOptions)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            WatchdogTimeLeft = Seconds(values, HeartStatusKeys.WatchdogTimeLeft),
            WatchdogPreTimeout = Seconds(values, HeartStatusKeys.WatchdogPreTimeout),
            WatchdogTimeout = Seconds(values, HeartStatusKeys.WatchdogTimeout),
            WatchdogLastBoot = Text(values, HeartStatusKeys.WatchdogLastBoot),
            Values = values,
        };
    }

    private static string Text(Dictionary<string, string> values, string key) => values.GetValueOrDefault(key, "");

    private static TimeSpan Seconds(Dictionary<string, string> values, string key) => TimeSpan.FromSeconds(Number(values, key));

    private static long Number(Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out string? text))
        {
            return 0;
        }
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new FormatException($"heart status: {key}={text} is not a number");
        }
        return value;
    }
}
