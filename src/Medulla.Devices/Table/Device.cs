namespace Medulla.Devices;

/// <summary>
/// A device as the table knows it: its path under /sys, its subsystem and the KEY=VALUE properties of its
/// <c>uevent</c> file (or of its last uevent). Immutable: a change makes a new instance.
/// </summary>
public sealed class Device
{
    // The keys that describe an event rather than the device; they are not kept as device properties.
    private static readonly string[] EventOnlyKeys = ["ACTION", "SEQNUM", "DEVPATH", "DEVPATH_OLD", "SUBSYSTEM"];

    /// <summary>Creates a device; <paramref name="properties"/> is copied without ACTION, SEQNUM, DEVPATH, DEVPATH_OLD and SUBSYSTEM.</summary>
    public Device(string devPath, string? subsystem, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(devPath);
        ArgumentNullException.ThrowIfNull(properties);
        DevPath = devPath;
        Subsystem = subsystem;
        var copy = new Dictionary<string, string>(properties.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in properties)
        {
            if (Array.IndexOf(EventOnlyKeys, pair.Key) < 0)
            {
                copy[pair.Key] = pair.Value;
            }
        }
        Properties = copy;
    }

    /// <summary>The device's path under /sys, e.g. <c>/devices/virtual/block/loop0</c>.</summary>
    public string DevPath { get; }

    /// <summary>The subsystem (<c>block</c>, <c>mem</c>, <c>usb</c>), or null for a device that has none.</summary>
    public string? Subsystem { get; }

    /// <summary>The properties (DEVNAME, MAJOR, MINOR, DEVTYPE, DRIVER, MODALIAS, ...).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>DEVNAME: the node's name under /dev, or null.</summary>
    public string? DevName => Get("DEVNAME");

    /// <summary>DRIVER: the bound driver, or null.</summary>
    public string? Driver => Get("DRIVER");

    /// <summary>The value of a property, or null.</summary>
    public string? Get(string key) => Properties.TryGetValue(key, out string? value) ? value : null;

    /// <summary>Whether subsystem and properties equal <paramref name="other"/>'s.</summary>
    internal bool SameAs(Device other)
    {
        if (Subsystem != other.Subsystem || Properties.Count != other.Properties.Count)
        {
            return false;
        }
        foreach (KeyValuePair<string, string> pair in Properties)
        {
            if (!other.Properties.TryGetValue(pair.Key, out string? value) || value != pair.Value)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The properties as a uevent carries them: SUBSYSTEM, DEVPATH and the rest, plus ACTION.</summary>
    internal Dictionary<string, string> ToEventProperties(DeviceAction action)
    {
        var properties = new Dictionary<string, string>(Properties, StringComparer.Ordinal)
        {
            ["ACTION"] = action.ToKernelName(),
            ["DEVPATH"] = DevPath,
        };
        if (Subsystem is not null)
        {
            properties["SUBSYSTEM"] = Subsystem;
        }
        return properties;
    }

    /// <inheritdoc/>
    public override string ToString() => DevPath;
}
