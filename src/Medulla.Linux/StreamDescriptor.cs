using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// Plain read(2) and write(2) on stream descriptors (pipes, sockets), for programs that drive their own
/// poll(2) loop and must not have a runtime stream buffer or a thread between them and the descriptor.
/// </summary>
internal static class StreamDescriptor
{
    /// <summary>
    /// Reads what is available, up to <paramref name="buffer"/>'s length, with one read(2) (repeated only
    /// after EINTR). Returns the number of bytes read: 0 means end of file (the writer closed).
    /// </summary>
    /// <param name="handle">The descriptor, e.g. <c>new SafeFileHandle(0, ownsHandle: false)</c> for stdin.</param>
    /// <param name="buffer">Where the bytes go.</param>
    /// <param name="name">What the descriptor is, for the error message ("stdin").</param>
    /// <exception cref="IOException">The read failed (EAGAIN on an empty non-blocking descriptor, EIO, ...).</exception>
    public static int Read(SafeFileHandle handle, Span<byte> buffer, string name)
    {
        nint n = Syscalls.ReadOnce(handle, buffer, out int errno);
        return n >= 0 ? (int)n : throw Errno.ToException(errno, $"read {name}");
    }

    /// <summary>
    /// Writes all of <paramref name="bytes"/>, repeating write(2) after a partial write or EINTR. A closed
    /// reader gives EPIPE (the .NET runtime ignores SIGPIPE, so the process is not killed by it).
    /// </summary>
    /// <exception cref="IOException">The write failed; the message names the descriptor.</exception>
    public static void Write(SafeFileHandle handle, ReadOnlySpan<byte> bytes, string name) =>
        Syscalls.WriteAll(handle, bytes, name);

    /// <summary>
    /// Writes as much of <paramref name="bytes"/> as the descriptor takes without waiting, with one write(2)
    /// (repeated only after EINTR), and returns how much that was: 0 when the descriptor is full (EAGAIN).
    /// The descriptor must be non-blocking (<see cref="MakeNonBlocking"/>). On a pipe, a write of at most
    /// PIPE_BUF (4096) bytes is all or nothing; a stream socket may take part of it.
    /// </summary>
    /// <exception cref="IOException">The write failed (EPIPE: the reader closed); the message names the descriptor.</exception>
    public static int WriteWithoutWaiting(SafeFileHandle handle, ReadOnlySpan<byte> bytes, string name)
    {
        nint n = Syscalls.WriteOnce(handle, bytes, out int errno);
        if (n >= 0)
        {
            return (int)n;
        }
        return errno == Errno.EAGAIN ? 0 : throw Errno.ToException(errno, $"write {name}");
    }

    /// <summary>
    /// Sets O_NONBLOCK on the descriptor's open file description, so that reads and writes return EAGAIN
    /// instead of waiting. Every descriptor that shares the description (a dup, a parent's copy) changes with it.
    /// </summary>
    /// <exception cref="IOException">fcntl(2) failed; the message names the descriptor.</exception>
    public static void MakeNonBlocking(SafeFileHandle handle, string name)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        int flags = Libc.fcntl(lease.Fd, Libc.F_GETFL, 0);
        if (flags < 0 || ((flags & Libc.O_NONBLOCK) == 0 && Libc.fcntl(lease.Fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0))
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"fcntl O_NONBLOCK {name}");
        }
    }
}
