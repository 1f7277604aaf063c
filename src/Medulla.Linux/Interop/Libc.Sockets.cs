using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>
/// Sockets: socket(2), setsockopt(2) and getsockopt(2) for every socket we open; bind(2) and recvmsg(2)
/// with SCM_CREDENTIALS for the /dev/log server's unix datagram socket (netlink's address is in
/// Libc.Netlink.cs); sendmmsg(2) and recvmmsg(2), many datagrams per call, for the syslog benchmark's
/// senders and drain; and lseek(2) for /dev/kmsg's SEEK_END.
/// </summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "socket", SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Lib, EntryPoint = "bind", SetLastError = true)]
    internal static unsafe partial int bind(int fd, SockaddrUnix* address, uint addressLength);

    [LibraryImport(Lib, EntryPoint = "setsockopt", SetLastError = true)]
    internal static unsafe partial int setsockopt(int fd, int level, int option, void* value, uint valueLength);

    [LibraryImport(Lib, EntryPoint = "getsockopt", SetLastError = true)]
    internal static unsafe partial int getsockopt(int fd, int level, int option, void* value, uint* valueLength);

    [LibraryImport(Lib, EntryPoint = "recvmsg", SetLastError = true)]
    internal static unsafe partial nint recvmsg(int fd, MessageHeader* message, int flags);

    [LibraryImport(Lib, EntryPoint = "sendmmsg", SetLastError = true)]
    internal static unsafe partial int sendmmsg(int fd, MultiMessageHeader* messages, uint count, int flags);

    [LibraryImport(Lib, EntryPoint = "recvmmsg", SetLastError = true)]
    internal static unsafe partial int recvmmsg(int fd, MultiMessageHeader* messages, uint count, int flags, void* timeout);

    [LibraryImport(Lib, EntryPoint = "lseek64", SetLastError = true)]
    internal static partial long lseek64(int fd, long offset, int whence);

    // The asm-generic values, the same on x86, x86-64, arm, arm64 and riscv.
    internal const int AF_UNIX = 1;
    internal const int SOCK_DGRAM = 2;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int SOL_SOCKET = 1;
    internal const int SO_RCVBUF = 8;
    internal const int SO_PASSCRED = 16;

    /// <summary>SO_RCVTIMEO_OLD: its value is a struct timeval of native longs (<see cref="TimeValue"/>).</summary>
    internal const int SO_RCVTIMEO = 20;
    internal const int SO_RCVBUFFORCE = 33;
    internal const int SCM_CREDENTIALS = 2;

    /// <summary>As a recvmsg flag: return the datagram's real length even when it did not fit.</summary>
    internal const int MSG_TRUNC = 0x20;

    /// <summary>As a recvmmsg flag: block for the first datagram only, then take what is queued.</summary>
    internal const int MSG_WAITFORONE = 0x10000;

    internal const int SEEK_SET = 0;
    internal const int SEEK_END = 2;
}

/// <summary>struct sockaddr_un: the family, then a path of up to 108 bytes (NUL-terminated when shorter).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockaddrUnix
{
    public const int PathCapacity = 108;

    public ushort Family;
    public fixed byte Path[PathCapacity];
}

/// <summary>struct timeval as SO_RCVTIMEO_OLD takes it: native-sized seconds and microseconds.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeValue
{
    public nint Seconds;
    public nint Microseconds;
}

/// <summary>struct iovec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public byte* Base;
    public nuint Length;
}

/// <summary>struct msghdr; size_t and pointer fields are native-sized, so the layout holds on 32 and 64 bits.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct mmsghdr: one message of sendmmsg(2)/recvmmsg(2) and the bytes the kernel moved for it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MultiMessageHeader
{
    public MessageHeader Header;
    public uint Length;
}

/// <summary>struct cmsghdr; its data follows, aligned to size_t.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ControlMessageHeader
{
    public nuint Length;
    public int Level;
    public int Type;
}

/// <summary>struct ucred, the data of an SCM_CREDENTIALS control message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Credentials
{
    public int Pid;
    public uint Uid;
    public uint Gid;
}
