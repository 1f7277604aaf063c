using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Medulla.Logging;

/// <summary>Writes arbitrary values as UTF-8 text in invariant culture, without allocating where the type allows.</summary>
internal static class Utf8Values
{
    /// <summary>Writes <paramref name="value"/>; null writes nothing.</summary>
    internal static void Write(IBufferWriter<byte> output, object? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (value)
        {
            case null:
                return;
            case string s:
                WriteString(output, s);
                return;
            case double d:
                WriteFormattable(output, d, default);
                return;
            case IUtf8SpanFormattable f:
                WriteFormattable(output, f, default);
                return;
            default:
                WriteString(output, ToText(value));
                return;
        }
    }

    /// <summary>Transcodes a string into UTF-8. Unpaired surrogates become U+FFFD.</summary>
    internal static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output is Utf8Buffer buffer)
        {
            buffer.WriteUtf16(text);
            return;
        }
        TranscodeUtf16(output, text);
    }

    /// <summary>The general transcoding loop behind <see cref="WriteString"/>.</summary>
    internal static void TranscodeUtf16(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            Span<byte> span = output.GetSpan(Math.Min(Encoding.UTF8.GetMaxByteCount(text.Length), 16 * 1024));
            OperationStatus status = Utf8.FromUtf16(text, span, out int read, out int written, replaceInvalidSequences: true, isFinalBlock: true);
            output.Advance(written);
            text = text[read..];
            if (status is not (OperationStatus.Done or OperationStatus.DestinationTooSmall))
            {
                break;
            }
        }
    }

    /// <summary>Writes a UTF-8 formattable value with a format string (invariant culture).</summary>
    internal static void WriteFormattable<T>(IBufferWriter<byte> output, T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        ArgumentNullException.ThrowIfNull(output);
        if (typeof(T) == typeof(double) && format.IsEmpty && ShortDecimal.TryWrite(output, (double)(object)value))
        {
            return;
        }
        int size = 64;
        while (true)
        {
            Span<byte> span = output.GetSpan(size);
            if (value.TryFormat(span, out int written, format, CultureInfo.InvariantCulture))
            {
                output.Advance(written);
                return;
            }
            size = span.Length * 2;
            if (size > 1 << 20)
            {
                WriteString(output, value is IFormattable fm ? fm.ToString(format.ToString(), CultureInfo.InvariantCulture) : value.ToString());
                return;
            }
        }
    }

    /// <summary>
    /// Writes a value of a static type with an optional format (invariant culture): doubles through the
    /// short exact path, <see cref="IUtf8SpanFormattable"/> types straight into the buffer, others as text.
    /// </summary>
    internal static void WriteValue<T>(Utf8Buffer buffer, T value, string? format)
    {
        // Decimals such as 12.5 ms are the common case and have a much cheaper exact path.
        if (typeof(T) == typeof(double) && format is null && ShortDecimal.TryWrite(buffer, (double)(object)value!))
        {
            return;
        }
        if (value is IUtf8SpanFormattable)
        {
            // Written inline so the JIT emits a constrained call: no boxing for value types.
            int size = 32;
            while (true)
            {
                Span<byte> span = buffer.GetSpan(size);
                if (((IUtf8SpanFormattable)value).TryFormat(span, out int written, format, CultureInfo.InvariantCulture))
                {
                    buffer.Advance(written);
                    return;
                }
                size = span.Length * 2;
            }
        }
        if (value is string s)
        {
            WriteString(buffer, s);
        }
        else if (value is IFormattable f)
        {
            WriteString(buffer, f.ToString(format, CultureInfo.InvariantCulture));
        }
        else if (value is not null)
        {
            WriteString(buffer, value.ToString());
        }
    }

    /// <summary>
    /// Pads the value written from <paramref name="start"/> to the end of <paramref name="buffer"/> to
    /// |<paramref name="alignment"/>| bytes, as composite formatting does: positive aligns right, negative
    /// left. Returns where the value now starts.
    /// </summary>
    internal static int Align(Utf8Buffer buffer, int start, int alignment)
    {
        int written = buffer.Length - start;
        int pad = Math.Max(0, Math.Abs(alignment) - written);
        if (pad == 0)
        {
            return start;
        }
        buffer.GetSpan(pad)[..pad].Fill((byte)' ');
        buffer.Advance(pad);
        if (alignment < 0)
        {
            return start;
        }
        // Right-aligned: move the value behind the padding.
        Span<byte> all = buffer.WrittenSpanMutable[start..];
        all[..written].CopyTo(all[pad..]);
        all[..pad].Fill((byte)' ');
        return start + pad;
    }

    /// <summary>Text of a value in invariant culture (allocates).</summary>
    internal static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The kind of a value for structured output.</summary>
    internal static PropertyKind KindOf(object? value) => value switch
    {
        null => PropertyKind.Null,
        string or char => PropertyKind.Text,
        bool => PropertyKind.Boolean,
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
            => PropertyKind.Number,
        _ => PropertyKind.Other,
    };

    /// <summary>The kind of a value of a static type, resolved at JIT time for value types.</summary>
    internal static PropertyKind KindOf<T>()
    {
        if (typeof(T) == typeof(string) || typeof(T) == typeof(char))
        {
            return PropertyKind.Text;
        }
        if (typeof(T) == typeof(bool))
        {
            return PropertyKind.Boolean;
        }
        if (typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(double) ||
            typeof(T) == typeof(float) || typeof(T) == typeof(decimal) || typeof(T) == typeof(uint) ||
            typeof(T) == typeof(ulong) || typeof(T) == typeof(short) || typeof(T) == typeof(ushort) ||
            typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte))
        {
            return PropertyKind.Number;
        }
        return PropertyKind.Other;
    }
}
