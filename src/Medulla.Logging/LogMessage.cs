using System.Runtime.CompilerServices;

namespace Medulla.Logging;

/// <summary>
/// Interpolated-string handler behind <see cref="CategoryLogger.Log(Level, ref LogMessage)"/>: when the
/// level is disabled nothing is evaluated; when enabled, literals and holes are written straight into
/// the event's pooled UTF-8 buffer and each hole is recorded as a property named by its expression.
/// </summary>
[InterpolatedStringHandler]
public ref struct LogMessage
{
    private LogEvent? _event;

    /// <summary>Called by the compiler.</summary>
    public LogMessage(int literalLength, int formattedCount, CategoryLogger logger, Level level, out bool isEnabled)
    {
        ArgumentNullException.ThrowIfNull(logger);
        isEnabled = logger.IsEnabled(level);
        _event = isEnabled ? logger.Start(level) : null;
    }

    internal readonly bool IsEnabled => _event is not null;

    internal LogEvent TakeEvent()
    {
        LogEvent e = _event!;
        _event = null;
        return e;
    }

    /// <summary>Appends literal text.</summary>
    public readonly void AppendLiteral(string value) => _event!.MessageBuffer.WriteUtf16(value);

    /// <summary>Appends a value and records it as a property.</summary>
    public readonly void AppendFormatted<T>(T value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        AppendFormatted(value, null, name);

    /// <summary>Appends a value with a format string and records it as a property.</summary>
    public readonly void AppendFormatted<T>(T value, string? format, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        var buffer = _event!.MessageBuffer;
        int start = buffer.Length;
        WriteValue(value, format);
        _event.AddRenderedProperty(name, start, buffer.Length - start, value is null ? PropertyKind.Null : Utf8Values.KindOf<T>());
    }

    /// <summary>Appends a value with alignment and records it (without the padding) as a property.</summary>
    public readonly void AppendFormatted<T>(T value, int alignment, string? format = null, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        var buffer = _event!.MessageBuffer;
        int start = buffer.Length;
        WriteValue(value, format);
        int written = buffer.Length - start;
        int pad = Math.Max(0, Math.Abs(alignment) - written);
        if (pad > 0)
        {
            buffer.GetSpan(pad)[..pad].Fill((byte)' ');
            buffer.Advance(pad);
            if (alignment > 0)
            {
                // Right-aligned: move the value behind the padding.
                Span<byte> all = buffer.WrittenSpanMutable[start..];
                all[..written].CopyTo(all[pad..]);
                all[..pad].Fill((byte)' ');
            }
        }
        int valueStart = alignment > 0 ? start + pad : start;
        _event.AddRenderedProperty(name, valueStart, written, value is null ? PropertyKind.Null : Utf8Values.KindOf<T>());
    }

    private readonly void WriteValue<T>(T value, string? format)
    {
        var buffer = _event!.MessageBuffer;
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
                if (((IUtf8SpanFormattable)value).TryFormat(span, out int written, format, System.Globalization.CultureInfo.InvariantCulture))
                {
                    buffer.Advance(written);
                    return;
                }
                size = span.Length * 2;
            }
        }
        if (value is string s)
        {
            Utf8Values.WriteString(buffer, s);
        }
        else if (value is IFormattable f)
        {
            Utf8Values.WriteString(buffer, f.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (value is not null)
        {
            Utf8Values.WriteString(buffer, value.ToString());
        }
    }

    /// <summary>Appends characters and records them as a property.</summary>
    public readonly void AppendFormatted(ReadOnlySpan<char> value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        var buffer = _event!.MessageBuffer;
        int start = buffer.Length;
        Utf8Values.WriteString(buffer, value);
        _event.AddRenderedProperty(name, start, buffer.Length - start, PropertyKind.Text);
    }
}
