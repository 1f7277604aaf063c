using Medulla.Linux;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Runtime;

/// <summary>
/// The application's data partition: mounted read-write at start, formatted when it cannot be (blank,
/// corrupt, made read-only by the kernel after an error), and destroyed on a factory reset so the next
/// start formats it. Only the configured device is ever touched: before anything is unmounted, formatted
/// or erased, the mount table must show nothing else on the mount point and the device nowhere else, and
/// the device is opened exclusively (the kernel refuses while it is mounted).
/// </summary>
/// <example>
/// <code>
/// var data = new DataPartition(new DataPartitionSpec("/dev/mmcblk0p4", "ext4", "/data"), logger);
/// DataMountResult result = data.Mount(); // Formatted on the first boot, Mounted after
/// </code>
/// </example>
public sealed class DataPartition
{
    // errno values of mount(2) that mean "no usable file system of that type here": a blank or corrupt
    // partition. Anything else (ENODEV: the kernel lacks the type; EACCES/EROFS: write-protected medium;
    // EBUSY) is reported, not "repaired" by a format that would not help and would destroy data.
    private const int EUCLEAN = 117;
    private const int EBADMSG = 74;

    // Covers every superblock the supported file systems look for first: ext4's at 1 KiB, f2fs's two at
    // 1 KiB and 5 KiB, FAT's boot sector at 0.
    private const int EraseBytes = 1 << 20;

    private readonly ILogger _log;
    private readonly string _mountInfoPath;

    /// <summary>Creates the partition's handle; nothing is touched until a method is called.</summary>
    /// <param name="spec">The device, file system type and mount point.</param>
    /// <param name="logger">Where every decision is logged; null logs nothing.</param>
    /// <exception cref="DataPartitionException">The spec is not allowed.</exception>
    public DataPartition(DataPartitionSpec spec, ILogger? logger = null)
        : this(spec, logger, MountTable.DefaultPath)
    {
    }

