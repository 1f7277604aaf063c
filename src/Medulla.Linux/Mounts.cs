using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>Flags of mount(2) that Medulla uses (MS_* in sys/mount.h).</summary>
[Flags]
internal enum MountOptions : ulong
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Mount read-only (MS_RDONLY).</summary>
    ReadOnly = 0x1,

    /// <summary>Ignore set-user-id and set-group-id bits (MS_NOSUID).</summary>
    NoSuid = 0x2,

    /// <summary>Do not interpret device nodes (MS_NODEV).</summary>
    NoDev = 0x4,

    /// <summary>Do not execute programs (MS_NOEXEC).</summary>
    NoExec = 0x8,
}

/// <summary>Mounting file systems and telling mount points apart.</summary>
internal static class Mounts
{
    /// <summary>
    /// Mounts <paramref name="source"/> of type <paramref name="fileSystemType"/> on
    /// <paramref name="target"/> (mount(2)). Needs CAP_SYS_ADMIN.
    /// </summary>
    /// <param name="source">The device or, for virtual file systems, any name ("pstore").</param>
    /// <param name="target">The directory to mount on.</param>
    /// <param name="fileSystemType">The file system type ("pstore", "ext4", ...).</param>
    /// <param name="options">Mount flags.</param>
    /// <param name="data">File-system specific options, or null.</param>
    /// <exception cref="IOException">
    /// The mount failed; the message names the source, type and target and the errno (EPERM without the
    /// capability, ENODEV when the kernel does not know the file system type, EBUSY when already mounted).
    /// </exception>
    public static void Mount(string source, string target, string fileSystemType, MountOptions options = MountOptions.None, string? data = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentException.ThrowIfNullOrEmpty(fileSystemType);
        if (Libc.mount(source, target, fileSystemType, (nuint)(ulong)options, data) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"mount -t {fileSystemType} {source} {target}");
        }
    }

    /// <summary>Unmounts the file system mounted on <paramref name="target"/> (umount2(2) without flags). Needs CAP_SYS_ADMIN.</summary>
    /// <exception cref="IOException">The unmount failed; the message names the target and the errno (EBUSY while files are open on it, EINVAL when nothing is mounted there).</exception>
    public static void Unmount(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (Libc.umount2(target, 0) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"umount {target}");
        }
    }

    /// <summary>
    /// The device number of the block device at <paramref name="path"/> (symbolic links followed), or null
    /// when nothing is there or it is not a block device.
    /// </summary>
    /// <exception cref="IOException">The path cannot be examined.</exception>
    public static DeviceNumber? BlockDeviceNumber(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Stat(path) is { } s && FileTypes.FromMode(s.Mode) == FileType.BlockDevice ? new DeviceNumber(s.RdevMajor, s.RdevMinor) : null;
    }

    /// <summary>
    /// Whether <paramref name="directory"/> is a mount point. The kernel says so directly where statx
    /// reports STATX_ATTR_MOUNT_ROOT (Linux 5.8 and later); otherwise a directory on the same device as
    /// its parent is taken as not mounted (true for any separate file system, not for a bind mount of the
    /// same one). "/" is always a mount point.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">The directory or its parent cannot be examined.</exception>
    public static unsafe bool IsMountPoint(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        StatxBuffer self = Stat(full) ?? throw new DirectoryNotFoundException($"{full}: no such directory");
        if ((self.AttributesMask & Libc.STATX_ATTR_MOUNT_ROOT) != 0)
        {
            return (self.Attributes & Libc.STATX_ATTR_MOUNT_ROOT) != 0;
        }
        string? parentPath = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full));
        if (parentPath is null)
        {
            return true;
        }
        StatxBuffer parent = Stat(parentPath) ?? throw new DirectoryNotFoundException($"{parentPath}: no such directory");
        return self.DevMajor != parent.DevMajor || self.DevMinor != parent.DevMinor;
    }

    private static unsafe StatxBuffer? Stat(string path)
    {
        StatxBuffer buffer;
        if (Libc.statx(Libc.AT_FDCWD, path, 0, Libc.STATX_BASIC_STATS, &buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                return null;
            }
            throw Errno.ToException(errno, $"statx {path}");
        }
        return buffer;
    }
}
