using System.Text;

namespace Medulla.Logging;

/// <summary>
/// Formats an event as a syslog message (RFC 5424), one per line:
/// <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG</c> followed by "\n".
/// </summary>
/// <remarks>
/// PRI is facility * 8 + severity, the severity being the level's integer. TIMESTAMP is UTC with
/// microseconds. MSGID is the event name, else the event id, else "-". The event's properties form one
/// SD-ELEMENT (<see cref="Rfc5424FormatterOptions.StructuredDataId"/>); without properties it is "-".
/// MSG is the message, then the exception after a space, without a BOM (the RFC's MSG-ANY form).
/// Header fields are cut to the RFC's lengths and characters outside printable US-ASCII become '_';
/// an empty field is "-".
/// </remarks>
public sealed class Rfc5424Formatter : ILogFormatter
{
    /// <summary>Longest SD-NAME (SD-ID or PARAM-NAME), RFC 5424 section 6.3.</summary>
    internal const int MaxSdNameLength = 32;

    private const int MaxHostNameLength = 255;
    private const int MaxAppNameLength = 48;
    private const int MaxProcIdLength = 128;
    private const int MaxMsgIdLength = 32;

    [ThreadStatic] private static Utf8Buffer? t_scratch;

    private readonly byte[][] _priAndVersion;
    private readonly byte[] _hostAppProc;
    private readonly byte[] _sdOpen;
    private readonly bool _includeProperties;
    private readonly bool _singleLine;

    /// <summary>Creates a formatter.</summary>
    /// <exception cref="ArgumentException">A setting in <paramref name="options"/> is invalid.</exception>
    public Rfc5424Formatter(Rfc5424FormatterOptions? options = null)
    {
        Options = options ?? new Rfc5424FormatterOptions();
        Options.Validate();
        int facility = Options.Facility;
        _priAndVersion = [.. Enumerable.Range(0, 8).Select(severity => Encoding.ASCII.GetBytes($"<{(facility * 8) + severity}>1 "))];
        var header = new Utf8Buffer(64);
        header.Write((byte)' ');
        WriteHeaderField(header, Options.HostName, MaxHostNameLength);
        header.Write((byte)' ');
        WriteHeaderField(header, Options.AppName, MaxAppNameLength);
        header.Write((byte)' ');
        WriteHeaderField(header, Options.ProcId, MaxProcIdLength);
        header.Write((byte)' ');
        _hostAppProc = header.WrittenSpan.ToArray();
        _sdOpen = Encoding.ASCII.GetBytes("[" + Options.StructuredDataId);
        _includeProperties = Options.IncludeProperties;
        _singleLine = Options.SingleLine;
    }

    /// <summary>The settings this formatter was built with.</summary>
    public Rfc5424FormatterOptions Options { get; }

    /// <inheritdoc />
    public void Format(LogEvent logEvent, Utf8Buffer output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        int severity = Math.Clamp((int)logEvent.Level, (int)Level.Emergency, (int)Level.Debug);
        output.Write(_priAndVersion[severity]);
        Span<byte> time = output.GetSpan(Rfc3339Time.UtcLength);
        output.Advance(Rfc3339Time.FormatUtc(logEvent.Timestamp, time));
        output.Write(_hostAppProc);
        WriteMsgId(logEvent, output);
        output.Write((byte)' ');
        WriteStructuredData(logEvent, output);

        bool hasMessage = !logEvent.MessageUtf8.IsEmpty;
        if (hasMessage || logEvent.Exception is not null)
        {
            output.Write((byte)' ');
            int start = output.Length;
            output.Write(logEvent.MessageUtf8);
            if (logEvent.Exception is { } exception)
            {
                if (hasMessage)
                {
                    output.Write((byte)' ');
                }
                Utf8Values.WriteString(output, exception.ToString());
            }
            if (_singleLine)
            {
                InsertedValueEdits.CollapseNewlines(output, start);
            }
        }
        output.Write((byte)'\n');
    }

    /// <summary>PRINTUSASCII (%d33-126) except the four characters SD-NAME excludes.</summary>
    internal static bool IsSdNameChar(char c) => c is > ' ' and <= '~' and not ('=' or ']' or '"');

    private static void WriteMsgId(LogEvent e, Utf8Buffer output)
    {
        string? name = e.EventId.Name;
        if (!string.IsNullOrEmpty(name))
        {
            WriteSanitized(output, name, MaxMsgIdLength, sdName: false);
        }
        else if (e.EventId.Id != 0)
        {
            Utf8Values.WriteFormattable(output, e.EventId.Id, default);
        }
        else
        {
            output.Write((byte)'-');
        }
    }

    private void WriteStructuredData(LogEvent e, Utf8Buffer output)
    {
        int count = _includeProperties ? e.PropertyCount : 0;
        if (count == 0)
        {
            output.Write((byte)'-');
            return;
        }
        Utf8Buffer scratch = t_scratch ?? new Utf8Buffer(256);
        t_scratch = null;
        try
        {
            output.Write(_sdOpen);
            for (int i = 0; i < count; i++)
            {
                LogProperty p = e.GetProperty(i);
                output.Write((byte)' ');
                WriteSanitized(output, p.Name, MaxSdNameLength, sdName: true);
                output.Write("=\""u8);
                if (p.IsRendered)
                {
                    WriteParamValue(output, p.RenderedUtf8);
                }
                else
                {
                    scratch.Clear();
                    Utf8Values.Write(scratch, p.Value);
                    WriteParamValue(output, scratch.WrittenSpan);
                }
                output.Write((byte)'"');
            }
            output.Write((byte)']');
        }
        finally
        {
            scratch.Clear();
            scratch.ShrinkIfHuge();
            t_scratch = scratch;
        }
    }

    /// <summary>PARAM-VALUE: '"', '\' and ']' must be escaped with a backslash (RFC 5424 section 6.3.3).</summary>
    private void WriteParamValue(Utf8Buffer output, ReadOnlySpan<byte> value)
    {
        int start = output.Length;
        while (!value.IsEmpty)
        {
            int special = value.IndexOfAny((byte)'"', (byte)'\\', (byte)']');
            if (special < 0)
            {
                output.Write(value);
                break;
            }
            output.Write(value[..special]);
            output.Write((byte)'\\');
            output.Write(value[special]);
            value = value[(special + 1)..];
        }
        if (_singleLine)
        {
            InsertedValueEdits.CollapseNewlines(output, start);
        }
    }

    private static void WriteHeaderField(Utf8Buffer output, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            output.Write((byte)'-');
            return;
        }
        WriteSanitized(output, value, maxLength, sdName: false);
    }

    /// <summary>
    /// Writes at most <paramref name="maxLength"/> characters, each outside PRINTUSASCII (or, for an
    /// SD-NAME, also '=', ']' and '"') replaced by '_'; an empty value becomes "_" for an SD-NAME.
    /// </summary>
    private static void WriteSanitized(Utf8Buffer output, string value, int maxLength, bool sdName)
    {
        int written = 0;
        foreach (Rune rune in value.EnumerateRunes())
        {
            if (written == maxLength)
            {
                break;
            }
            int v = rune.Value;
            bool ok = sdName ? v < 128 && IsSdNameChar((char)v) : v is > ' ' and <= '~';
            output.Write(ok ? (byte)v : (byte)'_');
            written++;
        }
        if (written == 0)
        {
            output.Write(sdName ? (byte)'_' : (byte)'-');
        }
    }
}
