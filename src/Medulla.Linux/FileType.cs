using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>What kind of file a path or descriptor names (the S_IFMT bits of its mode).</summary>
internal enum FileType
{
    /// <summary>A type this enumeration does not name.</summary>
    Unknown,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A character device (/dev/pmsg0, /dev/null, a tty).</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A named pipe.</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>A symbolic link (seen only when links are not followed).</summary>
    SymbolicLink,
}

/// <summary>File type queries (statx(2) with STATX_TYPE).</summary>
internal static class FileTypes
{
    /// <summary>
    /// The type of the file <paramref name="path"/> names, following symbolic links; null when nothing is
    /// there (ENOENT, ENOTDIR).
    /// </summary>
    /// <exception cref="IOException">The path cannot be examined (EACCES, ...); the message names it.</exception>
    public static unsafe FileType? OfPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        StatxBuffer buffer;
        if (Libc.statx(Libc.AT_FDCWD, path, 0, Libc.STATX_TYPE, &buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                return null;
            }
            throw Errno.ToException(errno, $"statx {path}");
        }
        return FromMode(buffer.Mode);
    }

    /// <summary>The type of the file behind an open handle.</summary>
    /// <exception cref="IOException">The call failed.</exception>
    public static unsafe FileType OfHandle(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        StatxBuffer buffer;
        int fd = lease.Fd;
        if (Libc.statx(fd, "", Libc.AT_EMPTY_PATH, Libc.STATX_TYPE, &buffer) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"statx fd {fd}");
        }
        return FromMode(buffer.Mode);
    }

    internal static FileType FromMode(int mode) => (mode & Libc.S_IFMT) switch
    {
        Libc.S_IFREG => FileType.Regular,
        Libc.S_IFDIR => FileType.Directory,
        Libc.S_IFCHR => FileType.CharacterDevice,
        Libc.S_IFBLK => FileType.BlockDevice,
        Libc.S_IFIFO => FileType.Fifo,
        Libc.S_IFSOCK => FileType.Socket,
        Libc.S_IFLNK => FileType.SymbolicLink,
        _ => FileType.Unknown,
    };
}
