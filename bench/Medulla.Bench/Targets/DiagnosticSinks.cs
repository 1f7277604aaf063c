using Medulla.Logging;

namespace Medulla.Bench.Targets;

/// <summary>
/// The least a Medulla sink can do with a file: write each block to a FileStream with a 64 KiB buffer,
/// flush at the handler's request (no fsync). Used only to tell the pipeline's cost from the sink's.
/// </summary>
internal sealed class RawFileSink(string path) : ILogSink
{
    private readonly FileStream _stream = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);

    public void Write(in LogBatch batch)
    {
        BatchCounter.Count(batch);
        foreach (ReadOnlySpan<byte> block in batch.Blocks)
        {
            _stream.Write(block);
        }
    }

    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();
}

/// <summary>Throws every record away: what remains is the cost of the logging pipeline itself.</summary>
internal sealed class DiscardSink : ILogSink
{
    public void Write(in LogBatch batch) => BatchCounter.Count(batch);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// Writes nothing but takes a millisecond per batch, so the handler's writer is rarely waiting for work:
/// what the caller pays when it never has to wake the writer.
/// </summary>
internal sealed class SlowDiscardSink : ILogSink
{
    public void Write(in LogBatch batch)
    {
        BatchCounter.Count(batch);
        Thread.Sleep(1);
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// Writes nothing but keeps the writer's core busy for a millisecond per batch: compared with
/// <see cref="SlowDiscardSink"/>, what a busy writer thread costs the caller through shared hardware alone.
/// </summary>
internal sealed class BusyDiscardSink : ILogSink
{
    public void Write(in LogBatch batch)
    {
        BatchCounter.Count(batch);
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency / 1000);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
        }
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}

/// <summary>Batches the diagnostic sinks were handed, and records in them: their ratio is the mean batch size.</summary>
internal static class BatchCounter
{
    private static long s_batches;
    private static long s_records;

    internal static double MeanBatch => Volatile.Read(ref s_batches) == 0 ? 0 : (double)Volatile.Read(ref s_records) / Volatile.Read(ref s_batches);

    internal static void Count(in LogBatch batch)
    {
        Interlocked.Increment(ref s_batches);
        Interlocked.Add(ref s_records, batch.Count);
    }

    internal static void Reset()
    {
        Volatile.Write(ref s_batches, 0);
        Volatile.Write(ref s_records, 0);
    }
}

/// <summary>
/// Reads every record (copies it into a small ring buffer) and writes nothing: compared with
/// <see cref="DiscardSink"/>, what it costs the caller that the writer thread touches the bytes the
/// caller has just queued, without any system call.
/// </summary>
internal sealed class CopyOnlySink : ILogSink
{
    private readonly byte[] _ring = new byte[64 * 1024];
    private int _at;

    public void Write(in LogBatch batch)
    {
        BatchCounter.Count(batch);
        foreach (ReadOnlySpan<byte> block in batch.Blocks)
        {
            ReadOnlySpan<byte> rest = block;
            while (!rest.IsEmpty)
            {
                int n = Math.Min(rest.Length, _ring.Length - _at);
                rest[..n].CopyTo(_ring.AsSpan(_at));
                rest = rest[n..];
                _at = (_at + n) % _ring.Length;
            }
        }
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
