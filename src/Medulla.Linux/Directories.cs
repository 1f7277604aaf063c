using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>Directory durability.</summary>
public static class Directories
{
    /// <summary>
    /// Makes the entries of a directory durable (fsync(2) on the directory), so a file just created or
    /// renamed in it is still there after a power cut. File systems that cannot sync a directory
    /// (EINVAL) are taken as having nothing to do.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be opened or synced; the message names it.</exception>
    public static void Sync(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        int fd;
        while ((fd = Libc.open(directory, Libc.O_RDONLY | Libc.O_CLOEXEC, 0)) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw Errno.ToException(errno, $"open {directory}");
            }
        }
        try
        {
            while (Libc.fsync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINVAL)
                {
                    return;
                }
                if (errno != Errno.EINTR)
                {
                    throw Errno.ToException(errno, $"fsync {directory}");
                }
            }
        }
        finally
        {
            Libc.close(fd);
        }
    }
}
