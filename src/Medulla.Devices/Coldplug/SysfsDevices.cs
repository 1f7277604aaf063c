namespace Medulla.Devices;

/// <summary>The result of reading every device under <c>/sys/devices</c>.</summary>
/// <param name="Devices">The devices found, ordered by devpath.</param>
/// <param name="Errors">uevent files that could not be read (a device removed while scanning, a read error), with the reason.</param>
public sealed record SysfsScan(IReadOnlyList<Device> Devices, IReadOnlyList<string> Errors);

/// <summary>
/// Coldplug: the devices that exist before anyone listened, read from sysfs. A device is a directory under
/// <c>/sys/devices</c> with a <c>uevent</c> file; its SUBSYSTEM is the name the <c>subsystem</c> symlink
/// points to and its other properties are the file's <c>KEY=VALUE</c> lines.
/// </summary>
public static class SysfsDevices
{
    /// <summary>The sysfs mount point.</summary>
    public const string DefaultRoot = "/sys";

    // Symlinks (subsystem, driver, device, port links) point back into the tree: following them would
    // visit devices twice or loop, so only real directories are entered.
    private static readonly EnumerationOptions RealDirectories = new()
    {
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Reads every device under <paramref name="sysRoot"/>/devices.</summary>
    /// <param name="sysRoot">The sysfs root (<c>/sys</c>; a copy of its layout in tests).</param>
    public static SysfsScan Scan(string sysRoot = DefaultRoot)
    {
        ArgumentNullException.ThrowIfNull(sysRoot);
        var devices = new List<Device>();
        var errors = new List<string>();
        string devicesDir = Path.Combine(sysRoot, "devices");
        var pending = new Stack<string>();
        pending.Push(devicesDir);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            string uevent = Path.Combine(dir, "uevent");
            if (File.Exists(uevent))
            {
                Device? device = Read(sysRoot, dir, errors);
                if (device is not null)
                {
                    devices.Add(device);
                }
            }
            try
            {
                foreach (string child in Directory.EnumerateDirectories(dir, "*", RealDirectories))
                {
                    pending.Push(child);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The directory went away with its device while scanning: the rescan after the event sees the truth.
                errors.Add($"{dir}: {ex.Message}");
            }
        }
        devices.Sort((a, b) => string.CompareOrdinal(a.DevPath, b.DevPath));
        return new SysfsScan(devices, errors);
    }

    /// <summary>
    /// Writes <c>add</c> to every device's <c>uevent</c> file, so the kernel sends an <c>add</c> uevent
    /// for each (as <c>udevadm trigger</c> does); returns how many writes succeeded. Needs root.
    /// </summary>
    public static int TriggerAdd(string sysRoot = DefaultRoot)
    {
        int written = 0;
        foreach (Device device in Scan(sysRoot).Devices)
        {
            try
            {
                File.WriteAllText(UeventPath(sysRoot, device.DevPath), "add");
                written++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Some devices refuse synthetic events; the others still get theirs.
            }
        }
        return written;
    }

    /// <summary>The <c>uevent</c> file of the device at <paramref name="devPath"/>.</summary>
    public static string UeventPath(string sysRoot, string devPath) => Path.Join(sysRoot, devPath, "uevent");

    private static Device? Read(string sysRoot, string dir, List<string> errors)
    {
        string devPath = "/" + Path.GetRelativePath(sysRoot, dir).Replace('\\', '/');
        try
        {
            string text = File.ReadAllText(Path.Combine(dir, "uevent"));
            string? subsystem = null;
            var link = new FileInfo(Path.Combine(dir, "subsystem"));
            if (link.LinkTarget is { } target)
            {
                subsystem = Path.GetFileName(target.TrimEnd('/'));
            }
            return new Device(devPath, subsystem, UeventParser.ParseUeventFile(text));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{dir}/uevent: {ex.Message}");
            return null;
        }
    }
}
