namespace Medulla.SystemLog;

/// <summary>
/// Counts kernel log records missed from the sequence numbers of the records read: the kernel numbers
/// every record, so a step larger than one is records overwritten before they were read. The first
/// record sets the start (what the ring had already dropped before the reader opened is not a loss).
/// </summary>
internal sealed class SequenceGaps
{
    private ulong? _last;

    /// <summary>Takes the next record's sequence number; returns how many records were skipped before it.</summary>
    public long Observe(ulong sequence)
    {
        ulong? last = _last;
        _last = sequence;
        if (last is not ulong previous || sequence <= previous + 1)
        {
            // A step back would be a new ring (not seen from one open descriptor): start over, count nothing.
            return 0;
        }
        return (long)Math.Min(sequence - previous - 1, long.MaxValue);
    }
}
