using System.Net.Sockets;

namespace Medulla.Bench.Syslog;

/// <summary>
/// A receiver that only counts datagrams, inside the bench: what it measures is the senders' own rate,
/// which must be well above every real receiver's or the comparison measures the senders.
/// </summary>
internal sealed class DrainReceiver : SyslogReceiver
{
    private Socket? _socket;
    private Thread? _thread;
    private long _count;

    internal override string Name => "senders-alone";

    internal override string Description => "a thread of the bench receiving the datagrams and counting them (no parsing, no file): the senders' own rate";

    internal override void Start(string directory)
    {
        SocketPath = Path.Combine(directory, "drain.sock");
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { ReceiveBufferSize = 4 << 20 };
        _socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _thread = new Thread(Receive) { IsBackground = true, Name = "drain" };
        _thread.Start();
    }

    internal override long Delivered() => Interlocked.Read(ref _count);

    private void Receive()
    {
        byte[] buffer = new byte[65536];
        try
        {
            while (true)
            {
                int n = _socket!.Receive(buffer);
                if (buffer.AsSpan(0, n).IndexOf(DatagramSenders.Marker) >= 0)
                {
                    Interlocked.Increment(ref _count);
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
            // Closed by Dispose.
        }
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        _thread?.Join();
        base.Dispose();
    }
}
