using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace Medulla.Logging;

/// <summary>
/// A Microsoft.Extensions.Logging message template ("{OriginalFormat}") parsed once into UTF-8 literals
/// and holes, so an event's message is written straight into its pooled buffer instead of through the
/// state's formatter (which builds a string per event). Holes are positional, as in MEL: the n-th hole
/// takes the n-th value, whatever its name. Rendering follows MEL's LogValuesFormatter: invariant
/// culture, "{Name,alignment:format}", "{{" and "}}" for braces, null as "(null)", sequences (other than
/// strings) as their items joined by ", ".
/// </summary>
internal sealed class MelMessageTemplate
{
    // Keyed by the template string's reference: a LoggerMessage.Define delegate, a [LoggerMessage]
    // method and a literal passed to LogInformation all hand over the same string instance every call,
    // and a lookup by reference neither hashes the text nor allocates.
    private static readonly ConditionalWeakTable<string, MelMessageTemplate> Cache = new();

    private readonly byte[][] _literals;
    private readonly Hole[] _holes;

    private readonly byte[] _verbatim;

    private MelMessageTemplate(byte[][] literals, Hole[] holes, byte[] verbatim)
    {
        _literals = literals;
        _holes = holes;
        _verbatim = verbatim;
    }

    /// <summary>Number of holes (values the template takes).</summary>
    internal int HoleCount => _holes.Length;

    /// <summary>The parsed template, from the cache after the first call with the same string.</summary>
    internal static MelMessageTemplate For(string template) =>
        Cache.TryGetValue(template, out MelMessageTemplate? parsed) ? parsed : Cache.GetValue(template, Parse);

    /// <summary>Writes literal number <paramref name="index"/> (the text before hole <paramref name="index"/>, or after the last).</summary>
    internal void WriteLiteral(Utf8Buffer buffer, int index) => buffer.Write(_literals[index]);

    /// <summary>Writes the template as it is: MEL's text for a template given no values (braces stay doubled).</summary>
    internal void WriteVerbatim(Utf8Buffer buffer) => buffer.Write(_verbatim);

    /// <summary>Writes hole <paramref name="index"/> with <paramref name="value"/> and records it as a rendered property.</summary>
    internal void WriteHole<T>(LogEvent e, int index, T value)
    {
        Hole hole = _holes[index];
        Utf8Buffer buffer = e.MessageBuffer;
        int start = buffer.Length;
        PropertyKind kind = WriteValue(buffer, value, hole.Format);
        int written = buffer.Length - start;
        int valueStart = hole.Alignment == 0 ? start : Utf8Values.Align(buffer, start, hole.Alignment);
        e.AddRenderedProperty(hole.Name, valueStart, written, kind);
    }

    /// <summary>Writes hole <paramref name="index"/> with <paramref name="value"/>, without recording a property.</summary>
    internal void WriteHoleText(Utf8Buffer buffer, int index, object? value)
    {
        Hole hole = _holes[index];
        int start = buffer.Length;
        WriteValue(buffer, value, hole.Format);
        if (hole.Alignment != 0)
        {
            Utf8Values.Align(buffer, start, hole.Alignment);
        }
    }

    private static PropertyKind WriteValue<T>(Utf8Buffer buffer, T value, string? format)
    {
        if (value is null)
        {
            buffer.Write("(null)"u8);
            return PropertyKind.Null;
        }
        if (!typeof(T).IsValueType && value is IEnumerable items && value is not string && value is not IUtf8SpanFormattable)
        {
            WriteItems(buffer, items);
            return PropertyKind.Other;
        }
        Utf8Values.WriteValue(buffer, value, format);
        return typeof(T).IsValueType ? Utf8Values.KindOf<T>() : Utf8Values.KindOf((object)value);
    }

    private static void WriteItems(Utf8Buffer buffer, IEnumerable items)
    {
        bool first = true;
        foreach (object? item in items)
        {
            if (!first)
            {
                buffer.Write(", "u8);
            }
            first = false;
            if (item is null)
            {
                buffer.Write("(null)"u8);
            }
            else
            {
                Utf8Values.WriteValue(buffer, item, null);
            }
        }
    }

    private static MelMessageTemplate Parse(string template)
    {
        var literals = new List<byte[]>();
        var holes = new List<Hole>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
                continue;
            }
            int close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                // A lone brace is text, as in MEL's parser.
                literal.Append(c);
                i++;
                continue;
            }
            literals.Add(Encoding.UTF8.GetBytes(literal.ToString()));
            literal.Clear();
            holes.Add(Hole.Parse(template.AsSpan(i + 1, close - i - 1)));
            i = close + 1;
        }
        literals.Add(Encoding.UTF8.GetBytes(literal.ToString()));
        return new MelMessageTemplate([.. literals], [.. holes], Encoding.UTF8.GetBytes(template));
    }

    private readonly record struct Hole(string Name, int Alignment, string? Format)
    {
        internal static Hole Parse(ReadOnlySpan<char> text)
        {
            int formatAt = text.IndexOf(':');
            int alignAt = text.IndexOf(',');
            if (alignAt > formatAt && formatAt >= 0)
            {
                alignAt = -1;
            }
            int nameEnd = alignAt >= 0 ? alignAt : formatAt >= 0 ? formatAt : text.Length;
            string? format = formatAt >= 0 ? text[(formatAt + 1)..].ToString() : null;
            int alignment = 0;
            if (alignAt >= 0)
            {
                ReadOnlySpan<char> align = text[(alignAt + 1)..(formatAt >= 0 ? formatAt : text.Length)].Trim();
                _ = int.TryParse(align, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out alignment);
            }
            return new Hole(text[..nameEnd].Trim().ToString(), alignment, format);
        }
    }
}
