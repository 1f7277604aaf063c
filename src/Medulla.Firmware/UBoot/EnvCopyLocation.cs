namespace Medulla.Firmware;

/// <summary>Where one copy of the environment lives: one line of fw_env.config.</summary>
/// <param name="Device">A regular file or a block device, e.g. /dev/mmcblk0.</param>
/// <param name="Offset">Byte offset of the copy; a negative offset counts back from the end of the device or file.</param>
/// <param name="Size">The environment size in bytes, header included; the CRC covers all of it but the header.</param>
/// <param name="SectorSize">The erase sector size; only meaningful for MTD flash, kept but not used here.</param>
/// <param name="SectorCount">The number of sectors; only meaningful for MTD flash, kept but not used here.</param>
public sealed record EnvCopyLocation(string Device, long Offset, int Size, long? SectorSize = null, long? SectorCount = null)
{
    /// <summary>The location as text for messages: the device and the offset (negative offsets stay negative).</summary>
    public override string ToString() => $"{Device} at {FwEnvConfig.FormatNumber(Offset)}";
}
