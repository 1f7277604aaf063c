namespace Medulla.Bench.Heart;

/// <summary>One thread's counts over the measured window.</summary>
/// <param name="Tid">Its id; the main thread's is the process's PID.</param>
/// <param name="Name">Its name.</param>
/// <param name="Voluntary">Voluntary context switches in the window.</param>
/// <param name="Involuntary">Involuntary ones.</param>
/// <param name="Timeslices">Times put on a CPU (schedstat), when the kernel keeps it.</param>
/// <param name="Lifetime">"whole window", "started in the window" or "exited in the window".</param>
internal sealed record ThreadWakeups(int Tid, string Name, long Voluntary, long Involuntary, long? Timeslices, string Lifetime)
{
    internal long Switches => Voluntary + Involuntary;
}

/// <summary>
/// Follows one process's threads through the window: a baseline at the start, then a sample every time
/// <see cref="Sample"/> is called (the bench does once a second). A thread that starts in the window counts
/// from zero (a new thread's counters start at zero); one that exits keeps what it had at its last sample,
/// so at most the last second of its life is lost. Reading /proc does not wake the process.
/// </summary>
internal sealed class WakeupTracker
{
    private readonly int _pid;
    private readonly Dictionary<int, ThreadSample> _first = [];
    private readonly Dictionary<int, ThreadSample> _last = [];
    private readonly HashSet<int> _started = [];
    private HashSet<int> _present = [];

    internal WakeupTracker(int pid)
    {
        _pid = pid;
        foreach (ThreadSample t in ThreadCounters.Read(pid))
        {
            _first[t.Tid] = t;
            _last[t.Tid] = t;
        }
        _present = [.. _first.Keys];
        ThreadsAtStart = _first.Count;
    }

    internal int ThreadsAtStart { get; }

    internal int ThreadsAtEnd => _present.Count;

    internal void Sample()
    {
        List<ThreadSample> now = ThreadCounters.Read(_pid);
        foreach (ThreadSample t in now)
        {
            if (_first.TryAdd(t.Tid, new ThreadSample(t.Tid, t.Name, 0, 0, t.Timeslices is null ? null : 0)))
            {
                _started.Add(t.Tid);
            }
            _last[t.Tid] = t;
        }
        _present = [.. now.Select(t => t.Tid)];
    }

    /// <summary>Takes the last sample and returns every thread seen in the window, the busiest first.</summary>
    internal List<ThreadWakeups> Finish()
    {
        Sample();
        return [.. _last.Values
            .Select(last =>
            {
                ThreadSample first = _first[last.Tid];
                string lifetime = (_started.Contains(last.Tid), _present.Contains(last.Tid)) switch
                {
                    (false, true) => "whole window",
                    (true, true) => "started in the window",
                    (false, false) => "exited in the window",
                    (true, false) => "started and exited in the window",
                };
                return new ThreadWakeups(last.Tid, last.Name, last.Voluntary - first.Voluntary, last.Involuntary - first.Involuntary,
                    last.Timeslices - first.Timeslices, lifetime);
            })
            .OrderByDescending(t => t.Switches)];
    }
}
