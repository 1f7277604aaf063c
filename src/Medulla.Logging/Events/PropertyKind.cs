namespace Medulla.Logging;

/// <summary>What kind of value a property holds, so structured formatters can write it faithfully.</summary>
public enum PropertyKind : byte
{
    /// <summary>Text.</summary>
    Text,
    /// <summary>An integer or floating-point number rendered in invariant culture.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>No value.</summary>
    Null,
    /// <summary>Anything else, rendered as text.</summary>
    Other,
}
