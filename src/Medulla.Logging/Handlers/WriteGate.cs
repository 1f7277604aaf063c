namespace Medulla.Logging;

/// <summary>
/// Holds back handlers' first writes until start-up work they depend on is done: the data partition
/// mounted before a file handler opens its file under it, the previous boot's pstore archived before the
/// pmsg handler writes. A handler waits on its writer thread, so the app's threads only queue events
/// meanwhile (overload protection applies as usual). The wait is bounded by <see cref="Limit"/>: a gate
/// nobody opens (a host built but never started) delays the writes, never loses them.
/// </summary>
public sealed class WriteGate
{
    /// <summary>How long a first write waits at most for the gate.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly Lock _lock = new();
    private TaskCompletionSource? _event;

    /// <summary>Whether the gate is held (first writes wait).</summary>
    public bool IsHeld
    {
        get
        {
            lock (_lock)
            {
                return _event is { Task.IsCompleted: false };
            }
        }
    }

    /// <summary>Holds the gate (again, when it was opened before).</summary>
    public void Hold()
    {
        lock (_lock)
        {
            if (_event is null || _event.Task.IsCompleted)
            {
                _event = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Opens the gate: waiting writes go on, later ones do not wait.</summary>
    public void Open()
    {
        lock (_lock)
        {
            _event?.TrySetResult();
        }
    }

    /// <summary>Waits until the gate is open or <paramref name="limit"/> passed; false when the limit passed.</summary>
    public bool Wait(TimeSpan limit)
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            gate = _event;
        }
        return gate is null || gate.Task.Wait(limit);
    }

    /// <summary>Opens the gate and forgets it (tests).</summary>
    internal void Reset()
    {
        lock (_lock)
        {
            _event?.TrySetResult();
            _event = null;
        }
    }
}
