using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// A regular file or a block device read and written at offsets (pread(2), pwrite(2)), for data with a
/// fixed place on a disk such as a boot loader's environment. The file must exist: it is never created,
/// because a missing device path must not turn into a regular file in /dev.
/// </summary>
internal static class BlockFile
{
    /// <summary>Opens an existing file or block device (O_CLOEXEC, never O_CREAT), read-only or read-write.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The file cannot be opened; the message names the path.</exception>
    public static SafeFileHandle Open(string path, bool writable)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int flags = (writable ? Libc.O_RDWR : Libc.O_RDONLY) | Libc.O_CLOEXEC;
        return Syscalls.Open(path, flags);
    }

    /// <summary>
    /// The size in bytes: the length of a regular file, the capacity of a block device (BLKGETSIZE64,
    /// since statx reports 0 for a device).
    /// </summary>
    /// <exception cref="IOException">The size cannot be read; the message names the path.</exception>
    public static unsafe long GetSize(SafeFileHandle handle, string path)
    {
        return WithFd(handle, fd =>
        {
            StatxBuffer buffer;
            if (Libc.statx(fd, "", Libc.AT_EMPTY_PATH, Libc.STATX_BASIC_STATS, &buffer) != 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), $"statx {path}");
            }
            if (FileTypes.FromMode(buffer.Mode) != FileType.BlockDevice)
            {
                return (long)buffer.Size;
            }
            ulong size;
            if (Libc.ioctl(fd, Libc.BLKGETSIZE64, &size) != 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), $"ioctl BLKGETSIZE64 {path}");
            }
            return (long)size;
        });
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length from <paramref name="offset"/>, repeating pread(2)
    /// after a partial read or EINTR. Returns fewer bytes only when the end of the file comes first.
    /// </summary>
    /// <exception cref="IOException">The read failed; the message names the path.</exception>
    public static int ReadAt(SafeFileHandle handle, long offset, Span<byte> buffer, string path) =>
        Syscalls.ReadAt(handle, offset, buffer, path);

    /// <summary>
    /// Writes all of <paramref name="bytes"/> at <paramref name="offset"/>, repeating pwrite(2) after a
    /// partial write or EINTR. Nothing is durable before <see cref="Sync"/>.
    /// </summary>
    /// <exception cref="IOException">The write failed (EIO, ENOSPC, ...); the message names the path.</exception>
    public static void WriteAt(SafeFileHandle handle, long offset, ReadOnlySpan<byte> bytes, string path) =>
        Syscalls.WriteAt(handle, offset, bytes, path);

    /// <summary>
    /// Makes what was written durable (fsync(2)); on a block device this also flushes the device's
    /// volatile write cache.
    /// </summary>
    /// <exception cref="IOException">The sync failed; the message names the path.</exception>
    public static void Sync(SafeFileHandle handle, string path) => Syscalls.Fsync(handle, path);

    /// <summary>
    /// Drops the range's clean pages from the page cache (posix_fadvise DONTNEED), so that the next read
    /// after a <see cref="Sync"/> comes from the device rather than from memory. Best effort: returns
    /// false when the kernel declined.
    /// </summary>
    public static bool DropCache(SafeFileHandle handle, long offset, long length) =>
        WithFd(handle, fd => Libc.posix_fadvise64(fd, offset, length, Libc.POSIX_FADV_DONTNEED) == 0);

    private static T WithFd<T>(SafeFileHandle handle, Func<int, T> action)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        return action(lease.Fd);
    }
}
