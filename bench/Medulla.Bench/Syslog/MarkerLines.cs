using System.Buffers;

namespace Medulla.Bench.Syslog;

/// <summary>
/// Counts the lines of a growing file that hold the bench's marker, reading only what was added since
/// the last call (a receiver's output grows while the bench polls it).
/// </summary>
internal sealed class MarkerLines(string path, byte[] marker)
{
    private long _offset;
    private long _count;
    private byte[] _partial = [];

    internal long Count()
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        file.Position = _offset;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                _offset += read;
                Scan(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return _count;
    }

    private void Scan(ReadOnlySpan<byte> data)
    {
        int newline;
        while ((newline = data.IndexOf((byte)'\n')) >= 0)
        {
            bool hasMarker;
            if (_partial.Length > 0)
            {
                // A line that straddled two reads.
                byte[] whole = [.. _partial, .. data[..newline]];
                hasMarker = whole.AsSpan().IndexOf(marker) >= 0;
                _partial = [];
            }
            else
            {
                hasMarker = data[..newline].IndexOf(marker) >= 0;
            }
            if (hasMarker)
            {
                _count++;
            }
            data = data[(newline + 1)..];
        }
        if (!data.IsEmpty)
        {
            _partial = [.. _partial, .. data];
        }
    }
}
