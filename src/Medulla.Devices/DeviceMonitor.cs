using System.Diagnostics.Metrics;
using Medulla.Linux;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Devices;

/// <summary>
/// The device side of a Medulla app: the <see cref="DeviceTable"/> filled by coldplug at
/// <see cref="Start"/> and kept current by the kernel's uevents, received on a netlink socket by a
/// dedicated thread; subscriptions to the events; and, when enabled, module autoload from MODALIAS.
/// When the kernel drops uevents (the socket's buffer overflowed: ENOBUFS) the loss is counted and sysfs
/// is read again, and the differences are applied and published as <see cref="DeviceEventSource.Rescan"/>
/// events, so the table never stays wrong.
/// </summary>
/// <example>
/// <code>
/// await using var monitor = new DeviceMonitor(new DevicesOptions());
/// monitor.Start();
/// var filter = new DeviceEventFilter();
/// filter.Subsystems.Add("block");
/// using DeviceSubscription disks = monitor.Subscribe(filter);
/// await foreach (DeviceEvent e in disks.Reader.ReadAllAsync())
/// {
///     Console.WriteLine($"{e.Action.ToKernelName()} {e.DevName}");
/// }
/// </code>
/// </example>
public sealed class DeviceMonitor : IAsyncDisposable
{
    // A uevent is at most 2048 bytes of environment (UEVENT_BUFFER_SIZE) plus its header; libudev's
    // messages can be longer. A larger datagram is truncated by recvfrom and counted as malformed.
    internal const int DatagramBufferBytes = 16 * 1024;

    private readonly DevicesOptions _options;
    private readonly ILogger _logger;
    private readonly DevicesMetrics _metrics;
    private readonly Lock _lock = new();
    private DeviceSubscription[] _subscriptions = [];
    private NetlinkUeventSocket? _socket;
    private Thread? _thread;
    private ModuleAutoloader? _autoloader;
    private bool _started;
    private bool _disposed;

    private long _received;
    private long _malformed;
    private long _udev;
    private long _foreign;
    private long _overflows;
    private long _rescans;
    private long _dropped;
    private string? _lastRejection;

    /// <summary>Creates a monitor; nothing is read or opened until <see cref="Start"/>.</summary>
    /// <param name="options">The settings (null: the defaults); checked here.</param>
    /// <param name="meterFactory">The host's meter factory (null: the process-wide meter <c>Medulla.Devices</c>).</param>
    /// <param name="logger">Where listener and modprobe failures are logged (null: nowhere).</param>
    /// <exception cref="DevicesConfigurationException">An option is not allowed; the message names the key.</exception>
    public DeviceMonitor(DevicesOptions? options = null, IMeterFactory? meterFactory = null, ILogger<DeviceMonitor>? logger = null)
    {
        _options = options ?? new DevicesOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = DevicesMetrics.For(meterFactory);
    }

    /// <summary>The devices, as coldplug found them and the events since changed them.</summary>
    public DeviceTable Table { get; } = new();

    /// <summary>Whether the listener thread is receiving uevents.</summary>
    public bool IsListening => _thread is { IsAlive: true };

    /// <summary>The receive buffer the kernel granted the socket, in bytes (0 before <see cref="Start"/>).</summary>
    public int ReceiveBufferBytes => _socket?.ReceiveBufferBytes ?? 0;

    /// <summary>The counters so far.</summary>
    public DevicesStatistics Statistics => new(
        Interlocked.Read(ref _received), Interlocked.Read(ref _malformed), Interlocked.Read(ref _udev), Interlocked.Read(ref _foreign),
        Interlocked.Read(ref _overflows), Interlocked.Read(ref _rescans), Interlocked.Read(ref _dropped), Volatile.Read(ref _lastRejection));

