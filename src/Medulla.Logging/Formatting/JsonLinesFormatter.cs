using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Medulla.Logging;

/// <summary>
/// Formats an event as one JSON object on one line ("JSON lines"):
/// <c>{"time":"...","level":"info","category":"...","msg":"...","props":{...}}</c> followed by "\n".
/// </summary>
/// <remarks>
/// Fields, in order, each only when the event has it: <c>time</c>, <c>level</c>, <c>category</c>,
/// <c>msg</c>, <c>template</c>, <c>event_id</c>, <c>event_name</c>, <c>domain</c> (array),
/// <c>exception</c>, <c>original_level</c>, <c>props</c> (numbers and booleans as JSON numbers and
/// booleans, null as null, everything else as strings), <c>scopes</c> (array) and <c>meta</c> (the
/// global metadata). Non-ASCII text is written as is (UTF-8), control characters, quotes and
/// backslashes are escaped. Each thread reuses one <see cref="Utf8JsonWriter"/>, so an event with
/// string and number properties is formatted without allocation.
/// </remarks>
public sealed class JsonLinesFormatter : ILogFormatter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    [ThreadStatic] private static WriterState? t_state;

    private readonly bool _utcTime;

    /// <summary>Creates a formatter.</summary>
    public JsonLinesFormatter(JsonLinesFormatterOptions? options = null)
    {
        Options = options ?? new JsonLinesFormatterOptions();
        _utcTime = Options.UtcTime;
    }

    /// <summary>The settings this formatter was built with.</summary>
    public JsonLinesFormatterOptions Options { get; }

    /// <inheritdoc />
    public void Format(LogEvent logEvent, Utf8Buffer output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        // Taken off the thread while in use: ToString of an exception or scope may log and re-enter.
        WriterState state = t_state ?? new WriterState();
        t_state = null;
        try
        {
            Utf8JsonWriter w = state.Writer;
            w.Reset(output);
            WriteEvent(w, logEvent, state);
            w.Flush();
            output.Write((byte)'\n');
        }
        finally
        {
            state.Writer.Reset(state.Scratch); // drop the reference to the caller's buffer
            state.Scratch.Clear();
            t_state = state;
        }
    }

    private void WriteEvent(Utf8JsonWriter w, LogEvent e, WriterState state)
    {
        w.WriteStartObject();

        Span<byte> time = stackalloc byte[Rfc3339Time.MaxLength];
        int timeLength = _utcTime ? Rfc3339Time.FormatUtc(e.Timestamp, time) : Rfc3339Time.FormatLocal(e.Timestamp, time);
        w.WriteString("time"u8, time[..timeLength]);
        if (e.Level.IsSeverity())
        {
            w.WriteString("level"u8, e.Level.Utf8Name());
        }
        else
        {
            w.WriteNumber("level"u8, (int)e.Level);
        }
        w.WriteString("category"u8, e.Category);
        WriteUtf8String(w, "msg"u8, e.MessageUtf8);
        if (!string.IsNullOrEmpty(e.Template))
        {
            w.WriteString("template"u8, e.Template);
        }
        if (e.EventId.Id != 0 || !string.IsNullOrEmpty(e.EventId.Name))
        {
            w.WriteNumber("event_id"u8, e.EventId.Id);
        }
        if (!string.IsNullOrEmpty(e.EventId.Name))
        {
            w.WriteString("event_name"u8, e.EventId.Name);
        }
        if (e.Domain is { Count: > 0 } domain)
        {
            w.WriteStartArray("domain"u8);
            for (int i = 0; i < domain.Count; i++)
            {
                w.WriteStringValue(domain[i]);
            }
            w.WriteEndArray();
        }
        if (e.Exception is { } exception)
        {
            w.WriteString("exception"u8, exception.ToString());
        }
        if (!string.IsNullOrEmpty(e.OriginalLevel))
        {
            w.WriteString("original_level"u8, e.OriginalLevel);
        }

        int count = e.PropertyCount;
        if (count > 0)
        {
            w.WriteStartObject("props"u8);
            for (int i = 0; i < count; i++)
            {
                LogProperty p = e.GetProperty(i);
                w.WritePropertyName(p.Name);
                if (p.IsRendered)
                {
                    WriteRenderedValue(w, p.RenderedUtf8, p.Kind);
                }
                else
                {
                    WriteObjectValue(w, p.Value, state.Scratch);
                }
            }
            w.WriteEndObject();
        }

        state.ScopeCount = 0;
        e.ForEachScope(static (scope, s) =>
        {
            if (s.ScopeCount++ == 0)
            {
                s.Writer.WriteStartArray("scopes"u8);
            }
            if (scope is null)
            {
                s.Writer.WriteNullValue();
            }
            else if (scope is string text)
            {
                s.Writer.WriteStringValue(text);
            }
            else
            {
                s.Scratch.Clear();
                Utf8Values.Write(s.Scratch, scope);
                WriteUtf8StringValue(s.Writer, s.Scratch.WrittenSpan);
            }
        }, state);
        if (state.ScopeCount > 0)
        {
            w.WriteEndArray();
        }

        IReadOnlyList<KeyValuePair<string, object?>> meta = e.GlobalMetadata;
        if (meta.Count > 0)
        {
            w.WriteStartObject("meta"u8);
            for (int i = 0; i < meta.Count; i++)
            {
                KeyValuePair<string, object?> kv = meta[i];
                w.WritePropertyName(kv.Key);
                WriteObjectValue(w, kv.Value, state.Scratch);
            }
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteRenderedValue(Utf8JsonWriter w, ReadOnlySpan<byte> rendered, PropertyKind kind)
    {
        switch (kind)
        {
            case PropertyKind.Null:
                w.WriteNullValue();
                return;
            case PropertyKind.Boolean when Ascii.EqualsIgnoreCase(rendered, "true"u8):
                w.WriteBooleanValue(true);
                return;
            case PropertyKind.Boolean when Ascii.EqualsIgnoreCase(rendered, "false"u8):
                w.WriteBooleanValue(false);
                return;
            case PropertyKind.Number:
                // Alignment pads with spaces; a format string may give "1,234.50" or "NaN": those stay strings.
                ReadOnlySpan<byte> trimmed = rendered.Trim((byte)' ');
                if (IsJsonNumber(trimmed))
                {
                    w.WriteRawValue(trimmed, skipInputValidation: true);
                    return;
                }
                break;
        }
        WriteUtf8StringValue(w, rendered);
    }

    private static void WriteObjectValue(Utf8JsonWriter w, object? value, Utf8Buffer scratch)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                return;
            case bool b:
                w.WriteBooleanValue(b);
                return;
            case string s:
                w.WriteStringValue(s);
                return;
        }
        scratch.Clear();
        Utf8Values.Write(scratch, value);
        PropertyKind kind = Utf8Values.KindOf(value);
        if (kind == PropertyKind.Number && IsJsonNumber(scratch.WrittenSpan))
        {
            w.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
            return;
        }
        WriteUtf8StringValue(w, scratch.WrittenSpan);
    }

    private static void WriteUtf8String(Utf8JsonWriter w, ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8)
    {
        // The writer throws on invalid UTF-8; our text is transcoded with replacement, but a foreign
        // event could carry broken bytes, and a throwing formatter would cost the whole handler.
        if (Utf8.IsValid(utf8))
        {
            w.WriteString(name, utf8);
        }
        else
        {
            w.WriteString(name, Encoding.UTF8.GetString(utf8));
        }
    }

    private static void WriteUtf8StringValue(Utf8JsonWriter w, ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            w.WriteStringValue(utf8);
        }
        else
        {
            w.WriteStringValue(Encoding.UTF8.GetString(utf8));
        }
    }

    /// <summary>Whether the bytes are a number in the JSON grammar (RFC 8259 section 6).</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<byte> s)
    {
        int i = 0;
        if (i < s.Length && s[i] == (byte)'-')
        {
            i++;
        }
        if (i >= s.Length)
        {
            return false;
        }
        if (s[i] == (byte)'0')
        {
            i++;
        }
        else if (s[i] is >= (byte)'1' and <= (byte)'9')
        {
            i = SkipDigits(s, i);
        }
        else
        {
            return false;
        }
        if (i < s.Length && s[i] == (byte)'.')
        {
            int digits = i + 1;
            i = SkipDigits(s, digits);
            if (i == digits)
            {
                return false;
            }
        }
        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }
            int digits = i;
            i = SkipDigits(s, digits);
            if (i == digits)
            {
                return false;
            }
        }
        return i == s.Length;
    }

    private static int SkipDigits(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9')
        {
            i++;
        }
        return i;
    }

    private sealed class WriterState
    {
        public WriterState()
        {
            Scratch = new Utf8Buffer(256);
            Writer = new Utf8JsonWriter(Scratch, WriterOptions);
        }

        public Utf8JsonWriter Writer { get; }

        /// <summary>Where non-string values are rendered before being written as JSON strings.</summary>
        public Utf8Buffer Scratch { get; }

        public int ScopeCount { get; set; }
    }
}
