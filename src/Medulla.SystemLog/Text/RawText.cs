using System.Text;

namespace Medulla.SystemLog;

/// <summary>Turns bytes from the kernel or another program into text that is safe to log.</summary>
internal static class RawText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The bytes as text when they are valid UTF-8; null otherwise.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        return StrictUtf8.GetString(bytes);
    }

    /// <summary>Valid UTF-8 as text, anything else escaped (see <see cref="Escape"/>).</summary>
    public static string DecodeOrEscape(ReadOnlySpan<byte> bytes) => TryDecode(bytes) ?? Escape(bytes);

    /// <summary>
    /// The bytes with every byte outside printable ASCII and every backslash written as <c>\xNN</c> / <c>\\</c>,
    /// as the kernel escapes /dev/kmsg text: a malformed datagram is logged whole and can be read back exactly.
    /// </summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 16);
        foreach (byte b in bytes)
        {
            if (b == (byte)'\\')
            {
                text.Append("\\\\");
            }
            else if (b is >= 0x20 and < 0x7f)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xf));
            }
        }
        return text.ToString();
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    /// <summary>Parses a non-negative decimal that fits a <see cref="ulong"/>; false on anything else (empty, sign, overflow).</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 20)
        {
            return false;
        }
        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }
            ulong next = (value * 10) + d;
            if (value > ulong.MaxValue / 10 || next < value)
            {
                return false;
            }
            value = next;
        }
        return true;
    }
}
