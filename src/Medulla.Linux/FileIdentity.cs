using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// The (device, inode) pair that identifies a file independently of its name. Comparing the identity of
/// an open handle with the identity of its path tells whether someone moved or deleted the file.
/// </summary>
/// <param name="DevMajor">Major number of the device holding the file.</param>
/// <param name="DevMinor">Minor number of the device holding the file.</param>
/// <param name="Inode">Inode number.</param>
internal readonly record struct FileIdentity(uint DevMajor, uint DevMinor, ulong Inode)
{
    /// <summary>Identity of the file a path currently names, or null when nothing is there.</summary>
    public static unsafe FileIdentity? OfPath(string path)
    {
        StatxBuffer buffer;
        if (Libc.statx(Libc.AT_FDCWD, path, 0, Libc.STATX_INO, &buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                return null;
            }
            throw Errno.ToException(errno, $"statx {path}");
        }
        return new FileIdentity(buffer.DevMajor, buffer.DevMinor, buffer.Inode);
    }

    /// <summary>Identity of the file behind an open handle.</summary>
    public static unsafe FileIdentity OfHandle(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        StatxBuffer buffer;
        int fd = lease.Fd;
        if (Libc.statx(fd, "", Libc.AT_EMPTY_PATH, Libc.STATX_INO, &buffer) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"statx fd {fd}");
        }
        return new FileIdentity(buffer.DevMajor, buffer.DevMinor, buffer.Inode);
    }
}
