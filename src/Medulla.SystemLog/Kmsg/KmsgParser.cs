using System.Diagnostics.CodeAnalysis;

namespace Medulla.SystemLog;

/// <summary>
/// Parses one /dev/kmsg record: <c>prio,seq,usec,flags[,more fields];text\n</c> followed by optional
/// continuation lines that start with a space (<c> KEY=VALUE\n</c>). Only the first ';' ends the
/// header: the text may contain more (Nerves' tailer splits there and loses the rest). Never throws on input.
/// </summary>
public static class KmsgParser
{
    private static readonly KeyValuePair<string, string>[] NoProperties = [];

    /// <summary>Parses <paramref name="record"/>; on failure returns false with the reason in <paramref name="error"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> record, [NotNullWhen(true)] out KmsgRecord? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        int semicolon = record.IndexOf((byte)';');
        if (semicolon < 0)
        {
            error = "no ';' after the header";
            return false;
        }
        ReadOnlySpan<byte> header = record[..semicolon];
        Span<Range> fields = stackalloc Range[4];
        int count = SplitFields(header, fields);
        if (count < 4)
        {
            error = "the header has fewer than four fields (prio,seq,usec,flags)";
            return false;
        }
        if (!RawText.TryParseUnsigned(header[fields[0]], out ulong priority) || priority > int.MaxValue)
        {
            error = "the priority is not a number";
            return false;
        }
        if (!RawText.TryParseUnsigned(header[fields[1]], out ulong sequence))
        {
            error = "the sequence number is not a number";
            return false;
        }
        if (!RawText.TryParseUnsigned(header[fields[2]], out ulong microseconds))
        {
            error = "the timestamp is not a number";
            return false;
        }
        ReadOnlySpan<byte> flagBytes = header[fields[3]];
        string flags = flagBytes.SequenceEqual("-"u8) ? "-" : RawText.DecodeOrEscape(flagBytes);

        ReadOnlySpan<byte> body = record[(semicolon + 1)..];
        int end = body.IndexOf((byte)'\n');
        ReadOnlySpan<byte> text = end < 0 ? body : body[..end];
        string message = RawText.DecodeOrEscape(text);
        KeyValuePair<string, string>[] properties = end < 0 ? NoProperties : ParseContinuation(body[(end + 1)..]);
        result = new KmsgRecord((int)priority, sequence, microseconds, flags, message, properties);
        error = null;
        return true;
    }

    /// <summary>The first four comma-separated fields (later kernels may add more after them: ignored).</summary>
    private static int SplitFields(ReadOnlySpan<byte> header, Span<Range> fields)
    {
        int count = 0;
        int start = 0;
        while (count < fields.Length)
        {
            int comma = header[start..].IndexOf((byte)',');
            int end = comma < 0 ? header.Length : start + comma;
            fields[count++] = new Range(start, end);
            if (comma < 0)
            {
                break;
            }
            start = end + 1;
        }
        return count;
    }

    private static KeyValuePair<string, string>[] ParseContinuation(ReadOnlySpan<byte> lines)
    {
        List<KeyValuePair<string, string>>? properties = null;
        while (!lines.IsEmpty)
        {
            int end = lines.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? lines : lines[..end];
            lines = end < 0 ? default : lines[(end + 1)..];
            if (line.IsEmpty || line[0] != (byte)' ')
            {
                continue;
            }
            line = line[1..];
            int equals = line.IndexOf((byte)'=');
            (properties ??= []).Add(equals < 0
                ? new(RawText.DecodeOrEscape(line), "")
                : new(RawText.DecodeOrEscape(line[..equals]), RawText.DecodeOrEscape(line[(equals + 1)..])));
        }
        return properties is null ? NoProperties : [.. properties];
    }
}
