using System.Net.Sockets;
using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Bench.Syslog;

/// <summary>
/// A receiver that only counts datagrams, inside the bench, taking up to <see cref="Batch"/> per
/// recvmmsg(2) call: what it measures is the senders' own rate, which must be well above every real
/// receiver's or the comparison measures the senders.
/// </summary>
internal sealed unsafe class DrainReceiver : SyslogReceiver
{
    private const int Batch = 256;

    // The bench's messages are about 130 bytes; the marker is within the first 64. A longer datagram is
    // cut (MSG_TRUNC in the header's flags) and still counted.
    private const int SlotBytes = 256;

    private const int EINTR = 4;
    private const int EAGAIN = 11;

    private Socket? _socket;
    private Thread? _thread;
    private volatile bool _stop;
    private long _count;

    internal override string Name => "senders-alone";

    internal override string Description =>
        $"a thread of the bench receiving the datagrams with recvmmsg(2) ({Batch} per call) and counting them (no parsing, no file): the senders' own rate";

    internal override void Start(string directory)
    {
        SocketPath = Path.Combine(directory, "drain.sock");
        // A receive timeout lets the thread see the stop flag: closing a socket does not wake a blocked recvmmsg.
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { ReceiveBufferSize = 4 << 20, ReceiveTimeout = 200, Blocking = true };
        _socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _thread = new Thread(Receive) { IsBackground = true, Name = "drain" };
        _thread.Start();
    }

    internal override long Delivered() => Interlocked.Read(ref _count);

    private void Receive()
    {
        int fd = (int)_socket!.SafeHandle.DangerousGetHandle();
        byte* data = (byte*)NativeMemory.Alloc(Batch * SlotBytes);
        var vectors = (IoVector*)NativeMemory.AllocZeroed(Batch, (nuint)sizeof(IoVector));
        var headers = (MultiMessageHeader*)NativeMemory.AllocZeroed(Batch, (nuint)sizeof(MultiMessageHeader));
        try
        {
            for (int i = 0; i < Batch; i++)
            {
                vectors[i].Base = data + i * SlotBytes;
                vectors[i].Length = SlotBytes;
                headers[i].Header.Vectors = &vectors[i];
                headers[i].Header.VectorCount = 1;
            }
            while (!_stop)
            {
                int n = Libc.recvmmsg(fd, headers, Batch, Libc.MSG_WAITFORONE, null);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno is EINTR or EAGAIN)
                    {
                        continue;
                    }
                    return;
                }
                int counted = 0;
                for (int i = 0; i < n; i++)
                {
                    var received = new ReadOnlySpan<byte>(vectors[i].Base, (int)Math.Min(headers[i].Length, SlotBytes));
                    if (received.IndexOf(DatagramSenders.Marker) >= 0)
                    {
                        counted++;
                    }
                }
                Interlocked.Add(ref _count, counted);
            }
        }
        finally
        {
            NativeMemory.Free(headers);
            NativeMemory.Free(vectors);
            NativeMemory.Free(data);
        }
    }

    public override void Dispose()
    {
        _stop = true;
        _thread?.Join();
        _socket?.Dispose();
        base.Dispose();
    }
}
