using System.Globalization;
using System.Text;

namespace Medulla.SystemLog;

/// <summary>
/// Parses a syslog datagram as a /dev/log server receives it: <c>&lt;pri&gt;</c>, then an RFC 5424 header
/// (version <c>1</c>) or else an RFC 3164 one. Local senders (glibc's syslog(3), util-linux logger without
/// <c>--rfc3164</c>) leave out the RFC 3164 host name; it is recognised by the tag that follows it. A
/// datagram that fits neither (no priority, a bad field, structured data left open, invalid UTF-8) is
/// returned marked malformed with its raw text escaped. Never throws on input.
/// </summary>
public static class SyslogParser
{
    /// <summary>user.notice, RFC 3164's priority for a datagram without one.</summary>
    public const int DefaultPriority = 13;

    private const int MaxPriority = 191;
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Parses a datagram; <paramref name="now"/> supplies the year and zone RFC 3164 timestamps lack.</summary>
    public static SyslogMessage Parse(ReadOnlySpan<byte> datagram, DateTimeOffset now) => Parse(datagram, now, default);

    /// <summary>Parses a datagram received from <paramref name="origin"/> (the sender's credentials, whether it was cut) into one message.</summary>
    internal static SyslogMessage Parse(ReadOnlySpan<byte> datagram, DateTimeOffset now, DatagramOrigin origin)
    {
        SyslogMessage message = ParseText(datagram, now);
        message.SenderPid = origin.Pid;
        message.SenderUid = origin.Uid;
        message.Truncated = origin.Truncated;
        return message;
    }

    private static SyslogMessage ParseText(ReadOnlySpan<byte> datagram, DateTimeOffset now)
    {
        if (datagram.IsEmpty)
        {
            return Malformed(datagram, DefaultPriority, "empty datagram");
        }
        if (!System.Text.Unicode.Utf8.IsValid(datagram))
        {
            return Malformed(datagram, DefaultPriority, "not valid UTF-8");
        }
        if (!TryParsePriority(datagram, out int priority, out int headerStart))
        {
            return Malformed(datagram, DefaultPriority, "no <priority> from 0 to 191 at the start");
        }
        ReadOnlySpan<byte> rest = datagram[headerStart..];
        if (rest.StartsWith("1 "u8))
        {
            return ParseRfc5424(datagram, priority, rest[2..]);
        }
        return ParseRfc3164(priority, rest, now);
    }

    private static bool TryParsePriority(ReadOnlySpan<byte> datagram, out int priority, out int end)
    {
        priority = 0;
        end = 0;
        if (datagram[0] != (byte)'<')
        {
            return false;
        }
        int close = datagram[..Math.Min(datagram.Length, 5)].IndexOf((byte)'>');
        if (close < 2)
        {
            return false;
        }
        if (!RawText.TryParseUnsigned(datagram[1..close], out ulong value) || value > MaxPriority)
        {
            return false;
        }
        priority = (int)value;
        end = close + 1;
        return true;
    }

    private static SyslogMessage Malformed(ReadOnlySpan<byte> datagram, int priority, string error) => new()
    {
        Format = SyslogFormat.Malformed,
        Priority = priority,
        Error = error,
        Message = RawText.Escape(datagram),
    };

    // ---- RFC 5424 ----

