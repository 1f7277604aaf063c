
namespace Medulla.Logging;

/// <summary>
/// In-place edits of a value a formatter has just appended to its output (everything from a start
/// offset to the end): newline collapsing, byte and character limits. Each edit only shrinks the value
/// (or cuts it and appends "..."), so no second buffer is needed.
/// </summary>
internal static class InsertedValueEdits
{
    /// <summary>Marks a value that was cut.</summary>
    public static ReadOnlySpan<byte> Ellipsis => "..."u8;

    /// <summary>Replaces each "\r\n", "\n" and "\r" from <paramref name="start"/> on with one space.</summary>
    public static void CollapseNewlines(Utf8Buffer output, int start)
    {
        Span<byte> value = output.WrittenSpanMutable[start..];
        int read = value.IndexOfAny((byte)'\r', (byte)'\n');
        if (read < 0)
        {
            return;
        }
        int write = read;
        while (read < value.Length)
        {
            byte b = value[read++];
            if (b == (byte)'\r')
            {
                value[write++] = (byte)' ';
                if (read < value.Length && value[read] == (byte)'\n')
                {
                    read++;
                }
            }
            else if (b == (byte)'\n')
            {
                value[write++] = (byte)' ';
            }
            else
            {
                value[write++] = b;
            }
        }
        output.Truncate(start + write);
    }

    /// <summary>
    /// Cuts the value from <paramref name="start"/> on, if longer than <paramref name="maxBytes"/>, on a
    /// UTF-8 boundary so that it plus "..." is at most <paramref name="maxBytes"/> bytes.
    /// </summary>
    public static void LimitBytes(Utf8Buffer output, int start, int maxBytes)
    {
        ReadOnlySpan<byte> value = output.WrittenSpan[start..];
        if (value.Length <= maxBytes)
        {
            return;
        }
        int keep = Utf8Text.BoundaryAtOrBefore(value, Math.Max(0, maxBytes - Ellipsis.Length));
        output.Truncate(start + keep);
        output.Write(Ellipsis);
    }

    /// <summary>
    /// Cuts the value from <paramref name="start"/> on, if it has more than <paramref name="maxScalars"/>
    /// Unicode scalar values, so that it plus "..." has at most <paramref name="maxScalars"/>.
    /// </summary>
    public static void LimitScalars(Utf8Buffer output, int start, int maxScalars)
    {
        ReadOnlySpan<byte> value = output.WrittenSpan[start..];
        if (value.Length <= maxScalars)
        {
            return; // a scalar takes at least one byte
        }
        int keepScalars = Math.Max(0, maxScalars - Ellipsis.Length);
        int scalars = 0;
        int cut = -1;
        for (int i = 0; i < value.Length; i++)
        {
            if ((value[i] & 0xC0) == 0x80)
            {
                continue; // continuation byte: not the start of a scalar
            }
            if (scalars == keepScalars && cut < 0)
            {
                cut = i;
            }
            if (++scalars > maxScalars)
            {
                output.Truncate(start + cut);
                output.Write(Ellipsis);
                return;
            }
        }
    }
}
