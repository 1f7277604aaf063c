using System.Runtime.InteropServices;
using System.Text;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>What the kernel said about one datagram of a <see cref="DatagramBatch"/>.</summary>
/// <param name="Length">Bytes placed in the buffer.</param>
/// <param name="DatagramLength">The datagram's real length: larger than <paramref name="Length"/> when it was cut.</param>
/// <param name="Pid">The sender's pid from SCM_CREDENTIALS, or -1.</param>
/// <param name="Uid">The sender's uid from SCM_CREDENTIALS, or -1.</param>
internal readonly record struct ReceivedDatagram(int Length, int DatagramLength, int Pid, long Uid)
{
    public bool Truncated => DatagramLength > Length;
}

/// <summary>
/// A bound AF_UNIX datagram socket (a /dev/log server) whose receive waits at most
/// <see cref="ReceiveTimeout"/> for a datagram, so the receiving thread can notice a stop without
/// polling before every receive. The socket file is created mode
/// 0666 so every program may log, a stale socket file left by an earlier run is replaced, and anything
/// else at the path is refused: replacing a regular file or a device would destroy someone's data.
/// </summary>
internal sealed unsafe class UnixDatagramSocket : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private int _disposed;

    /// <summary>How long one receive waits for the first datagram before it returns none.</summary>
    public static readonly TimeSpan ReceiveTimeout = TimeSpan.FromMilliseconds(250);

    private UnixDatagramSocket(SafeFileHandle handle, string path, int receiveBufferBytes)
    {
        _handle = handle;
        _path = path;
        ReceiveBufferBytes = receiveBufferBytes;
    }

    /// <summary>The receive buffer the kernel granted (it reports twice what was asked, for its bookkeeping).</summary>
    public int ReceiveBufferBytes { get; }

    /// <summary>The socket path.</summary>
    public string Path => _path;

    /// <summary>Binds a socket at <paramref name="path"/>.</summary>
    /// <param name="path">The socket path; its directory must exist.</param>
    /// <param name="receiveBufferBytes">The receive buffer to ask for: SO_RCVBUFFORCE (root) past rmem_max, else SO_RCVBUF.</param>
    /// <exception cref="IOException">The path holds something that is not a socket, is too long, or a call failed; the message names the path.</exception>
    public static UnixDatagramSocket Bind(string path, int receiveBufferBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] pathBytes = Encoding.UTF8.GetBytes(path);
        if (pathBytes.Length >= SockaddrUnix.PathCapacity)
        {
            throw new IOException($"socket path {path} is {pathBytes.Length} bytes; a unix socket path must be shorter than {SockaddrUnix.PathCapacity} bytes");
        }
        FileType? existing = FileTypes.OfPath(path);
        if (existing is FileType.Socket)
        {
            if (IsServed(path))
            {
                throw new IOException($"{path} is a socket another server receives on; refusing to replace it");
            }
            // A socket file outlives the process that bound it; nobody can receive on it any more.
            File.Delete(path);
        }
        else if (existing is not null)
        {
            throw new IOException($"{path} exists and is a {existing}, not a socket; refusing to replace it");
        }
        int fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"socket for {path}");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var address = new SockaddrUnix { Family = Libc.AF_UNIX };
            pathBytes.CopyTo(new Span<byte>(address.Path, SockaddrUnix.PathCapacity));
            uint length = (uint)(sizeof(ushort) + pathBytes.Length + 1);
            if (Libc.bind(fd, &address, length) < 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), $"bind {path}");
            }
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            int one = 1;
            // Without credentials passing the sender is unknown; not fatal.
            _ = Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_PASSCRED, &one, sizeof(int));
            var timeout = new TimeValue { Seconds = 0, Microseconds = (nint)(ReceiveTimeout.Ticks / TimeSpan.TicksPerMicrosecond) };
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, &timeout, (uint)sizeof(TimeValue)) < 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), $"SO_RCVTIMEO on {path}");
            }
            int size = receiveBufferBytes;
            if (size > 0 && Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, &size, sizeof(int)) < 0)
            {
                // Not root (no CAP_NET_ADMIN): the kernel caps SO_RCVBUF at net.core.rmem_max.
                _ = Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, &size, sizeof(int));
            }
            int granted = 0;
            uint grantedLength = sizeof(int);
            _ = Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, &granted, &grantedLength);
            return new UnixDatagramSocket(handle, path, granted);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether a server is bound to the socket at <paramref name="path"/>: connecting to a stale one is refused.</summary>
    private static bool IsServed(string path)
    {
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            probe.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionRefused)
        {
            return false;
        }
    }

    /// <summary>
    /// Receives the datagrams queued on the socket, up to the batch's slot count, with one recvmmsg(2)
    /// call that waits up to <see cref="ReceiveTimeout"/> for the first one. Returns how many arrived (0
    /// when none came in that time). A datagram longer than a slot is cut to fit and reported with its
    /// real length.
    /// </summary>
    /// <exception cref="IOException">recvmmsg failed otherwise.</exception>
    public int Receive(DatagramBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var lease = new FdLease(_handle);
        MultiMessageHeader* headers = batch.PrepareHeaders();
        int n;
        int errno;
        do
        {
            n = Libc.recvmmsg(lease.Fd, headers, (uint)batch.Capacity, Libc.MSG_TRUNC | Libc.MSG_WAITFORONE, null);
        }
        while (Syscalls.Interrupted(n, out errno));
        if (n < 0)
        {
            if (errno == Errno.EAGAIN)
            {
                return 0;
            }
            throw Errno.ToException(errno, $"recvmmsg {_path}");
        }
        batch.Received(n);
        return n;
    }

    /// <summary>The sender's pid and uid from an SCM_CREDENTIALS control message, or (-1, -1) when there is none.</summary>
    internal static (int Pid, long Uid) FindCredentials(byte* control, int length)
    {
        int align = IntPtr.Size;
        int headerSize = (sizeof(ControlMessageHeader) + align - 1) & ~(align - 1);
        int offset = 0;
        while (offset + sizeof(ControlMessageHeader) <= length)
        {
            var cmsg = (ControlMessageHeader*)(control + offset);
            int cmsgLength = (int)cmsg->Length;
            if (cmsgLength < sizeof(ControlMessageHeader) || offset + cmsgLength > length)
            {
                break;
            }
            if (cmsg->Level == Libc.SOL_SOCKET && cmsg->Type == Libc.SCM_CREDENTIALS && cmsgLength >= headerSize + sizeof(Credentials))
            {
                var credentials = (Credentials*)(control + offset + headerSize);
                return (credentials->Pid, credentials->Uid);
            }
            offset += (cmsgLength + align - 1) & ~(align - 1);
        }
        return (-1, -1);
    }

    /// <summary>Closes the socket and removes its file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _handle.Dispose();
        if (FileTypes.OfPath(_path) is FileType.Socket)
        {
            File.Delete(_path);
        }
    }
}
