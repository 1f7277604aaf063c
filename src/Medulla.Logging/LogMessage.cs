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
        Utf8Values.WriteValue(buffer, value, format);
        _event.AddRenderedProperty(name, start, buffer.Length - start, value is null ? PropertyKind.Null : Utf8Values.KindOf<T>());
    }

    /// <summary>Appends a value with alignment and records it (without the padding) as a property.</summary>
    public readonly void AppendFormatted<T>(T value, int alignment, string? format = null, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        var buffer = _event!.MessageBuffer;
        int start = buffer.Length;
        Utf8Values.WriteValue(buffer, value, format);
        int written = buffer.Length - start;
        int valueStart = Utf8Values.Align(buffer, start, alignment);
        _event.AddRenderedProperty(name, valueStart, written, value is null ? PropertyKind.Null : Utf8Values.KindOf<T>());
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
