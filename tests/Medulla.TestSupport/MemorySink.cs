using System.Text;
using Medulla.Logging;

namespace Medulla.Logging.Tests.Support;

/// <summary>A sink that keeps every record as text and lets a test await a record count.</summary>
public sealed class MemorySink : ILogSink
{
    private readonly object _lock = new();
    private readonly List<string> _records = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

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
    public Task WaitForCount(int count)
    {
        lock (_lock)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, tcs));
            Signal();
            return tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private void Signal()
    {
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_records.Count >= _waiters[i].Count)
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}