    private static SyslogMessage ParseRfc5424(ReadOnlySpan<byte> datagram, int priority, ReadOnlySpan<byte> rest)
    {
        if (!TryField(ref rest, out ReadOnlySpan<byte> time) || !TryField(ref rest, out ReadOnlySpan<byte> host)
            || !TryField(ref rest, out ReadOnlySpan<byte> app) || !TryField(ref rest, out ReadOnlySpan<byte> procId)
            || !TryField(ref rest, out ReadOnlySpan<byte> msgId))
        {
            return Malformed(datagram, priority, "RFC 5424 header has fewer than six fields");
        }
        DateTimeOffset? timestamp = null;
        if (!IsNil(time))
        {
            // An RFC 3339 time is at most 32 ASCII characters; anything longer is not one.
            Span<char> chars = stackalloc char[48];
            if (time.Length > chars.Length || !Ascii.IsValid(time)
                || !DateTimeOffset.TryParse(chars[..Encoding.ASCII.GetChars(time, chars)], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                return Malformed(datagram, priority, "RFC 5424 timestamp is not an RFC 3339 time");
            }
            timestamp = parsed;
        }
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> structured = SyslogMessage.NoStructuredData;
        if (rest.IsEmpty)
        {
            return Malformed(datagram, priority, "RFC 5424 structured data is missing");
        }
        if (rest[0] == (byte)'-')
        {
            rest = rest[1..];
        }
        else if (!StructuredDataParser.TryParse(ref rest, out structured, out string? sdError))
        {
            return Malformed(datagram, priority, sdError);
        }
        if (!rest.IsEmpty)
        {
            if (rest[0] != (byte)' ')
            {
                return Malformed(datagram, priority, "RFC 5424 structured data is not followed by a space");
            }
            rest = rest[1..];
        }
        if (rest.StartsWith("\uFEFF"u8))
        {
            rest = rest[3..];
        }
        return new SyslogMessage
        {
            Format = SyslogFormat.Rfc5424,
            Priority = priority,
            Timestamp = timestamp,
            Hostname = Text(host),
            AppName = Text(app),
            ProcId = Text(procId),
            MsgId = Text(msgId),
            StructuredData = structured,
            Message = Encoding.UTF8.GetString(rest),
        };
    }

    private static bool TryField(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        int space = rest.IndexOf((byte)' ');
        if (space <= 0)
        {
            field = default;
            return false;
        }
        field = rest[..space];
        rest = rest[(space + 1)..];
        return true;
    }

    private static bool IsNil(ReadOnlySpan<byte> field) => field.Length == 1 && field[0] == (byte)'-';

    private static string? Text(ReadOnlySpan<byte> field) => IsNil(field) ? null : Encoding.UTF8.GetString(field);

    // ---- RFC 3164 ----

    private static SyslogMessage ParseRfc3164(int priority, ReadOnlySpan<byte> rest, DateTimeOffset now)
    {
        DateTimeOffset? timestamp = null;
        if (TryParseBsdTimestamp(rest, now, out DateTimeOffset parsed))
        {
            timestamp = parsed;
            rest = rest[15..];
            if (!rest.IsEmpty && rest[0] == (byte)' ')
            {
                rest = rest[1..];
            }
        }
        string? host = null;
        if (!TryTag(rest, out string? app, out string? procId, out int tagLength))
        {
            // "host tag[pid]: msg" (a remote or --rfc3164 sender) rather than "tag[pid]: msg" (glibc).
            int space = rest.IndexOf((byte)' ');
            if (space > 0 && TryTag(rest[(space + 1)..], out app, out procId, out int afterHost))
            {
                host = Encoding.UTF8.GetString(rest[..space]);
                tagLength = space + 1 + afterHost;
            }
        }
        rest = rest[tagLength..];
        if (tagLength > 0 && !rest.IsEmpty && rest[0] == (byte)' ')
        {
            rest = rest[1..];
        }
        return new SyslogMessage
        {
            Format = SyslogFormat.Rfc3164,
            Priority = priority,
            Timestamp = timestamp,
            Hostname = host,
            AppName = app,
            ProcId = procId,
            Message = Encoding.UTF8.GetString(rest),
        };
    }

    /// <summary>A tag: <c>name:</c> or <c>name[pid]:</c>, the name without spaces (at most 48 bytes, generous to RFC 3164's 32).</summary>
    private static bool TryTag(ReadOnlySpan<byte> text, out string? app, out string? procId, out int length)
    {
        app = null;
        procId = null;
        length = 0;
        int colon = text[..Math.Min(text.Length, 80)].IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }
        ReadOnlySpan<byte> tag = text[..colon];
        if (tag.IndexOf((byte)' ') >= 0)
        {
            return false;
        }
        int open = tag.IndexOf((byte)'[');
        if (open >= 0)
        {
            if (open == 0 || tag[^1] != (byte)']')
            {
                return false;
            }
            procId = Encoding.UTF8.GetString(tag[(open + 1)..^1]);
            tag = tag[..open];
        }
        if (tag.Length > 48)
        {
            procId = null;
            return false;
        }
        app = Encoding.UTF8.GetString(tag);
        length = colon + 1;
        return true;
    }

    private static bool TryParseBsdTimestamp(ReadOnlySpan<byte> text, DateTimeOffset now, out DateTimeOffset timestamp)
    {
        // "Mmm dd hh:mm:ss": the day is space-padded ("Dec  6").
        timestamp = default;
        if (text.Length < 15 || text[3] != (byte)' ' || text[6] != (byte)' ' || text[9] != (byte)':' || text[12] != (byte)':')
        {
            return false;
        }
        int month = Array.IndexOf(Months, Encoding.ASCII.GetString(text[..3])) + 1;
        if (month == 0 || !TwoDigits(text[4..6], allowSpace: true, out int day) || !TwoDigits(text[7..9], false, out int hour)
            || !TwoDigits(text[10..12], false, out int minute) || !TwoDigits(text[13..15], false, out int second)
            || hour > 23 || minute > 59 || second > 60 || day < 1)
        {
            return false;
        }
        // No year: the receiver's, except that a December stamp read in January is last year's.
        int year = now.Year - (month == 12 && now.Month == 1 ? 1 : 0);
        if (day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        timestamp = new DateTimeOffset(local, now.Offset);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> text, bool allowSpace, out int value)
    {
        value = 0;
        int tens = text[0] == (byte)' ' && allowSpace ? 0 : text[0] - '0';
        int ones = text[1] - '0';
        if ((uint)tens > 9 || (uint)ones > 9)
        {
            return false;
        }
        value = (tens * 10) + ones;
        return true;
    }
}
