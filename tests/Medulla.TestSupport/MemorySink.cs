using System.Text;
using Medulla.Logging;

namespace Medulla.TestSupport;

/// <summary>A sink that keeps every record as text and lets a test await a record count or a matching record.</summary>
public sealed class MemorySink : ILogSink
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<string> _records = [];
    private readonly List<(Func<IReadOnlyList<string>, bool> Done, TaskCompletionSource Signal)> _waiters = [];

    public int Batches { get; private set; }
    public int Flushes { get; private set; }
    public bool Disposed { get; private set; }

    public IReadOnlyList<string> Records
    {
        get { lock (_lock) { return [.. _records]; } }
    }

    public void Write(in LogBatch batch)
    {
        lock (_lock)
        {
            Batches++;
            foreach (LogRecord record in batch.Records)
            {
                _records.Add(Encoding.UTF8.GetString(record.Bytes));
            }
            Signal();
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            Flushes++;
        }
    }

    public void Dispose() => Disposed = true;

    /// <summary>Completes when at least <paramref name="count"/> records have arrived.</summary>
    public Task WaitForCount(int count) => WaitUntil(records => records.Count >= count);

    /// <summary>Completes when a record matching <paramref name="match"/> has arrived.</summary>
    public Task WaitFor(Func<string, bool> match) => WaitUntil(records => records.Any(match));

    private Task WaitUntil(Func<IReadOnlyList<string>, bool> done)
    {
        lock (_lock)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((done, signal));
            Signal();
            return signal.Task.WaitAsync(WaitLimit);
        }
    }

    private void Signal()
    {
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Done(_records))
            {
                _waiters[i].Signal.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}
