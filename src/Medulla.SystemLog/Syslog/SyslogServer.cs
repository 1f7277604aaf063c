using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.SystemLog;

/// <summary>
/// A /dev/log server: a unix datagram socket (mode 0666) whose datagrams are parsed and handed to a
/// delivery callback. One dedicated thread takes every datagram queued on the socket with one
/// recvmmsg(2) call, parses them and delivers them in order. While the callback runs, new datagrams wait
/// in the socket; when its queue is full (net.unix.max_dgram_qlen datagrams, or the receive buffer) the
/// senders block, since datagram senders on a unix socket wait rather than drop: no message is lost and
/// memory does not grow.
/// </summary>
/// <remarks>
/// There is no queue between receiving and delivering: a hand-off to another thread per message cost
/// more than the parsing and the logging together (docs/benchmarks-syslog.md), and a callback that is
/// slower than the senders would fill any queue anyway.
/// </remarks>
/// <example>
/// <code>
/// using var server = SyslogServer.Start(new SyslogServerOptions { SocketPath = "/run/app/log" },
///     message => Console.WriteLine($"{message.AppName}: {message.Message}"));
/// </code>
/// </example>
public sealed class SyslogServer : IDisposable
{
    // Datagrams per recvmmsg(2) call: more than Linux's default max_dgram_qlen (10) queues on the socket.
    private const int BatchSlots = 32;

    private readonly UnixDatagramSocket _socket;
    private readonly Action<SyslogMessage> _deliver;
    private readonly TimeProvider _time;
    private readonly SystemLogMetrics _metrics;
    private readonly Thread _receiver;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stop;
    private long _received;
    private long _malformed;
    private long _truncated;
    private long _deliveryFailures;
    private int _disposed;

    private SyslogServer(UnixDatagramSocket socket, Action<SyslogMessage> deliver, TimeProvider time, IMeterFactory? meterFactory)
    {
        _socket = socket;
        _deliver = deliver;
        _time = time;
        _metrics = SystemLogMetrics.For(meterFactory);
        _receiver = new Thread(Receive) { IsBackground = true, Name = "medulla-syslog" };
    }

    /// <summary>Binds the socket and starts receiving.</summary>
    /// <param name="options">Socket path, buffer and queue sizes.</param>
    /// <param name="deliver">Called for every message, in order, on the server's thread; while it runs the socket is not read. An exception it throws is counted and the server goes on.</param>
    /// <param name="time">The clock that completes RFC 3164 timestamps (year, zone); default the system clock.</param>
    /// <param name="meterFactory">The host's meter factory; null for the process-wide meter.</param>
    /// <exception cref="ArgumentException">An option is not allowed.</exception>
    /// <exception cref="IOException">The socket could not be bound (the path holds something that is not a socket, the directory is missing, ...); the message names the path.</exception>
    public static SyslogServer Start(SyslogServerOptions options, Action<SyslogMessage> deliver, TimeProvider? time = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deliver);
        options.Validate();
        UnixDatagramSocket socket = UnixDatagramSocket.Bind(options.SocketPath, options.ReceiveBufferBytes);
        var server = new SyslogServer(socket, deliver, time ?? TimeProvider.System, meterFactory);
        server._receiver.Start();
        return server;
    }

    /// <summary>The socket path.</summary>
    public string SocketPath => _socket.Path;

    /// <summary>The receive buffer the kernel granted, in bytes (as it reports it: twice the payload it holds).</summary>
    public int ReceiveBufferBytes => _socket.ReceiveBufferBytes;

    /// <summary>Datagrams received (malformed and truncated ones included).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Datagrams that could not be parsed (delivered with their raw text escaped).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Datagrams longer than 64 KiB, cut to that.</summary>
    public long Truncated => Interlocked.Read(ref _truncated);

    /// <summary>Messages whose delivery callback threw.</summary>
    public long DeliveryFailures => Interlocked.Read(ref _deliveryFailures);

    /// <summary>Completes when the server stopped: after <see cref="Dispose"/>, or faulted when receiving failed.</summary>
    public Task Stopped => _stopped.Task;

    private void Receive()
    {
        try
        {
            using var batch = new DatagramBatch(BatchSlots, SyslogServerOptions.MaxDatagramBytes);
            while (!_stop)
            {
                int count = _socket.Receive(batch);
                if (count == 0)
                {
                    continue;
                }
                Interlocked.Add(ref _received, count);
                _metrics.SyslogReceived(count);
                // One clock reading per batch: it only completes RFC 3164 timestamps (year, zone).
                DateTimeOffset now = _time.GetLocalNow();
                for (int i = 0; i < count; i++)
                {
                    Deliver(Parse(batch.Data(i), batch.Info(i), now));
                }
            }
            _stopped.TrySetResult();
        }
        catch (IOException ex)
        {
            _stopped.TrySetException(ex);
        }
    }

    private SyslogMessage Parse(ReadOnlySpan<byte> bytes, ReceivedDatagram datagram, DateTimeOffset now)
    {
        var origin = new DatagramOrigin(datagram.Pid >= 0 ? datagram.Pid : null, datagram.Uid >= 0 ? datagram.Uid : null, datagram.Truncated);
        SyslogMessage message = SyslogParser.Parse(bytes, now, origin);
        if (message.IsMalformed)
        {
            Interlocked.Increment(ref _malformed);
            _metrics.SyslogMalformed();
        }
        if (datagram.Truncated)
        {
            Interlocked.Increment(ref _truncated);
            _metrics.SyslogTruncated();
        }
        return message;
    }

    private void Deliver(SyslogMessage message)
    {
        try
        {
            _deliver(message);
        }
#pragma warning disable CA1031 // a consumer's bug must not stop the system log; it is counted
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _deliveryFailures);
        }
    }

    /// <summary>Stops receiving (after delivering the datagrams already taken from the socket), closes the socket and removes its file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stop = true;
        _receiver.Join();
        _socket.Dispose();
    }
}
