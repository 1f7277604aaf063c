namespace Medulla.Devices;

/// <summary>What <see cref="UeventParser.Parse"/> made of a datagram.</summary>
public enum UeventParseOutcome
{
    /// <summary>A kernel uevent: <see cref="UeventParseResult.Event"/> holds it.</summary>
    Parsed,

    /// <summary>udevd's re-broadcast (it starts with <c>libudev\0</c>): recognised and skipped, not an error.</summary>
    Udev,

    /// <summary>Not a valid uevent: <see cref="UeventParseResult.Reason"/> says why.</summary>
    Malformed,
}

/// <summary>The result of parsing one datagram; never an exception.</summary>
public readonly struct UeventParseResult
{
    private UeventParseResult(UeventParseOutcome outcome, DeviceEvent? uevent, string? reason)
    {
        Outcome = outcome;
        Event = uevent;
        Reason = reason;
    }

    /// <summary>What the datagram was.</summary>
    public UeventParseOutcome Outcome { get; }

    /// <summary>The event when <see cref="Outcome"/> is <see cref="UeventParseOutcome.Parsed"/>.</summary>
    public DeviceEvent? Event { get; }

    /// <summary>Why the datagram was rejected, when <see cref="Outcome"/> is <see cref="UeventParseOutcome.Malformed"/>.</summary>
    public string? Reason { get; }

    internal static UeventParseResult Parsed(DeviceEvent uevent) => new(UeventParseOutcome.Parsed, uevent, null);

    internal static UeventParseResult Udev() => new(UeventParseOutcome.Udev, null, null);

    internal static UeventParseResult Malformed(string reason) => new(UeventParseOutcome.Malformed, null, reason);
}
