namespace DeviceApp;

/// <summary>
/// The demo device's own settings, bound from the <c>Device</c> configuration section the way an app's
/// options should be: the configuration binder's source generator fills it (trim- and AOT-safe) and
/// <c>ValidateOnStart</c> stops the host at start with the key named when a value is wrong.
/// </summary>
internal sealed class DeviceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Device";

    /// <summary>Where the file handlers write (shown in the demo's last line).</summary>
    public string LogDirectory { get; set; } = "data/logs";

    /// <summary>Report and archive the previous boot's pstore records at start (on the device only).</summary>
    public bool PstoreAtStart { get; set; }

    /// <summary>The pstore file system.</summary>
    public string PstoreRoot { get; set; } = "/sys/fs/pstore";

    /// <summary>Where the archiver keeps one folder per boot.</summary>
    public string PstoreArchive { get; set; } = "data/pstore";

    /// <summary>How many boots' folders the archive keeps (at least 1).</summary>
    public int PstoreKeepBoots { get; set; } = 10;

    /// <summary>Log the disks at start and each disk added or removed (needs <c>Medulla:Devices:Enabled</c>; on in the box).</summary>
    public bool LogDisks { get; set; }
}
