using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DeviceApp;

/// <summary>The demo device's own settings, from the <c>Device</c> configuration section.</summary>
internal sealed record DeviceOptions
{
    /// <summary>Where the file handlers write (shown in the demo's last line).</summary>
    public string LogDirectory { get; init; } = "data/logs";

    /// <summary>Report and archive the previous boot's pstore records at start (on the device only).</summary>
    public bool PstoreAtStart { get; init; }

    /// <summary>The pstore file system.</summary>
    public string PstoreRoot { get; init; } = "/sys/fs/pstore";

    /// <summary>Where the archiver keeps one folder per boot.</summary>
    public string PstoreArchive { get; init; } = "data/pstore";

    /// <summary>How many boots' folders the archive keeps.</summary>
    public int PstoreKeepBoots { get; init; } = 10;

    public static DeviceOptions From(IConfiguration configuration)
    {
        IConfigurationSection s = configuration.GetSection("Device");
        var defaults = new DeviceOptions();
        return new DeviceOptions
        {
            LogDirectory = s["LogDirectory"] ?? defaults.LogDirectory,
            PstoreAtStart = s["PstoreAtStart"] is { } v ? bool.Parse(v) : defaults.PstoreAtStart,
            PstoreRoot = s["PstoreRoot"] ?? defaults.PstoreRoot,
            PstoreArchive = s["PstoreArchive"] ?? defaults.PstoreArchive,
            PstoreKeepBoots = s["PstoreKeepBoots"] is { } k ? int.Parse(k, CultureInfo.InvariantCulture) : defaults.PstoreKeepBoots,
        };
    }
}
