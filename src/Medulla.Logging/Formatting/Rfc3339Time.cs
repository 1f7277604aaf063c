using System.Buffers;

namespace Medulla.Logging;

/// <summary>
/// Writes timestamps as RFC 3339 with exactly six fractional digits (microseconds), the form OTP's
/// logger and RFC 5424 use: <c>2026-11-22T03:56:12.123456Z</c> in UTC, or
/// <c>2026-11-22T04:56:12.123456+01:00</c> in local time with its offset.
/// </summary>
/// <remarks>
/// A <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/> is taken as UTC (events carry
/// UTC). Each thread keeps the formatted "yyyy-MM-ddTHH:mm:ss" of the last second it wrote, so a burst
/// of events only writes the fraction by hand; nothing is allocated after a thread's first call.
/// </remarks>
internal static class Rfc3339Time
{
    /// <summary>Length in bytes of a UTC timestamp ("...Z").</summary>
    internal const int UtcLength = 27;

    /// <summary>Length in bytes of a local timestamp ("...+hh:mm"), the longest form.</summary>
    internal const int MaxLength = 32;

    private const int PrefixLength = 19;

    [ThreadStatic] private static SecondCache? t_utc;
    [ThreadStatic] private static SecondCache? t_local;

    /// <summary>Writes <paramref name="time"/> in UTC; returns the bytes written (<see cref="UtcLength"/>).</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="UtcLength"/>.</exception>
    internal static int FormatUtc(DateTime time, Span<byte> destination)
    {
        if (destination.Length < UtcLength)
        {
            throw new ArgumentException($"an RFC 3339 UTC timestamp needs {UtcLength} bytes", nameof(destination));
        }
        return FormatCore(UtcTicks(time), utc: true, 0, t_utc ??= new SecondCache(), destination);
    }

    /// <summary>
    /// Writes <paramref name="time"/> in the local time zone with its offset; returns the bytes written
    /// (<see cref="MaxLength"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="MaxLength"/>.</exception>
    internal static int FormatLocal(DateTime time, Span<byte> destination)
    {
        if (destination.Length < MaxLength)
        {
            throw new ArgumentException($"an RFC 3339 local timestamp needs {MaxLength} bytes", nameof(destination));
        }
        long utcTicks = UtcTicks(time);
        SecondCache cache = t_local ??= new SecondCache();
        long utcSecond = utcTicks / TimeSpan.TicksPerSecond;
        if (cache.OffsetSecond != utcSecond)
        {
            // Offsets change only at whole minutes (DST transitions), so one lookup per second is exact.
            TimeSpan offset = TimeZoneInfo.Local.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc));
            cache.OffsetMinutes = (int)(offset.Ticks / TimeSpan.TicksPerMinute);
            cache.OffsetSecond = utcSecond;
        }
        return FormatCore(utcTicks, utc: false, cache.OffsetMinutes, cache, destination);
    }

    /// <summary>Appends <paramref name="time"/> in UTC or in local time with its offset.</summary>
    internal static void Write(IBufferWriter<byte> output, DateTime time, bool utc = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output is Utf8Buffer buffer)
        {
            // The formatters' case: calls on the sealed type, not through the interface.
            Span<byte> own = buffer.GetSpan(MaxLength);
            buffer.Advance(utc ? FormatUtc(time, own) : FormatLocal(time, own));
            return;
        }
        Span<byte> span = output.GetSpan(MaxLength);
        output.Advance(utc ? FormatUtc(time, span) : FormatLocal(time, span));
    }

    /// <summary>Writes <paramref name="time"/> shifted by a given offset (whole minutes); for tests and callers that know the zone.</summary>
    internal static int FormatWithOffset(DateTime time, TimeSpan offset, Span<byte> destination)
    {
        if (destination.Length < MaxLength)
        {
            throw new ArgumentException($"an RFC 3339 local timestamp needs {MaxLength} bytes", nameof(destination));
        }
        return FormatCore(UtcTicks(time), utc: false, (int)(offset.Ticks / TimeSpan.TicksPerMinute), new SecondCache(), destination);
    }

    private static long UtcTicks(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;

    private static int FormatCore(long utcTicks, bool utc, int offsetMinutes, SecondCache cache, Span<byte> d)
    {
        long ticks = Math.Clamp(utcTicks + (offsetMinutes * TimeSpan.TicksPerMinute), 0, DateTime.MaxValue.Ticks);
        long second = ticks / TimeSpan.TicksPerSecond;
        if (cache.PrefixSecond != second)
        {
            FillPrefix(new DateTime(second * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified), cache.Prefix);
            cache.PrefixSecond = second;
        }
        cache.Prefix.CopyTo(d);
        d[19] = (byte)'.';
        int micros = (int)(ticks % TimeSpan.TicksPerSecond / 10);
        WritePair(d, 20, micros / 10_000);
        WritePair(d, 22, micros / 100 % 100);
        WritePair(d, 24, micros % 100);
        if (utc)
        {
            d[26] = (byte)'Z';
            return UtcLength;
        }
        // "+00:00" rather than "Z" in local mode: the offset is known to be zero (RFC 3339 section 4.3).
        d[26] = offsetMinutes < 0 ? (byte)'-' : (byte)'+';
        int abs = Math.Abs(offsetMinutes);
        WriteDigits(d.Slice(27, 2), abs / 60);
        d[29] = (byte)':';
        WriteDigits(d.Slice(30, 2), abs % 60);
        return MaxLength;
    }

    private static void FillPrefix(DateTime t, Span<byte> p)
    {
        WriteDigits(p[..4], t.Year);
        p[4] = (byte)'-';
        WriteDigits(p.Slice(5, 2), t.Month);
        p[7] = (byte)'-';
        WriteDigits(p.Slice(8, 2), t.Day);
        p[10] = (byte)'T';
        WriteDigits(p.Slice(11, 2), t.Hour);
        p[13] = (byte)':';
        WriteDigits(p.Slice(14, 2), t.Minute);
        p[16] = (byte)':';
        WriteDigits(p.Slice(17, 2), t.Second);
    }

    /// <summary>"00" to "99" back to back: the fraction is written two digits per look-up (it changes with every event).</summary>
    private static ReadOnlySpan<byte> DigitPairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static void WritePair(Span<byte> d, int at, int value)
    {
        d[at] = DigitPairs[value * 2];
        d[at + 1] = DigitPairs[(value * 2) + 1];
    }

    /// <summary>Writes <paramref name="value"/> zero-padded to exactly the span's length.</summary>
    private static void WriteDigits(Span<byte> span, int value)
    {
        for (int i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private sealed class SecondCache
    {
        public long PrefixSecond = -1;
        public readonly byte[] Prefix = new byte[PrefixLength];
        public long OffsetSecond = -1;
        public int OffsetMinutes;
    }
}
