namespace Medulla.Logging;

/// <summary>UTF-8 helpers that never split a multi-byte sequence.</summary>
internal static class Utf8Text
{
    /// <summary>
    /// The largest cut position at or before <paramref name="max"/> that does not fall inside a UTF-8
    /// sequence (continuation bytes are 10xxxxxx).
    /// </summary>
    internal static int BoundaryAtOrBefore(ReadOnlySpan<byte> text, int max)
    {
        if (max >= text.Length)
        {
            return text.Length;
        }
        if (max <= 0)
        {
            return 0;
        }
        int i = max;
        while (i > 0 && (text[i] & 0xC0) == 0x80)
        {
            i--;
        }
        return i;
    }
}
