using System.Collections.Concurrent;
using System.Collections.Immutable;
using Medulla.Logging;

namespace Medulla.SystemLog.Tests;

/// <summary>A log system at level all whose events are kept (as snapshots) and can be awaited.</summary>
internal sealed class EventCapture : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<LogEvent> _events = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<LogEvent, bool> Match, TaskCompletionSource<LogEvent> Done)> _waiters = [];

    public EventCapture()
    {
        System = new LogSystem(new LoggerConfig
        {
            Level = Level.All,
            Filters = [new LogFilter("capture", (e, _) => { Keep(e.Snapshot()); return FilterResult.Ignore; })],
        });
        System.AddHandler(new HandlerConfig { Id = "mem", Sink = () => Sink });
    }

    public LogSystem System { get; }

    public MemorySink Sink { get; } = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public Task<LogEvent> WaitFor(Func<LogEvent, bool> match)
    {
        lock (_lock)
        {
            foreach (LogEvent e in _events)
            {
                if (match(e))
                {
                    return Task.FromResult(e);
                }
            }
            var done = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(WaitLimit);
        }
    }

    private void Keep(LogEvent e)
    {
        lock (_lock)
        {
            _events.Enqueue(e);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(e))
                {
                    _waiters[i].Done.TrySetResult(e);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public void Dispose() => System.Dispose();
}

internal static class LogEventExtensions
{
    public static object? Meta(this LogEvent e, string key) => e.TryGetMetadata(key, out object? value) ? value : null;
}
