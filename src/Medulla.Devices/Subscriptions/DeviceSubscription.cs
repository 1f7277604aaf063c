using System.Threading.Channels;

namespace Medulla.Devices;

/// <summary>
/// A subscriber's queue of events. It is bounded: when the subscriber does not keep up, new events are
/// dropped and counted in <see cref="Dropped"/> rather than making the listener wait. Dispose to
/// unsubscribe (the reader then completes).
/// </summary>
public sealed class DeviceSubscription : IDisposable
{
    private readonly Channel<DeviceEvent> _channel;
    private readonly DeviceMonitor _owner;
    private long _dropped;
    private int _peak;

    internal DeviceSubscription(DeviceEventFilter filter, int capacity, DeviceMonitor owner)
    {
        Filter = filter;
        Capacity = capacity;
        _owner = owner;
        _channel = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses the event, which is then counted
            SingleWriter = true,
            SingleReader = false,
        });
    }

    /// <summary>The events that passed <see cref="Filter"/>, in the order they happened.</summary>
    public ChannelReader<DeviceEvent> Reader => _channel.Reader;

    /// <summary>The filter events pass before they are queued.</summary>
    public DeviceEventFilter Filter { get; }

    /// <summary>How many events the queue holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Events that matched but were dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The longest the queue has been.</summary>
    public int QueuePeak => Volatile.Read(ref _peak);

    /// <summary>Offers an event; never waits.</summary>
    internal void Offer(DeviceEvent uevent)
    {
        if (!Filter.Matches(uevent))
        {
            return;
        }
        if (_channel.Writer.TryWrite(uevent))
        {
            int length = _channel.Reader.Count;
            if (length > _peak)
            {
                Volatile.Write(ref _peak, length);
                _owner.QueuePeakReached(length);
            }
        }
        else if (!_channel.Reader.Completion.IsCompleted)
        {
            Interlocked.Increment(ref _dropped);
            _owner.SubscriberDropped();
        }
    }

    internal void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>Unsubscribes; the reader completes after the queued events.</summary>
    public void Dispose()
    {
        _owner.Unsubscribe(this);
        Complete();
    }
}
