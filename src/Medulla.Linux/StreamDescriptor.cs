using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// Plain read(2) and write(2) on stream descriptors (pipes, sockets), for programs that drive their own
/// poll(2) loop and must not have a runtime stream buffer or a thread between them and the descriptor.
/// </summary>
public static class StreamDescriptor
{
    /// <summary>
    /// Reads what is available, up to <paramref name="buffer"/>'s length, with one read(2) (repeated only
    /// after EINTR). Returns the number of bytes read: 0 means end of file (the writer closed).
    /// </summary>
    /// <param name="handle">The descriptor, e.g. <c>new SafeFileHandle(0, ownsHandle: false)</c> for stdin.</param>
    /// <param name="buffer">Where the bytes go.</param>
    /// <param name="name">What the descriptor is, for the error message ("stdin").</param>
    /// <exception cref="IOException">The read failed (EAGAIN on an empty non-blocking descriptor, EIO, ...).</exception>
    public static unsafe int Read(SafeFileHandle handle, Span<byte> buffer, string name)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        int fd = lease.Fd;
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint n = Libc.read(fd, start, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw Errno.ToException(errno, $"read {name}");
                }
            }
        }
    }

    /// <summary>
    /// Writes all of <paramref name="bytes"/>, repeating write(2) after a partial write or EINTR. A closed
    /// reader gives EPIPE (the .NET runtime ignores SIGPIPE, so the process is not killed by it).
    /// </summary>
    /// <exception cref="IOException">The write failed; the message names the descriptor.</exception>
    public static void Write(SafeFileHandle handle, ReadOnlySpan<byte> bytes, string name) =>
        FileDescriptorWrites.WriteAll(handle, bytes, name);
}
