namespace Medulla.Logging;

/// <summary>
/// A real-time bound on a wait (not the injected clock: it bounds a real wait on another thread), where
/// <see cref="Timeout.InfiniteTimeSpan"/> means no bound.
/// </summary>
internal readonly struct WaitDeadline
{
    private const long None = long.MaxValue;

    /// <summary>Environment.TickCount64 at the deadline, or <see cref="None"/>.</summary>
    private readonly long _at;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    internal WaitDeadline(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            _at = None;
            return;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        _at = Environment.TickCount64 + (long)Math.Min(timeout.TotalMilliseconds, int.MaxValue);
    }

    /// <summary>Time left (zero once passed; infinite without a bound), short enough for Monitor.Wait and Thread.Join.</summary>
    internal TimeSpan Left => _at == None
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromMilliseconds(Math.Clamp(_at - Environment.TickCount64, 0, int.MaxValue));
}