    /// <summary>
    /// Opens the uevent socket (when <see cref="DevicesOptions.Listen"/>), reads sysfs into the table (when
    /// <see cref="DevicesOptions.Coldplug"/>), optionally asks the kernel to re-announce every device, and
    /// starts the listener thread. The socket is opened before sysfs is read, so no event falls between.
    /// </summary>
    /// <exception cref="IOException">The netlink socket could not be opened or bound.</exception>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException("the device monitor is already started");
            }
            _started = true;
            if (_options.ModuleAutoload)
            {
                _autoloader = new ModuleAutoloader(_options.ModprobePath, _options.ModprobeBatchSize, _metrics, _logger);
            }
            if (_options.Listen)
            {
                _socket = NetlinkUeventSocket.Open(NetlinkUeventSocket.KernelGroup, _options.ReceiveBufferBytes());
                if (!_socket.ReceiveBufferForced)
                {
                    _logger.LogWarning("SO_RCVBUFFORCE was refused (it needs CAP_NET_ADMIN); the uevent socket has {Bytes} bytes of receive buffer", _socket.ReceiveBufferBytes);
                }
            }
            if (_options.Coldplug)
            {
                SysfsScan scan = SysfsDevices.Scan(_options.SysfsPath);
                foreach (Device device in scan.Devices)
                {
                    Table.Put(device);
                }
                if (scan.Errors.Count > 0)
                {
                    // Usually a device that went away during the walk; its remove event follows.
                    _logger.LogDebug("coldplug read {Count} devices; {Errors} could not be read, the first: {First}", scan.Devices.Count, scan.Errors.Count, scan.Errors[0]);
                }
                _autoloader?.Request(scan.Devices.Select(d => d.Get("MODALIAS")).OfType<string>());
            }
            if (_options.TriggerColdplug)
            {
                SysfsDevices.TriggerAdd(_options.SysfsPath);
            }
            if (_socket is not null)
            {
                _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "Medulla uevents" };
                _thread.Start(_socket);
            }
        }
    }

    /// <summary>
    /// Subscribes to the events that pass <paramref name="filter"/> (null: all), queued up to
    /// <paramref name="capacity"/> (null: <see cref="DevicesOptions.SubscriberCapacity"/>); beyond it events
    /// are dropped for this subscriber only and counted.
    /// </summary>
    public DeviceSubscription Subscribe(DeviceEventFilter? filter = null, int? capacity = null)
    {
        int size = capacity ?? _options.SubscriberCapacity;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(capacity));
        var subscription = new DeviceSubscription(filter ?? new DeviceEventFilter(), size, this);
        lock (_lock)
        {
            if (_disposed)
            {
                subscription.Complete();
                return subscription;
            }
            _subscriptions = [.. _subscriptions, subscription];
        }
        return subscription;
    }

    /// <summary>Handles one received datagram: parse, apply to the table, publish, autoload. Never throws for bad input.</summary>
    internal void Dispatch(ReadOnlySpan<byte> datagram, uint senderPortId, bool truncated)
    {
        // Any process may send to a netlink group it can bind; only the kernel (port id 0) is believed.
        if (senderPortId != 0)
        {
            Interlocked.Increment(ref _foreign);
            _metrics.NotFromKernel();
            return;
        }
        if (truncated)
        {
            Reject($"datagram longer than {datagram.Length} bytes, truncated");
            return;
        }
        UeventParseResult result = UeventParser.Parse(datagram);
        switch (result.Outcome)
        {
            case UeventParseOutcome.Udev:
                Interlocked.Increment(ref _udev);
                _metrics.UdevSkipped();
                return;
            case UeventParseOutcome.Malformed:
                Reject(result.Reason!);
                return;
        }
        Interlocked.Increment(ref _received);
        _metrics.Received();
        DeviceEvent uevent = result.Event!;
        Table.Apply(uevent);
        Publish(uevent);
        if (uevent.Action == DeviceAction.Add && uevent.Get("MODALIAS") is { } alias)
        {
            _autoloader?.Request([alias]);
        }
    }

    /// <summary>Counts an overflow (ENOBUFS) and reconciles the table with a fresh read of sysfs.</summary>
    internal void Overflowed()
    {
        Interlocked.Increment(ref _overflows);
        _metrics.Overflow();
        _logger.LogWarning("the kernel dropped uevents (ENOBUFS); re-reading {Path}/devices", _options.SysfsPath);
        Rescan();
    }

    /// <summary>Reads sysfs again, applies the differences to the table and publishes them; returns them.</summary>
    internal IReadOnlyList<DeviceEvent> Rescan()
    {
        SysfsScan scan = SysfsDevices.Scan(_options.SysfsPath);
        IReadOnlyList<DeviceEvent> changes = Table.Reconcile(scan.Devices);
        Interlocked.Increment(ref _rescans);
        _metrics.Rescan();
        foreach (DeviceEvent change in changes)
        {
            Publish(change);
        }
        _autoloader?.Request(changes.Where(c => c.Action == DeviceAction.Add).Select(c => c.Get("MODALIAS")).OfType<string>());
        return changes;
    }

    internal ModuleAutoloader? Autoloader => _autoloader;

    internal void Unsubscribe(DeviceSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }

    internal void SubscriberDropped()
    {
        Interlocked.Increment(ref _dropped);
        _metrics.Dropped();
    }

    internal void QueuePeakReached(int length) => _metrics.QueuePeak(length);

    private void Publish(DeviceEvent uevent)
    {
        foreach (DeviceSubscription subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Offer(uevent);
        }
    }

    private void Reject(string reason)
    {
        Interlocked.Increment(ref _malformed);
        Volatile.Write(ref _lastRejection, reason);
        _metrics.Malformed();
        _logger.LogDebug("malformed uevent datagram: {Reason}", reason);
    }

    /// <summary>Waits for one datagram (or an overflow, or the wake-up) on <paramref name="socket"/> and handles it.</summary>
    internal NetlinkReceiveStatus ReceiveOne(NetlinkUeventSocket socket, byte[] buffer)
    {
        NetlinkReceiveResult result = socket.Receive(buffer);
        switch (result.Status)
        {
            case NetlinkReceiveStatus.Overflow:
                Overflowed();
                break;
            case NetlinkReceiveStatus.Message:
                Dispatch(buffer.AsSpan(0, result.Length), result.SenderPortId, result.Truncated);
                break;
        }
        return result.Status;
    }

    private void ReceiveLoop(object? state)
    {
        var socket = (NetlinkUeventSocket)state!;
        byte[] buffer = new byte[DatagramBufferBytes];
        try
        {
            while (ReceiveOne(socket, buffer) != NetlinkReceiveStatus.Woken)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _logger.LogError(ex, "the uevent listener stopped");
            foreach (DeviceSubscription subscription in Volatile.Read(ref _subscriptions))
            {
                subscription.Complete(ex);
            }
        }
    }

    /// <summary>Stops the listener thread and module autoload, and completes every subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        DeviceSubscription[] subscriptions;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            subscriptions = _subscriptions;
            _subscriptions = [];
        }
        _socket?.Wake();
        _thread?.Join();
        _socket?.Dispose();
        if (_autoloader is not null)
        {
            await _autoloader.DisposeAsync().ConfigureAwait(false);
        }
        foreach (DeviceSubscription subscription in subscriptions)
        {
            subscription.Complete();
        }
    }
}

/// <summary>The monitor's counters.</summary>
/// <param name="Received">Kernel uevents received and parsed.</param>
/// <param name="Malformed">Datagrams rejected (malformed or truncated).</param>
/// <param name="UdevSkipped">udevd's libudev datagrams recognised and skipped.</param>
/// <param name="NotFromKernel">Datagrams from a sender other than the kernel, ignored.</param>
/// <param name="Overflows">Times the kernel reported lost uevents (ENOBUFS).</param>
/// <param name="Rescans">Re-reads of sysfs that reconciled the table.</param>
/// <param name="Dropped">Events dropped because a subscriber's queue was full, all subscribers together.</param>
/// <param name="LastRejection">Why the last malformed datagram was rejected, or null.</param>
public sealed record DevicesStatistics(long Received, long Malformed, long UdevSkipped, long NotFromKernel, long Overflows, long Rescans, long Dropped, string? LastRejection);
