using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.SystemLog;

/// <summary>
/// Reads the kernel log from /dev/kmsg, one record per read(2). When the ring wrapped past the reader
/// (EPIPE) the reader goes on with the oldest record kept and counts the records it missed from the gap
/// in sequence numbers, as it does for any gap. A record it cannot parse is counted and skipped.
/// </summary>
/// <example>
/// <code>
/// using var reader = KmsgReader.Open(KmsgStart.Beginning);
/// reader.ReadAvailable(record => Console.WriteLine($"{record.Severity} {record.Message}"));
/// </code>
/// </example>
public sealed class KmsgReader : IDisposable
{
    /// <summary>The kernel log device.</summary>
    public const string DefaultPath = "/dev/kmsg";

    // A record is at most about 1 KiB of text plus its continuation lines; the kernel fails a read whose
    // buffer is too small for the next record (EINVAL), so leave room.
    private const int BufferBytes = 16 * 1024;
    private const int PollMilliseconds = 250;

    private readonly IKernelLogSource _device;
    private readonly SystemLogMetrics _metrics;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly SequenceGaps _gaps = new();
    private long _received;
    private long _malformed;
    private long _lost;

    internal KmsgReader(IKernelLogSource device, IMeterFactory? meterFactory)
    {
        _device = device;
        _metrics = SystemLogMetrics.For(meterFactory);
    }

    /// <summary>Opens the kernel log.</summary>
    /// <param name="start">At the oldest record in the ring or after the newest.</param>
    /// <param name="path">The device (default /dev/kmsg).</param>
    /// <param name="meterFactory">The host's meter factory; null for the process-wide meter.</param>
    /// <exception cref="IOException">The device could not be opened; the message names the path.</exception>
    public static KmsgReader Open(KmsgStart start = KmsgStart.Beginning, string path = DefaultPath, IMeterFactory? meterFactory = null) =>
        new(KernelLogDevice.Open(path, start == KmsgStart.End), meterFactory);

    /// <summary>Records read and parsed.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Records that could not be parsed.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Records overwritten in the ring before they were read (gaps in the sequence numbers).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Reads every record up to the current end of the ring and hands each to <paramref name="deliver"/>; returns how many.</summary>
    /// <exception cref="IOException">A read failed with something other than EAGAIN or EPIPE.</exception>
    public int ReadAvailable(Action<KmsgRecord> deliver)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        int count = 0;
        while (TryRead(out KmsgRecord? record))
        {
            if (record is not null)
            {
                deliver(record);
                count++;
            }
        }
        return count;
    }

    /// <summary>Hands every record to <paramref name="deliver"/> as it comes, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public void Follow(Action<KmsgRecord> deliver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        while (!cancellationToken.IsCancellationRequested)
        {
            ReadAvailable(deliver);
            _device.WaitReadable(PollMilliseconds);
        }
    }

    /// <summary>One read: false at the end of the ring; true with a record, or with null after a skipped (malformed or overwritten) one.</summary>
    private bool TryRead(out KmsgRecord? record)
    {
        record = null;
        switch (_device.Read(_buffer, out int length))
        {
            case KernelLogReadResult.End:
                return false;
            case KernelLogReadResult.Overwritten:
                // The next read returns the oldest record kept; the sequence gap says how many were lost.
                return true;
        }
        if (!KmsgParser.TryParse(_buffer.AsSpan(0, length), out record, out _))
        {
            Interlocked.Increment(ref _malformed);
            _metrics.KmsgMalformed();
            return true;
        }
        long gap = _gaps.Observe(record.Sequence);
        if (gap > 0)
        {
            Interlocked.Add(ref _lost, gap);
            _metrics.KmsgLost(gap);
        }
        Interlocked.Increment(ref _received);
        _metrics.KmsgReceived();
        return true;
    }

    /// <summary>Closes the device.</summary>
    public void Dispose() => _device.Dispose();
}
