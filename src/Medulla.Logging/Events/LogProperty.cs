using System.Buffers;

namespace Medulla.Logging;

/// <summary>
/// One structured property of an event: either the original object (events from the
/// Microsoft.Extensions.Logging bridge) or its UTF-8 rendering captured without allocation (events from
/// the interpolated-string fast path). Valid only while the event is being handled.
/// </summary>
public readonly ref struct LogProperty
{
    private readonly ReadOnlySpan<byte> _rendered;

    internal LogProperty(string name, object? value)
    {
        Name = name;
        Value = value;
        Kind = Utf8Values.KindOf(value);
        IsRendered = false;
    }

    internal LogProperty(string name, ReadOnlySpan<byte> rendered, PropertyKind kind)
    {
        Name = name;
        _rendered = rendered;
        Kind = kind;
        IsRendered = true;
    }

    /// <summary>The property's name: the template hole name or the interpolated expression.</summary>
    public string Name { get; }

    /// <summary>The original value, when the event carries it (null for rendered properties).</summary>
    public object? Value { get; }

    /// <summary>Whether only the UTF-8 rendering is available (<see cref="RenderedUtf8"/>).</summary>
    public bool IsRendered { get; }

    /// <summary>The value's UTF-8 rendering for rendered properties; empty otherwise.</summary>
    public ReadOnlySpan<byte> RenderedUtf8 => _rendered;

    /// <summary>The kind of value, for structured output.</summary>
    public PropertyKind Kind { get; }

    /// <summary>Writes the value as UTF-8 text (invariant culture).</summary>
    public void WriteValue(IBufferWriter<byte> output)
    {
        if (IsRendered)
        {
            output.Write(_rendered);
        }
        else
        {
            Utf8Values.Write(output, Value);
        }
    }

    /// <summary>The value as text (allocates).</summary>
    public string ValueText() => IsRendered
        ? System.Text.Encoding.UTF8.GetString(_rendered)
        : Utf8Values.ToText(Value);
}
