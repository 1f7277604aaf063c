using System.Text;
using Medulla.Logging;

namespace Medulla.Pstore.Tests.Support;

/// <summary>A sink that keeps every record as text and lets a test await a matching record.</summary>
internal sealed class MemorySink : ILogSink
{
    private readonly Lock _lock = new();
    private readonly List<string> _records = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<string> Records
    {
        get { lock (_lock) { return [.. _records]; } }
    }

    public void Write(in LogBatch batch)
    {
        lock (_lock)
        {
            foreach (LogRecord record in batch.Records)
            {
                string text = Encoding.UTF8.GetString(record.Bytes);
                _records.Add(text);
                _waiters.RemoveAll(w => w.Match(text) && w.Done.TrySetResult());
            }
        }
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Completes when a record matching <paramref name="match"/> has arrived.</summary>
    public Task WaitFor(Func<string, bool> match)
    {
        lock (_lock)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_records.Any(match))
            {
                done.SetResult();
            }
            else
            {
                _waiters.Add((match, done));
            }
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
