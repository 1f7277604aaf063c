namespace Medulla.Logging;

/// <summary>
/// The records a sink receives in one call: contiguous blocks (<see cref="Blocks"/>) for sinks that
/// write bytes in bulk, or single records (<see cref="Records"/>) for sinks that need one write per event.
/// </summary>
public readonly ref struct LogBatch
{
    private readonly RecordSegment? _first;

    internal LogBatch(RecordSegment? first, int count)
    {
        _first = first;
        Count = count;
    }

    /// <summary>Number of records.</summary>
    public int Count { get; }

    /// <summary>The records as contiguous byte blocks.</summary>
    public BlockEnumerable Blocks => new(_first);

    /// <summary>The records one by one.</summary>
    public RecordEnumerable Records => new(_first);

    /// <summary>Enumerates contiguous blocks.</summary>
    public readonly ref struct BlockEnumerable
    {
        private readonly RecordSegment? _first;

        internal BlockEnumerable(RecordSegment? first) => _first = first;

        /// <summary>The enumerator.</summary>
        public BlockEnumerator GetEnumerator() => new(_first);
    }

    /// <summary>Enumerator over contiguous blocks.</summary>
    public ref struct BlockEnumerator
    {
        private RecordSegment? _next;
        private RecordSegment? _current;

        internal BlockEnumerator(RecordSegment? first) => _next = first;

        /// <summary>The current block.</summary>
        public readonly ReadOnlySpan<byte> Current => _current!.Data.AsSpan(0, _current.Length);

        /// <summary>Advances.</summary>
        public bool MoveNext()
        {
            while (_next is not null)
            {
                _current = _next;
                _next = _next.Next;
                if (_current.Count > 0)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Enumerates single records.</summary>
    public readonly ref struct RecordEnumerable
    {
        private readonly RecordSegment? _first;

        internal RecordEnumerable(RecordSegment? first) => _first = first;

        /// <summary>The enumerator.</summary>
        public RecordEnumerator GetEnumerator() => new(_first);
    }

    /// <summary>Enumerator over single records.</summary>
    public ref struct RecordEnumerator
    {
        private RecordSegment? _segment;
        private int _index;

        internal RecordEnumerator(RecordSegment? first)
        {
            _segment = first;
            _index = -1;
        }

        /// <summary>The current record.</summary>
        public readonly LogRecord Current
        {
            get
            {
                int start = _index == 0 ? 0 : _segment!.Ends[_index - 1];
                return new LogRecord(_segment!.Levels[_index], _segment.Data.AsSpan(start, _segment.Ends[_index] - start));
            }
        }

        /// <summary>Advances.</summary>
        public bool MoveNext()
        {
            while (_segment is not null)
            {
                if (++_index < _segment.Count)
                {
                    return true;
                }
                _segment = _segment.Next;
                _index = -1;
            }
            return false;
        }
    }
}

/// <summary>One formatted record and the level of the event it came from.</summary>
public readonly ref struct LogRecord
{
    internal LogRecord(Level level, ReadOnlySpan<byte> bytes)
    {
        Level = level;
        Bytes = bytes;
    }

    /// <summary>Severity of the event.</summary>
    public Level Level { get; }

    /// <summary>The formatted bytes.</summary>
    public ReadOnlySpan<byte> Bytes { get; }
}
