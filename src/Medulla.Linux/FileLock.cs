using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>
/// An exclusive flock(2) on a lock file, held until disposed. Advisory: it orders only the processes
/// that take the same lock, such as U-Boot's and libubootenv's fw_printenv/fw_setenv with
/// /var/lock/fw_printenv.lock.
/// </summary>
public sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    /// <summary>
    /// Creates <paramref name="path"/> if needed (mode 0666 narrowed by the umask) and waits for an
    /// exclusive lock on it. Returns null when the lock file cannot be opened (its directory is missing
    /// or read-only), so that callers on a read-only root file system can go on without the lock.
    /// </summary>
    /// <exception cref="IOException">The file opened but flock failed; the message names the path.</exception>
    public static FileLock? TryAcquire(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int fd;
        while ((fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_CLOEXEC, Libc.DefaultCreateMode)) < 0)
        {
            if (Marshal.GetLastPInvokeError() != Errno.EINTR)
            {
                return null;
            }
        }
        while (Libc.flock(fd, Libc.LOCK_EX) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                Libc.close(fd);
                throw Errno.ToException(errno, $"flock {path}");
            }
        }
        return new FileLock(fd);
    }

    /// <summary>Releases the lock (closing the descriptor releases it).</summary>
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Libc.close(fd);
        }
    }
}
