using System.Runtime.InteropServices;
using System.Text;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// The one place that repeats a system call a signal interrupted (EINTR) and that loops over partial
/// reads and writes. The public file types call these instead of writing the loops again; errors name
/// the call and what it was made on.
/// </summary>
internal static unsafe class Syscalls
{
    /// <summary>
    /// Whether a call that returned <paramref name="result"/> failed with EINTR and should be made again.
    /// <paramref name="errno"/> is the call's errno when it failed (a negative result), else 0.
    /// </summary>
    internal static bool Interrupted(nint result, out int errno)
    {
        errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        return errno == Errno.EINTR;
    }

    /// <summary>open(2), repeated after EINTR; the descriptor is owned by the returned handle.</summary>
    /// <exception cref="IOException">The open failed; the message names the path.</exception>
    internal static SafeFileHandle Open(string path, int flags, uint mode = 0) =>
        TryOpen(path, flags, mode, out int errno) ?? throw Errno.ToException(errno, $"open {path}");

    /// <summary>open(2), repeated after EINTR; null with <paramref name="errno"/> set when it failed.</summary>
    internal static SafeFileHandle? TryOpen(string path, int flags, uint mode, out int errno)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        fixed (byte* p = bytes)
        {
            return TryOpen(p, flags, mode, out errno);
        }
    }

    /// <summary>open(2) on a NUL-terminated byte path, repeated after EINTR; null with <paramref name="errno"/> set when it failed.</summary>
    internal static SafeFileHandle? TryOpen(byte* path, int flags, uint mode, out int errno)
    {
        int fd;
        do
        {
            fd = Libc.open64(path, flags, mode);
        }
        while (Interrupted(fd, out errno));
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
    }

    /// <summary>fsync(2), repeated after EINTR. Returns 0, or the errno it failed with.</summary>
    internal static int TryFsync(SafeHandle handle) => Repeat(handle, &Fsync, 0);

    /// <summary>fsync(2), repeated after EINTR.</summary>
    /// <exception cref="IOException">The sync failed; the message names <paramref name="what"/>.</exception>
    internal static void Fsync(SafeHandle handle, string what) => ThrowIfFailed(TryFsync(handle), "fsync", what);

    /// <summary>ftruncate(2) with a 64-bit length, repeated after EINTR.</summary>
    /// <exception cref="IOException">The truncation failed; the message names <paramref name="what"/>.</exception>
    internal static void Ftruncate(SafeHandle handle, long length, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ThrowIfFailed(Repeat(handle, &Libc.ftruncate64, length), "ftruncate", what);
    }

    /// <summary>flock(2), repeated after EINTR. Returns 0, or the errno it failed with (EWOULDBLOCK with LOCK_NB).</summary>
    internal static int TryFlock(SafeHandle handle, int operation) => Repeat(handle, &Flock, operation);

    private static int Fsync(int fd, long unused) => Libc.fsync(fd);

    private static int Flock(int fd, long operation) => Libc.flock(fd, (int)operation);

    /// <summary>Calls <paramref name="call"/> on the handle's descriptor until it does not fail with EINTR; returns 0 or its errno.</summary>
    private static int Repeat(SafeHandle handle, delegate*<int, long, int> call, long argument)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        int result;
        int errno;
        do
        {
            result = call(lease.Fd, argument);
        }
        while (Interrupted(result, out errno));
        return errno;
    }

    private static void ThrowIfFailed(int errno, string call, string what)
    {
        if (errno != 0)
        {
            throw Errno.ToException(errno, $"{call} {what}");
        }
    }

    /// <summary>One read(2), repeated only after EINTR: the byte count (0 at end of file), or -1 with <paramref name="errno"/> set.</summary>
    internal static nint ReadOnce(SafeHandle handle, Span<byte> buffer, out int errno)
    {
        fixed (byte* start = buffer)
        {
            return Once(handle, start, buffer.Length, &Libc.read, out errno);
        }
    }

    /// <summary>One write(2), repeated only after EINTR: the byte count, or -1 with <paramref name="errno"/> set.</summary>
    internal static nint WriteOnce(SafeHandle handle, ReadOnlySpan<byte> bytes, out int errno)
    {
        fixed (byte* start = bytes)
        {
            return Once(handle, start, bytes.Length, &Libc.write, out errno);
        }
    }

    private static nint Once(SafeHandle handle, byte* start, int length, delegate*<int, byte*, nuint, nint> call, out int errno)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        nint n;
        do
        {
            n = call(lease.Fd, start, (nuint)length);
        }
        while (Interrupted(n, out errno));
        return n;
    }

    /// <summary>
    /// Writes all of <paramref name="bytes"/> with write(2), repeating it after a partial write or EINTR;
    /// the first call carries the whole span, so a device that takes each write as one record (pmsg) gets one.
    /// </summary>
    /// <exception cref="IOException">The write failed; the message names <paramref name="what"/>.</exception>
    internal static void WriteAll(SafeHandle handle, ReadOnlySpan<byte> bytes, string what)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        fixed (byte* start = bytes)
        {
            Transfer(lease.Fd, start, bytes.Length, NoOffset, &Write, what, isRead: false);
        }
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length from <paramref name="offset"/> with pread64(2),
    /// repeating it after a partial read or EINTR. Returns fewer bytes only when the end of the file comes first.
    /// </summary>
    /// <exception cref="IOException">The read failed; the message names <paramref name="what"/> and the offset.</exception>
    internal static int ReadAt(SafeHandle handle, long offset, Span<byte> buffer, string what)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using var lease = new FdLease(handle);
        fixed (byte* start = buffer)
        {
            return Transfer(lease.Fd, start, buffer.Length, offset, &Libc.pread64, what, isRead: true);
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/> at <paramref name="offset"/> with pwrite64(2), repeating it after a partial write or EINTR.</summary>
    /// <exception cref="IOException">The write failed; the message names <paramref name="what"/> and the offset.</exception>
    internal static void WriteAt(SafeHandle handle, long offset, ReadOnlySpan<byte> bytes, string what)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using var lease = new FdLease(handle);
        fixed (byte* start = bytes)
        {
            Transfer(lease.Fd, start, bytes.Length, offset, &Libc.pwrite64, what, isRead: false);
        }
    }

    private const long NoOffset = -1;

    private static nint Write(int fd, byte* buffer, nuint count, long offset) => Libc.write(fd, buffer, count);

    /// <summary>
    /// The partial-transfer loop of read, write, pread and pwrite: moves <paramref name="length"/> bytes,
    /// advancing the buffer (and the offset, unless it is <see cref="NoOffset"/>) by what each call moved.
    /// A read stops at end of file (0); a write that takes nothing of a non-empty buffer is an error (EIO)
    /// rather than a reason to spin.
    /// </summary>
    private static int Transfer(int fd, byte* start, int length, long offset, delegate*<int, byte*, nuint, long, nint> call, string what, bool isRead)
    {
        int done = 0;
        while (done < length)
        {
            long at = offset == NoOffset ? NoOffset : offset + done;
            nint n = call(fd, start + done, (nuint)(length - done), at);
            if (n > 0)
            {
                done += (int)n;
                continue;
            }
            if (n == 0 && isRead)
            {
                break;
            }
            int errno = n == 0 ? Errno.EIO : Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                string verb = isRead ? "read" : "write";
                throw Errno.ToException(errno, at == NoOffset ? $"{verb} {what}" : $"{verb} {what} at {at}");
            }
        }
        return done;
    }
}
