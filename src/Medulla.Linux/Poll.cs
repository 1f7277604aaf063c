using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>Events of poll(2) (POLL* in poll.h, the same on every Linux architecture).</summary>
[Flags]
internal enum PollEvents : short
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary>Data to read, or end of file (POLLIN).</summary>
    Readable = 0x1,

    /// <summary>Writing will not block (POLLOUT).</summary>
    Writable = 0x4,

    /// <summary>An error condition; reported whether asked for or not (POLLERR).</summary>
    Error = 0x8,

    /// <summary>The other end hung up; reported whether asked for or not (POLLHUP).</summary>
    HangUp = 0x10,

    /// <summary>The descriptor is not open; reported whether asked for or not (POLLNVAL).</summary>
    Invalid = 0x20,
}

/// <summary>
/// One entry of a poll(2) set: struct pollfd, laid out as the kernel expects. The caller keeps the
/// descriptor open (and its SafeHandle alive) for the duration of the call.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    private int _fd;
    private PollEvents _events;
    private PollEvents _returned;

    /// <summary>Watches <paramref name="fd"/> for <paramref name="events"/>; a negative fd is skipped by the kernel.</summary>
    public PollDescriptor(int fd, PollEvents events)
    {
        _fd = fd;
        _events = events;
        _returned = PollEvents.None;
    }

    /// <summary>The file descriptor.</summary>
    public readonly int Fd => _fd;

    /// <summary>The events asked for.</summary>
    public readonly PollEvents Events => _events;

    /// <summary>The events that happened, set by <see cref="Poll.Wait"/>.</summary>
    public readonly PollEvents ReturnedEvents => _returned;

    /// <summary>
    /// Whether a read would return at once: data, end of file, an error or hang-up, or a descriptor that is
    /// not open (the read then fails with EBADF instead of the caller polling it forever).
    /// </summary>
    public readonly bool IsReadyToRead =>
        (_returned & (PollEvents.Readable | PollEvents.HangUp | PollEvents.Error | PollEvents.Invalid)) != 0;
}

/// <summary>Waiting for descriptors to become ready: poll(2).</summary>
internal static class Poll
{
    /// <summary>
    /// Waits until one of <paramref name="descriptors"/> is ready or <paramref name="timeoutMilliseconds"/>
    /// passed (negative: no limit). Returns how many are ready (0 on timeout) and sets each entry's
    /// <see cref="PollDescriptor.ReturnedEvents"/>. A signal that interrupts the wait returns 0 as a
    /// timeout would: callers re-check their clocks in either case.
    /// </summary>
    /// <exception cref="IOException">poll failed (ENOMEM, EINVAL).</exception>
    public static unsafe int Wait(Span<PollDescriptor> descriptors, int timeoutMilliseconds)
    {
        fixed (PollDescriptor* start = descriptors)
        {
            int ready = Libc.poll(start, (nuint)descriptors.Length, timeoutMilliseconds);
            if (ready >= 0)
            {
                return ready;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR)
            {
                return 0;
            }
            throw Errno.ToException(errno, "poll");
        }
    }
}
