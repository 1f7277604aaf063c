namespace Medulla.Runtime;

/// <summary>Where a serial number can come from, in the names <see cref="SerialOptions.Sources"/> uses.</summary>
internal static class SerialNumberSource
{
    /// <summary>The KV store's <c>nerves_serial_number</c> (the U-Boot environment).</summary>
    public const string Kv = "kv";

    /// <summary>/proc/device-tree/serial-number (the board's, from the boot loader or the device tree).</summary>
    public const string DeviceTree = "device-tree";

    /// <summary>/sys/class/dmi/id/product_serial (PCs and VMs with SMBIOS).</summary>
    public const string Dmi = "dmi";

    /// <summary>/etc/machine-id (made at first boot; unique but not printed on the box).</summary>
    public const string MachineId = "machine-id";

    /// <summary>Every name, in the default order.</summary>
    public static readonly string[] All = [Kv, DeviceTree, Dmi, MachineId];

    /// <summary>The file a file source reads, under <paramref name="root"/>; null for the KV store.</summary>
    public static string? FilePath(string source, string root) => source switch
    {
        DeviceTree => Path.Combine(root, "proc/device-tree/serial-number"),
        Dmi => Path.Combine(root, "sys/class/dmi/id/product_serial"),
        MachineId => Path.Combine(root, "etc/machine-id"),
        _ => null,
    };
}
