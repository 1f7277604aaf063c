using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>Directory durability.</summary>
internal static class Directories
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
        using SafeFileHandle handle = Syscalls.Open(directory, Libc.O_RDONLY | Libc.O_CLOEXEC);
        int errno = Syscalls.TryFsync(handle);
        if (errno is not (0 or Errno.EINVAL))
        {
            throw Errno.ToException(errno, $"fsync {directory}");
        }
    }
}
