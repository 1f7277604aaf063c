using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Medulla.Bench.Targets;

/// <summary>
/// The floor: what writing the same line costs with no logging library at all. The line (RFC 3339
/// timestamp with microseconds, level, category, message with the three values) is formatted as UTF-8
/// into a reused buffer and written to a FileStream with a 64 KiB buffer. With several threads each
/// formats into its own buffer and the write is serialised by a lock.
/// </summary>
internal sealed class FloorTarget : IBenchTarget
{
    private const int WarningLevel = 4;
    private const int InfoLevel = 6;

    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes(" info " + BenchEvent.Category + ": Processed order ");
    private static readonly byte[] For = " for "u8.ToArray();
    private static readonly byte[] In = " in "u8.ToArray();
    private static readonly byte[] Ms = " ms\n"u8.ToArray();
    private static readonly byte[][] CustomerBytes = Array.ConvertAll(BenchEvent.Customers, Encoding.UTF8.GetBytes);

    private readonly Lock _writeLock = new();
    private FileStream? _stream;
    private bool _concurrent;
    private int _threshold;

    public long? Dropped => 0;

    public string Description => "hand-written UTF-8 formatting into a reused buffer, FileStream with a 64 KiB buffer";

    public void Open(string directory, bool infoEnabled, int threads)
    {
        _stream = new FileStream(Path.Combine(directory, "floor.log"), FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        _concurrent = threads > 1;
        _threshold = infoEnabled ? InfoLevel : WarningLevel;
    }

    public void Log(long first, int count)
    {
        FileStream stream = _stream!;
        byte[] line = new byte[256];
        long end = first + count;
        for (long i = first; i < end; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            double elapsed = BenchEvent.Elapsed(i);
            int n = Format(line, DateTime.UtcNow, orderId, CustomerBytes[i & 7], elapsed);
            if (_concurrent)
            {
                lock (_writeLock)
                {
                    stream.Write(line, 0, n);
                }
            }
            else
            {
                stream.Write(line, 0, n);
            }
        }
    }

    /// <summary>
    /// The least a filtered call can cost: read a level that may change at run time (a volatile read,
    /// so it is not hoisted out of the loop) and compare.
    /// </summary>
    public void LogDisabled(long count)
    {
        for (long i = 0; i < count; i++)
        {
            if (Volatile.Read(ref _threshold) >= InfoLevel)
            {
                Log(i, 1);
            }
        }
    }

    public void Dispose() => _stream!.Dispose();

    private static int Format(Span<byte> line, DateTime time, int orderId, byte[] customer, double elapsed)
    {
        int n = WriteTimestamp(line, time);
        n += Copy(Prefix, line[n..]);
        Utf8Formatter.TryFormat(orderId, line[n..], out int w);
        n += w;
        n += Copy(For, line[n..]);
        n += Copy(customer, line[n..]);
        n += Copy(In, line[n..]);
        elapsed.TryFormat(line[n..], out w, default, CultureInfo.InvariantCulture);
        n += w;
        n += Copy(Ms, line[n..]);
        return n;
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss.ffffffZ, digit by digit.</summary>
    private static int WriteTimestamp(Span<byte> s, DateTime t)
    {
        t.Deconstruct(out int year, out int month, out int day);
        long ticks = t.Ticks % TimeSpan.TicksPerDay;
        int seconds = (int)(ticks / TimeSpan.TicksPerSecond);
        int micros = (int)(ticks % TimeSpan.TicksPerSecond / 10);
        Digits(s, 0, year, 4);
        s[4] = (byte)'-';
        Digits(s, 5, month, 2);
        s[7] = (byte)'-';
        Digits(s, 8, day, 2);
        s[10] = (byte)'T';
        Digits(s, 11, seconds / 3600, 2);
        s[13] = (byte)':';
        Digits(s, 14, seconds / 60 % 60, 2);
        s[16] = (byte)':';
        Digits(s, 17, seconds % 60, 2);
        s[19] = (byte)'.';
        Digits(s, 20, micros, 6);
        s[26] = (byte)'Z';
        return 27;
    }

    private static void Digits(Span<byte> s, int at, int value, int count)
    {
        for (int i = at + count - 1; i >= at; i--)
        {
            s[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
