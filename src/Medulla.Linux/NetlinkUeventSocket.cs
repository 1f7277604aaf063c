using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>What one <see cref="NetlinkUeventSocket.Receive"/> call got.</summary>
internal enum NetlinkReceiveStatus
{
    /// <summary>A datagram: <see cref="NetlinkReceiveResult.Length"/> bytes in the buffer.</summary>
    Message,

    /// <summary>ENOBUFS: the socket's receive buffer overflowed and the kernel dropped datagrams.</summary>
    Overflow,

    /// <summary><see cref="NetlinkUeventSocket.Wake"/> was called: the receiving thread should stop.</summary>
    Woken,
}

/// <summary>The outcome of one receive.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Length">Bytes stored in the buffer (a message).</param>
/// <param name="Truncated">The datagram was longer than the buffer; the rest is lost.</param>
/// <param name="SenderPortId">The sender's netlink port id: 0 is the kernel.</param>
internal readonly record struct NetlinkReceiveResult(NetlinkReceiveStatus Status, int Length, bool Truncated, uint SenderPortId);

/// <summary>
/// A NETLINK_KOBJECT_UEVENT socket bound to multicast groups, with an eventfd beside it so that another
/// thread can wake a blocked <see cref="Receive"/> (closing a descriptor another thread waits on does not
/// wake it on Linux, and would let its number be reused).
/// </summary>
internal sealed class NetlinkUeventSocket : IDisposable
{
    /// <summary>Group 1: the kernel's own uevents.</summary>
    internal const uint KernelGroup = 1;

    /// <summary>Group 2: udevd's re-broadcast, in libudev's binary format.</summary>
    internal const uint UdevGroup = 2;

    private readonly SafeFileHandle _socket;
    private readonly SafeFileHandle _wake;

    private NetlinkUeventSocket(SafeFileHandle socket, SafeFileHandle wake, int receiveBufferBytes, bool forced)
    {
        _socket = socket;
        _wake = wake;
        ReceiveBufferBytes = receiveBufferBytes;
        ReceiveBufferForced = forced;
    }

    /// <summary>The receive buffer the kernel reports (it doubles the value asked for, for its bookkeeping).</summary>
    internal int ReceiveBufferBytes { get; }

    /// <summary>Whether SO_RCVBUFFORCE worked (it needs CAP_NET_ADMIN); otherwise SO_RCVBUF, capped by net.core.rmem_max, was used.</summary>
    internal bool ReceiveBufferForced { get; }

    /// <summary>
    /// Opens a socket bound to <paramref name="groups"/> (a bit mask: <see cref="KernelGroup"/> is 1) with a
    /// receive buffer of <paramref name="receiveBufferBytes"/>: SO_RCVBUFFORCE first (it ignores
    /// net.core.rmem_max but needs CAP_NET_ADMIN), SO_RCVBUF when that is refused.
    /// </summary>
    /// <exception cref="IOException">socket, bind or eventfd failed; the message names the call.</exception>
    internal static unsafe NetlinkUeventSocket Open(uint groups, int receiveBufferBytes)
    {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, Libc.NETLINK_KOBJECT_UEVENT);
        if (fd < 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), "socket(AF_NETLINK, NETLINK_KOBJECT_UEVENT)");
        }
        var socket = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            bool forced = SetInt(fd, Libc.SO_RCVBUFFORCE, receiveBufferBytes) == 0;
            if (!forced && SetInt(fd, Libc.SO_RCVBUF, receiveBufferBytes) != 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), "setsockopt(SO_RCVBUF) on the uevent socket");
            }
            var address = new NetlinkAddress { Family = Libc.AF_NETLINK, Groups = groups };
            // Port id 0 lets the kernel pick a unique one, so several listeners in one process can coexist.
            if (Libc.bind(fd, &address, (uint)sizeof(NetlinkAddress)) != 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), $"bind the uevent socket to groups {groups}");
            }
            int actual = 0;
            uint length = sizeof(int);
            _ = Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, &actual, &length);
            int wakeFd = Libc.eventfd(0, Libc.EFD_CLOEXEC);
            if (wakeFd < 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), "eventfd");
            }
            return new NetlinkUeventSocket(socket, new SafeFileHandle(wakeFd, ownsHandle: true), actual, forced);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static unsafe int SetInt(int fd, int option, int value) =>
        Libc.setsockopt(fd, Libc.SOL_SOCKET, option, &value, sizeof(int));

    /// <summary>
    /// Waits for a datagram or for <see cref="Wake"/>, and receives one datagram into <paramref name="buffer"/>
    /// with its sender's address.
    /// </summary>
    /// <exception cref="IOException">poll or recvfrom failed with an error other than EINTR or ENOBUFS.</exception>
    internal unsafe NetlinkReceiveResult Receive(Span<byte> buffer)
    {
        using var socketLease = new FdLease(_socket);
        using var wakeLease = new FdLease(_wake);
        while (true)
        {
            Span<PollDescriptor> set = [new PollDescriptor(socketLease.Fd, PollEvents.Readable), new PollDescriptor(wakeLease.Fd, PollEvents.Readable)];
            if (Poll.Wait(set, -1) == 0)
            {
                continue;
            }
            if (set[1].IsReadyToRead)
            {
                return new NetlinkReceiveResult(NetlinkReceiveStatus.Woken, 0, false, 0);
            }
            if (!set[0].IsReadyToRead)
            {
                continue;
            }
            var source = default(NetlinkAddress);
            uint sourceLength = (uint)sizeof(NetlinkAddress);
            nint n;
            fixed (byte* start = buffer)
            {
                // MSG_TRUNC makes recvfrom return the datagram's real length, so truncation is seen.
                n = Libc.recvfrom(socketLease.Fd, start, (nuint)buffer.Length, Libc.MSG_TRUNC, &source, &sourceLength);
            }
            if (n >= 0)
            {
                bool truncated = n > buffer.Length;
                return new NetlinkReceiveResult(NetlinkReceiveStatus.Message, (int)Math.Min(n, buffer.Length), truncated, source.PortId);
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.ENOBUFS)
            {
                return new NetlinkReceiveResult(NetlinkReceiveStatus.Overflow, 0, false, 0);
            }
            if (errno is not (Errno.EINTR or Errno.EAGAIN))
            {
                throw Errno.ToException(errno, "recvfrom the uevent socket");
            }
        }
    }

    /// <summary>Makes the current or next <see cref="Receive"/> return <see cref="NetlinkReceiveStatus.Woken"/>; it stays signalled.</summary>
    internal void Wake()
    {
        Span<byte> one = stackalloc byte[8];
        BitConverter.TryWriteBytes(one, 1UL);
        _ = Syscalls.WriteOnce(_wake, one, out _);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _socket.Dispose();
        _wake.Dispose();
    }
}
