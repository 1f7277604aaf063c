namespace Medulla.Logging;

/// <summary>
/// A block of formatted records stored back to back, with their end offsets and levels, so a sink can
/// write the whole block in one call or walk it record by record.
/// </summary>
internal sealed class RecordSegment
{
    internal const int DefaultBytes = 64 * 1024;
    internal const int DefaultRecords = 1024;

    internal RecordSegment(int bytes = DefaultBytes, int records = DefaultRecords)
    {
        Data = new byte[bytes];
        Ends = new int[records];
        Levels = new Level[records];
    }

    internal byte[] Data { get; }
    internal int[] Ends { get; }
    internal Level[] Levels { get; }
    internal int Length { get; private set; }
    internal int Count { get; private set; }
    internal RecordSegment? Next { get; set; }

    internal bool IsStandardSize => Data.Length == DefaultBytes;

    internal bool HasRoomFor(int bytes) => Count < Ends.Length && Data.Length - Length >= bytes;

    internal void Append(ReadOnlySpan<byte> record, Level level)
    {
        record.CopyTo(Data.AsSpan(Length));
        Length += record.Length;
        Ends[Count] = Length;
        Levels[Count] = level;
        Count++;
    }

    internal void Reset()
    {
        Length = 0;
        Count = 0;
        Next = null;
    }
}