    internal DataPartition(DataPartitionSpec spec, ILogger? logger, string mountInfoPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec with { Target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(spec.Target)) };
        _log = logger ?? NullLogger.Instance;
        _mountInfoPath = mountInfoPath;
    }

    /// <summary>The partition.</summary>
    public DataPartitionSpec Spec { get; }

    /// <summary>Reads the mount table: what is on the mount point, and where else the device is mounted.</summary>
    /// <exception cref="DataPartitionException">The device is not a block device, or the mount table cannot be read.</exception>
    public DataPartitionStatus GetStatus()
    {
        DeviceNumber device = DeviceNumber();
        IReadOnlyList<MountEntry> table = ReadTable();
        MountEntry? entry = MountTable.At(table, Spec.Target);
        string[] elsewhere = [.. table.Where(e => e.Device == device && e.MountPoint != Spec.Target).Select(e => e.MountPoint).Distinct()];
        DataPartitionState state = entry is null ? DataPartitionState.NotMounted
            : entry.Device != device ? DataPartitionState.OtherMounted
            : entry.ReadOnly ? DataPartitionState.MountedReadOnly
            : DataPartitionState.MountedReadWrite;
        return new DataPartitionStatus(Spec, state, entry?.Source, entry?.FileSystemType, elsewhere);
    }

    /// <summary>
    /// Makes the partition mounted read-write on its mount point: leaves it alone when it already is;
    /// unmounts a read-only mount of it; mounts it; and when that fails because there is no usable file
    /// system, or the kernel mounts it read-only, formats it (a warning with the reason) and mounts it again.
    /// </summary>
    /// <returns>What was done and why.</returns>
    /// <exception cref="DataPartitionException">
    /// It cannot be done without touching something else (another file system on the mount point, the device
    /// mounted elsewhere), the kernel cannot mount the type, the device is write-protected, or formatting failed.
    /// </exception>
    public DataMountResult Mount()
    {
        DataPartitionStatus status = GetStatus();
        EnsureOnlyOurs(status, "mount");
        string? reason = null;
        switch (status.State)
        {
            case DataPartitionState.MountedReadWrite:
                _log.LogInformation("Data partition {Device} is already mounted read-write on {Target}", Spec.Device, Spec.Target);
                return new DataMountResult(DataMountAction.AlreadyMounted, null);
            case DataPartitionState.MountedReadOnly:
                reason = $"it was mounted read-only on {Spec.Target}";
                _log.LogWarning("Data partition {Device} is mounted read-only on {Target}; unmounting it to mount it read-write", Spec.Device, Spec.Target);
                Unmount();
                break;
        }
        Directory.CreateDirectory(Spec.Target);
        string? unusable = TryMountReadWrite();
        if (unusable is null)
        {
            _log.LogInformation("Data partition {Device} ({Type}) mounted read-write on {Target}", Spec.Device, Spec.FileSystemType, Spec.Target);
            return new DataMountResult(DataMountAction.Mounted, reason);
        }
        _log.LogWarning("Formatting data partition {Device} as {Type}: {Reason}", Spec.Device, Spec.FileSystemType, unusable);
        FileSystemFormatter.Format(Spec.FileSystemType, Spec.Device);
        if (TryMountReadWrite() is { } still)
        {
            throw new DataPartitionException($"{Spec.Device} was formatted as {Spec.FileSystemType} but still cannot be mounted read-write on {Spec.Target}: {still}");
        }
        _log.LogWarning("Data partition {Device} formatted as {Type} and mounted on {Target}", Spec.Device, Spec.FileSystemType, Spec.Target);
        return new DataMountResult(DataMountAction.Formatted, unusable);
    }

    /// <summary>
    /// Factory reset: unmounts the partition when it is mounted and erases the start of the device, where
    /// every supported file system keeps its superblock, so the next <see cref="Mount"/> formats it. The
    /// data is gone; the call does not reboot.
    /// </summary>
    /// <exception cref="DataPartitionException">The device is mounted elsewhere or cannot be opened exclusively, or the erase failed.</exception>
    public void Reset()
    {
        DataPartitionStatus status = GetStatus();
        EnsureOnlyOurs(status, "reset");
        if (status.State is DataPartitionState.MountedReadWrite or DataPartitionState.MountedReadOnly)
        {
            Unmount();
        }
        _log.LogWarning("Factory reset: erasing the file system on data partition {Device}; the next mount formats it", Spec.Device);
        try
        {
            // O_EXCL on a block device: the kernel refuses while anything has it mounted or claimed.
            using Microsoft.Win32.SafeHandles.SafeFileHandle handle = Syscalls.Open(Spec.Device, Linux.Interop.Libc.O_WRONLY | Linux.Interop.Libc.O_EXCL | Linux.Interop.Libc.O_CLOEXEC);
            long size = BlockFile.GetSize(handle, Spec.Device);
            byte[] zeros = new byte[64 * 1024];
            for (long offset = 0; offset < Math.Min(size, EraseBytes); offset += zeros.Length)
            {
                BlockFile.WriteAt(handle, offset, zeros.AsSpan(0, (int)Math.Min(zeros.Length, size - offset)), Spec.Device);
            }
            BlockFile.Sync(handle, Spec.Device);
        }
        catch (IOException ex)
        {
            throw new DataPartitionException($"factory reset of {Spec.Device} failed: {ex.Message}", ex);
        }
    }

    private void EnsureOnlyOurs(DataPartitionStatus status, string operation)
    {
        if (status.State == DataPartitionState.OtherMounted)
        {
            throw new DataPartitionException($"cannot {operation} data partition {Spec.Device}: {Spec.Target} has {status.MountedSource} ({status.MountedType}) mounted, not {Spec.Device}; leaving both alone");
        }
        if (status.MountedElsewhere.Count > 0)
        {
            throw new DataPartitionException($"cannot {operation} data partition {Spec.Device}: it is mounted on {string.Join(", ", status.MountedElsewhere)}, not only on {Spec.Target}; leaving it alone");
        }
    }

    /// <summary>Mounts read-write; null when it is mounted read-write, else why the partition is unusable as it is.</summary>
    /// <exception cref="DataPartitionException">Mounting failed for a reason a format would not cure.</exception>
    private string? TryMountReadWrite()
    {
        try
        {
            Mounts.Mount(Spec.Device, Spec.Target, Spec.FileSystemType);
        }
        catch (LinuxIOException ex) when (ex.Errno is Errno.EINVAL or EUCLEAN or EBADMSG)
        {
            return $"it has no usable {Spec.FileSystemType} file system (mount: {ex.Message})";
        }
        catch (IOException ex)
        {
            throw new DataPartitionException($"cannot mount data partition {Spec.Device} ({Spec.FileSystemType}) on {Spec.Target}: {ex.Message}", ex);
        }
        if (GetStatus().State == DataPartitionState.MountedReadWrite)
        {
            return null;
        }
        Unmount();
        return "the kernel mounted it read-only";
    }

    private void Unmount()
    {
        try
        {
            Mounts.Unmount(Spec.Target);
        }
        catch (IOException ex)
        {
            throw new DataPartitionException($"cannot unmount {Spec.Target} ({Spec.Device}): {ex.Message}", ex);
        }
    }

    private DeviceNumber DeviceNumber()
    {
        try
        {
            return Mounts.BlockDeviceNumber(Spec.Device)
                ?? throw new DataPartitionException($"data partition device {Spec.Device} does not exist or is not a block device; refusing to touch it");
        }
        catch (IOException ex)
        {
            throw new DataPartitionException($"cannot examine data partition device {Spec.Device}: {ex.Message}", ex);
        }
    }

    private IReadOnlyList<MountEntry> ReadTable()
    {
        try
        {
            return MountTable.Read(_mountInfoPath);
        }
        catch (IOException ex)
        {
            throw new DataPartitionException($"cannot read the mount table: {ex.Message}", ex);
        }
    }
}
