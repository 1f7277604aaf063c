using Microsoft.Extensions.Configuration;

namespace Medulla.Runtime;

/// <summary>
/// Settings of the data partition, bound from the <c>Medulla:DataPartition</c> section, e.g.
/// <c>{"Device": "/dev/vda", "FileSystemType": "ext4", "Target": "/data"}</c>. A value left out comes from
/// the active firmware slot's metadata (<c>nerves_fw_application_part0_*</c>) when Medulla.Firmware is registered.
/// </summary>
public sealed class DataPartitionOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:DataPartition";

    /// <summary>Whether the partition is mounted at start (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The block device; null takes the active slot's <c>nerves_fw_application_part0_devpath</c>.</summary>
    public string? Device { get; set; }

    /// <summary>ext4, f2fs or vfat; null takes the active slot's <c>nerves_fw_application_part0_fstype</c>.</summary>
    public string? FileSystemType { get; set; }

    /// <summary>The mount point; null takes the active slot's <c>nerves_fw_application_part0_target</c>.</summary>
    public string? Target { get; set; }

    /// <summary>
    /// Whether the host stops when the partition cannot be mounted read-write even after a format (default
    /// true: an app whose data has nowhere to go should not run as if it had). False logs the error and goes on.
    /// </summary>
    public bool Required { get; set; } = true;

    /// <summary>Binds the section into these options by the configuration binder's source generator.</summary>
    /// <exception cref="RuntimeConfigurationException">A value cannot be converted; the message names the key.</exception>
    internal void BindSection(IConfiguration? section) => SectionBinding.Bind(SectionPath, section, s => s.Bind(this));

    /// <summary>Checks the values that are given (the rest come from the firmware metadata at start).</summary>
    /// <exception cref="RuntimeConfigurationException">A value is not allowed; the message names the key.</exception>
    public void Validate()
    {
        if (FileSystemType is not null && !DataPartitionSpec.FileSystemTypes.Contains(FileSystemType, StringComparer.Ordinal))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:FileSystemType: '{FileSystemType}' is not allowed; expected one of {string.Join(", ", DataPartitionSpec.FileSystemTypes)}");
        }
        if (Device is not null && !Device.StartsWith('/'))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:Device: '{Device}' is not allowed; expected an absolute device path such as /dev/mmcblk0p4");
        }
        if (Target is not null && (!Target.StartsWith('/') || Path.TrimEndingDirectorySeparator(Target) is "" or "/"))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:Target: '{Target}' is not allowed; expected an absolute directory other than /");
        }
    }
}
