using Medulla.Firmware;

namespace Medulla.Runtime;

/// <summary>
/// Which partition holds the application's data, how it is formatted and where it is mounted: Nerves'
/// application partition (<c>nerves_fw_application_part0_devpath|fstype|target</c> in the active slot's
/// metadata), each value replaceable by configuration.
/// </summary>
/// <param name="Device">The block device, e.g. <c>/dev/mmcblk0p4</c>.</param>
/// <param name="FileSystemType">ext4, f2fs or vfat.</param>
/// <param name="Target">The mount point, e.g. <c>/root</c> or <c>/data</c>.</param>
public sealed record DataPartitionSpec(string Device, string FileSystemType, string Target)
{
    /// <summary>The file system types the data partition may have: the ones Medulla can also format.</summary>
    public static IReadOnlyList<string> FileSystemTypes { get; } = ["ext4", "f2fs", "vfat"];

    /// <summary>
    /// Takes each value from the explicit one when given, else from the active slot's metadata; fails
    /// naming what is missing or not allowed.
    /// </summary>
    /// <param name="device">The device, or null for the metadata's.</param>
    /// <param name="fileSystemType">The type, or null for the metadata's.</param>
    /// <param name="target">The mount point, or null for the metadata's.</param>
    /// <param name="activeSlot">The active slot's metadata, or null when there is no firmware metadata.</param>
    /// <exception cref="DataPartitionException">A value is neither given nor in the metadata, or is not allowed.</exception>
    public static DataPartitionSpec Resolve(string? device, string? fileSystemType, string? target, SlotMetadata? activeSlot)
    {
        string Pick(string? given, string? fromSlot, string what, string key) =>
            !string.IsNullOrWhiteSpace(given) ? given
            : !string.IsNullOrWhiteSpace(fromSlot) ? fromSlot
            : throw new DataPartitionException(activeSlot is null
                ? $"no data partition {what}: none configured and no firmware metadata to take {key} from"
                : $"no data partition {what}: none configured and slot {activeSlot.Slot} has no {activeSlot.Slot}.{key}");
        var spec = new DataPartitionSpec(
            Pick(device, activeSlot?.ApplicationPartDevPath, "device", FirmwareKeys.ApplicationPartDevPath),
            Pick(fileSystemType, activeSlot?.ApplicationPartFsType, "file system type", FirmwareKeys.ApplicationPartFsType),
            Pick(target, activeSlot?.ApplicationPartTarget, "mount point", FirmwareKeys.ApplicationPartTarget));
        spec.Validate();
        return spec;
    }

    /// <summary>Checks the values: a known file system type, absolute paths.</summary>
    /// <exception cref="DataPartitionException">A value is not allowed; the message names it.</exception>
    public void Validate()
    {
        if (!FileSystemTypes.Contains(FileSystemType, StringComparer.Ordinal))
        {
            throw new DataPartitionException($"data partition file system type '{FileSystemType}' is not supported; expected one of {string.Join(", ", FileSystemTypes)}");
        }
        if (!Device.StartsWith('/'))
        {
            throw new DataPartitionException($"data partition device '{Device}' is not an absolute path");
        }
        if (!Target.StartsWith('/') || Path.TrimEndingDirectorySeparator(Target) is "" or "/")
        {
            throw new DataPartitionException($"data partition mount point '{Target}' must be an absolute path other than /");
        }
    }
}

/// <summary>The data partition cannot be used as configured, or an operation on it failed; the message says why and names the device.</summary>
public sealed class DataPartitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataPartitionException(string message, Exception? inner = null) : base(message, inner) { }
}
