using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>
/// What netlink sockets (the kernel's uevent broadcast) add to the socket calls of Libc.Sockets.cs: their
/// address, bind(2) and recvfrom(2) with it, and eventfd(2) to wake a thread that waits on one.
/// </summary>
internal static partial class Libc
{
    internal const int AF_NETLINK = 16;
    internal const int NETLINK_KOBJECT_UEVENT = 15;
    internal const int EFD_CLOEXEC = 0x80000;

    [LibraryImport(Lib, EntryPoint = "bind", SetLastError = true)]
    internal static unsafe partial int bind(int fd, NetlinkAddress* address, uint addressLength);

    [LibraryImport(Lib, EntryPoint = "recvfrom", SetLastError = true)]
    internal static unsafe partial nint recvfrom(int fd, byte* buffer, nuint length, int flags, NetlinkAddress* source, uint* sourceLength);

    [LibraryImport(Lib, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int eventfd(uint initialValue, int flags);
}

/// <summary>struct sockaddr_nl from linux/netlink.h.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NetlinkAddress
{
    public ushort Family;
    public ushort Padding;
    /// <summary>The port id: 0 for the kernel.</summary>
    public uint PortId;
    /// <summary>The multicast groups as a bit mask (group 1 is bit 0).</summary>
    public uint Groups;
}
