using System.Text;
using Medulla.Logging;

namespace Medulla.Logging.Tests.Support;

/// <summary>
/// A controllable slow sink: every Write announces itself and then blocks until the test opens the gate,
/// so a test knows exactly how many events the writer has taken and how many are queued.
/// </summary>
public sealed class GatedSink : ILogSink
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly SemaphoreSlim _gate = new(0);
    private readonly object _lock = new();
    private readonly List<string> _records = [];

    public Action<LogBatch>? OnWrite { get; set; }

    /// <summary>When set, every Write throws it once the gate has let the call through.</summary>
    public Exception? FailWith { get; set; }

    public IReadOnlyList<string> Records
    {
        get { lock (_lock) { return [.. _records]; } }
    }

    public void Write(in LogBatch batch)
    {
        _entered.Release();
        if (!_gate.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("gate never opened");
        }
        if (FailWith is { } failure)
        {
            throw failure;
        }
        lock (_lock)
        {
            foreach (LogRecord record in batch.Records)
            {
                _records.Add(Encoding.UTF8.GetString(record.Bytes));
            }
        }
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Waits until the writer is inside Write with a batch.</summary>
    public Task WaitUntilWriting() => _entered.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t =>
    {
        if (!t.Result)
        {
            throw new TimeoutException("the writer never called Write");
        }
    }, TaskScheduler.Default);

    /// <summary>Lets <paramref name="batches"/> pending or future Write calls finish.</summary>
    public void Open(int batches = 1) => _gate.Release(batches);

    /// <summary>Lets every future Write pass.</summary>
    public void OpenForever() => _gate.Release(1_000_000);
}
