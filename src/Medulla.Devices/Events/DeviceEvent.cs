namespace Medulla.Devices;

/// <summary>
/// One uevent: an action on the device at <see cref="DevPath"/>, with every KEY=VALUE pair the kernel sent
/// (ACTION, DEVPATH, SUBSYSTEM, SEQNUM, DEVNAME, MAJOR, MINOR, MODALIAS, ...) in <see cref="Properties"/>,
/// named exactly as the kernel names them.
/// </summary>
public sealed class DeviceEvent
{
    /// <summary>Creates an event; <paramref name="properties"/> is kept as given.</summary>
    public DeviceEvent(DeviceAction action, string devPath, IReadOnlyDictionary<string, string> properties, DeviceEventSource source = DeviceEventSource.Kernel)
    {
        ArgumentNullException.ThrowIfNull(devPath);
        ArgumentNullException.ThrowIfNull(properties);
        Action = action;
        DevPath = devPath;
        Properties = properties;
        Source = source;
        SequenceNumber = properties.TryGetValue("SEQNUM", out string? seq) && ulong.TryParse(seq, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong n) ? n : null;
    }

    /// <summary>The action.</summary>
    public DeviceAction Action { get; }

    /// <summary>The device's path under /sys, e.g. <c>/devices/virtual/mem/null</c>.</summary>
    public string DevPath { get; }

    /// <summary>Every KEY=VALUE pair of the event, in the kernel's names.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>Where the event came from.</summary>
    public DeviceEventSource Source { get; }

    /// <summary>SEQNUM: the kernel's sequence number of the event; null for a rescan event.</summary>
    public ulong? SequenceNumber { get; }

    /// <summary>SUBSYSTEM (<c>block</c>, <c>mem</c>, <c>usb</c>, ...), or null.</summary>
    public string? Subsystem => Get("SUBSYSTEM");

    /// <summary>DEVNAME: the device node's name under /dev (<c>null</c>, <c>loop0</c>, <c>bus/usb/001/002</c>), or null.</summary>
    public string? DevName => Get("DEVNAME");

    /// <summary>DEVPATH_OLD: the old path of a <see cref="DeviceAction.Move"/>, or null.</summary>
    public string? DevPathOld => Get("DEVPATH_OLD");

    /// <summary>The value of a property, or null.</summary>
    public string? Get(string key) => Properties.TryGetValue(key, out string? value) ? value : null;

    /// <inheritdoc/>
    public override string ToString() => $"{Action.ToKernelName()}@{DevPath}";
}
