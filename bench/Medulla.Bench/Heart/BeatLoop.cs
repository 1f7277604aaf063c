using System.Diagnostics;

namespace Medulla.Bench.Heart;

/// <summary>
/// Beats every heart on one fixed schedule (origin + k x interval) from a dedicated thread, so that
/// nothing the bench does meanwhile (publishing, sampling /proc, a GC) can delay a beat towards the
/// heartbeat timeout. All hearts get each beat back to back, the order alternating, so both programs see
/// the same input at the same moments.
/// </summary>
internal sealed class BeatLoop : IDisposable
{
    private readonly IReadOnlyList<NamespacedHeart> _hearts;
    private readonly long _interval;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private readonly List<long> _sent = [];
    private readonly Lock _sentLock = new();
    private volatile string? _failure;

    internal BeatLoop(IReadOnlyList<NamespacedHeart> hearts, TimeSpan interval)
    {
        _hearts = hearts;
        Interval = interval;
        _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        Origin = Stopwatch.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = "heart beats", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    internal TimeSpan Interval { get; }

    /// <summary>The Stopwatch timestamp of the first beat; beat k is due at Origin + k x interval.</summary>
    internal long Origin { get; }

    /// <summary>Set when a heart stopped taking beats (it exited).</summary>
    internal string? Failure => _failure;

    /// <summary>The first moment at or after <paramref name="timestamp"/> that lies halfway between two beats.</summary>
    internal long MidpointAtOrAfter(long timestamp)
    {
        long k = Math.Max(0, (long)Math.Ceiling((timestamp - Origin - (_interval / 2.0)) / _interval));
        return Origin + (k * _interval) + (_interval / 2);
    }

    /// <summary>How many beats went out between two Stopwatch timestamps.</summary>
    internal int BeatsBetween(long from, long to)
    {
        lock (_sentLock)
        {
            return _sent.Count(t => t >= from && t < to);
        }
    }

    /// <summary>The longest time between two beats so far: the check that the schedule held.</summary>
    internal TimeSpan LongestGap()
    {
        lock (_sentLock)
        {
            long longest = 0;
            for (int i = 1; i < _sent.Count; i++)
            {
                longest = Math.Max(longest, _sent[i] - _sent[i - 1]);
            }
            return TimeSpan.FromSeconds((double)longest / Stopwatch.Frequency);
        }
    }

    /// <summary>Stops beating (before SHUT_DOWN; the hearts' timeout is far longer than what follows).</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        for (long k = 0; ; k++)
        {
            long due = Origin + (k * _interval);
            long wait = due - Stopwatch.GetTimestamp();
            if (wait > 0 && _stop.Wait(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)))
            {
                return;
            }
            if (_stop.IsSet)
            {
                return;
            }
            if (-wait > _interval)
            {
                // Far behind (the machine stalled): one beat now, then back on the schedule, never a burst.
                k = (Stopwatch.GetTimestamp() - Origin) / _interval;
            }
            long now = Stopwatch.GetTimestamp();
            for (int i = 0; i < _hearts.Count; i++)
            {
                NamespacedHeart heart = _hearts[(int)((i + k) % _hearts.Count)];
                if (!heart.Send(HeartFrames.Beat))
                {
                    _failure ??= $"{heart.Program.Name} stopped taking beats";
                }
            }
            lock (_sentLock)
            {
                _sent.Add(now);
            }
        }
    }
}
