using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Medulla.Linux;

namespace Medulla.SystemLog;

/// <summary>
/// A /dev/log server: a unix datagram socket (mode 0666) whose datagrams are parsed and handed to a
/// delivery callback. A dedicated thread receives and parses; a second one delivers from a bounded queue,
/// so a slow consumer makes the receiver wait, the kernel buffer fill and the senders block (datagram
/// senders on a unix socket wait rather than drop): no message is lost and memory does not grow.
/// </summary>
/// <example>
/// <code>
/// using var server = SyslogServer.Start(new SyslogServerOptions { SocketPath = "/run/app/log" },
///     message => Console.WriteLine($"{message.AppName}: {message.Message}"));
/// </code>
/// </example>
public sealed class SyslogServer : IDisposable
{
    private const int PollMilliseconds = 250;

    private readonly UnixDatagramSocket _socket;
    private readonly Action<SyslogMessage> _deliver;
    private readonly TimeProvider _time;
    private readonly SystemLogMetrics _metrics;
    private readonly Channel<SyslogMessage> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _receiver;
    private readonly Thread _deliverer;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;
    private long _malformed;
    private long _truncated;
    private long _deliveryFailures;
    private int _disposed;

    private SyslogServer(UnixDatagramSocket socket, SyslogServerOptions options, Action<SyslogMessage> deliver, TimeProvider time, IMeterFactory? meterFactory)
    {
        _socket = socket;
        _deliver = deliver;
        _time = time;
        _metrics = SystemLogMetrics.For(meterFactory);
        _queue = Channel.CreateBounded<SyslogMessage>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _receiver = new Thread(Receive) { IsBackground = true, Name = "medulla-syslog-receive" };
        _deliverer = new Thread(Deliver) { IsBackground = true, Name = "medulla-syslog-deliver" };
    }

    /// <summary>Binds the socket and starts receiving.</summary>
    /// <param name="options">Socket path, buffer and queue sizes.</param>
    /// <param name="deliver">Called for every message, in order, on the server's delivery thread; an exception it throws is counted and the server goes on.</param>
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
        var server = new SyslogServer(socket, options, deliver, time ?? TimeProvider.System, meterFactory);
        server._receiver.Start();
        server._deliverer.Start();
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
        byte[] buffer = new byte[SyslogServerOptions.MaxDatagramBytes];
        ChannelWriter<SyslogMessage> writer = _queue.Writer;
        Exception? failure = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!_socket.Receive(buffer, out ReceivedDatagram datagram))
                {
                    _socket.WaitReadable(PollMilliseconds);
                    continue;
                }
                SyslogMessage message = Parse(buffer.AsSpan(0, datagram.Length), datagram);
                if (!writer.TryWrite(message))
                {
                    // Queue full: wait for the deliverer; meanwhile the kernel buffer absorbs the senders.
                    writer.WriteAsync(message, _stop.Token).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ChannelClosedException)
        {
            failure = ex;
        }
        writer.TryComplete(failure);
    }

    private SyslogMessage Parse(ReadOnlySpan<byte> bytes, ReceivedDatagram datagram)
    {
        Interlocked.Increment(ref _received);
        _metrics.SyslogReceived();
        var origin = new DatagramOrigin(datagram.Pid >= 0 ? datagram.Pid : null, datagram.Uid >= 0 ? datagram.Uid : null, datagram.Truncated);
        SyslogMessage message = SyslogParser.Parse(bytes, _time.GetLocalNow(), origin);
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

    private void Deliver()
    {
        ChannelReader<SyslogMessage> reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out SyslogMessage? message))
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
            }
            _stopped.TrySetResult();
        }
        catch (Exception ex) when (ex is IOException or ChannelClosedException)
        {
            _stopped.TrySetException(ex);
        }
    }

    /// <summary>Stops receiving, delivers what was already received, closes the socket and removes its file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stop.Cancel();
        _receiver.Join();
        _deliverer.Join();
        _socket.Dispose();
        _stop.Dispose();
    }
}
