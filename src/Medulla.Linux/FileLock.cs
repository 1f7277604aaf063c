using System.Diagnostics;
using System.Globalization;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// An exclusive flock(2) on a lock file, held until disposed. Advisory: it orders only the processes
/// that take the same lock, such as U-Boot's and libubootenv's fw_printenv/fw_setenv with
/// /var/lock/fw_printenv.lock. The lock belongs to the open file description, so two holders in one
/// process exclude each other as two processes do.
/// </summary>
internal sealed class FileLock : IDisposable
{
    // The wait polls with LOCK_NB: a blocking flock(2) can only be cut short by a signal, which a .NET
    // process cannot aim at one thread. The pause grows so a long wait costs few wake-ups, and stays
    // short so a lock released by fw_setenv (held for milliseconds) is taken soon after.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(50);

    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    internal string Path { get; }

    /// <summary>
    /// Creates <paramref name="path"/> if needed (mode 0666 narrowed by the umask) and waits at most
    /// <paramref name="timeout"/> for an exclusive lock on it (<see cref="Timeout.InfiniteTimeSpan"/>: no
    /// limit). Returns null when the lock file cannot be opened (its directory is missing or read-only), so
    /// that callers on a read-only root file system can go on without the lock.
    /// </summary>
    /// <exception cref="LinuxIOException">
    /// The lock was still held by another holder when the timeout expired (errno EAGAIN), or flock failed;
    /// the message names the lock file.
    /// </exception>
    internal static FileLock? TryAcquire(string path, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a lock timeout is zero or more, or Timeout.InfiniteTimeSpan");
        }
        SafeFileHandle? handle = Syscalls.TryOpen(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_CLOEXEC, Libc.DefaultCreateMode, out _);
        if (handle is null)
        {
            return null;
        }
        try
        {
            Wait(handle, path, timeout);
            return new FileLock(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void Wait(SafeFileHandle handle, string path, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            ThrowIfFailed(Syscalls.TryFlock(handle, Libc.LOCK_EX), path);
            return;
        }
        long start = Stopwatch.GetTimestamp();
        TimeSpan pause = FirstPause;
        while (true)
        {
            int errno = Syscalls.TryFlock(handle, Libc.LOCK_EX | Libc.LOCK_NB);
            if (errno != Errno.EAGAIN)
            {
                ThrowIfFailed(errno, path);
                return;
            }
            TimeSpan left = timeout - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                throw new LinuxIOException(
                    $"flock {path}: the lock is still held by another process after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s " +
                    $"(lock file {path}; fw_setenv and fw_printenv take it too)", Errno.EAGAIN);
            }
            Thread.Sleep(pause < left ? pause : left);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private static void ThrowIfFailed(int errno, string path)
    {
        if (errno != 0)
        {
            throw Errno.ToException(errno, $"flock {path}");
        }
    }

    /// <summary>Releases the lock (closing the descriptor releases it).</summary>
    public void Dispose() => _handle.Dispose();
}
