using System.Threading.Channels;

namespace Medulla.TestSupport;

/// <summary>
/// A clock a test moves by hand (Microsoft.Extensions.TimeProvider.Testing does not restore here).
/// Timers fire synchronously inside <see cref="Advance"/>.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly Channel<bool> _armed = Channel.CreateUnbounded<bool>();
    private DateTimeOffset _now;
    private long _ticks;

    public ManualTime(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() { lock (_lock) { return _now; } }

    public override long GetTimestamp() { lock (_lock) { return _ticks; } }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Waits until a timer is armed with a due time (say, a <c>Task.Delay(d, time)</c> the code under test
    /// started), so the test advances the clock only once something waits on it. Each arming counts once.
    /// </summary>
    public async Task WaitForTimerAsync(TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30));
        try
        {
            await _armed.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException("no timer was armed on the manual clock");
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            _ticks += by.Ticks;
            due = _timers.Where(t => t.DueAt <= _ticks).ToList();
            foreach (ManualTimer t in due)
            {
                _timers.Remove(t);
            }
        }
        foreach (ManualTimer t in due)
        {
            t.Fire();
        }
    }

    private sealed class ManualTimer(ManualTime owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner._ticks + dueTime.Ticks;
                    owner._timers.Add(this);
                }
            }
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                owner._armed.Writer.TryWrite(true);
            }
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
