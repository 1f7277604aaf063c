using System.Text;

namespace Medulla.Firmware;

/// <summary>
/// One variable as the device stores it: the bytes of its name and of its value. U-Boot and its tools
/// treat both as C strings, not as text, so they may hold bytes that are not UTF-8 (Latin-1 from an old
/// script, say); an entry keeps them exactly, and a write puts back every entry the caller did not change
/// byte for byte.
/// </summary>
public sealed class EnvEntry
{
    private static readonly UTF8Encoding Lossy = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly byte[] _name;
    private readonly byte[] _value;

    internal EnvEntry(byte[] name, byte[] value)
    {
        _name = name;
        _value = value;
    }

    /// <summary>The name as stored: not empty, no '=', no NUL.</summary>
    public ReadOnlyMemory<byte> NameBytes => _name;

    /// <summary>The value as stored: no NUL.</summary>
    public ReadOnlyMemory<byte> ValueBytes => _value;

    /// <summary>The name decoded as UTF-8; a byte sequence that is not UTF-8 reads as U+FFFD.</summary>
    public string Name => Lossy.GetString(_name);

    /// <summary>The value decoded as UTF-8; a byte sequence that is not UTF-8 reads as U+FFFD.</summary>
    public string Value => Lossy.GetString(_value);

    /// <summary>True when both name and value are valid UTF-8, so <see cref="Name"/> and <see cref="Value"/> lose nothing.</summary>
    public bool IsUtf8 => System.Text.Unicode.Utf8.IsValid(_name) && System.Text.Unicode.Utf8.IsValid(_value);

    internal byte[] RawName => _name;

    internal byte[] RawValue => _value;

    /// <summary>The entry as the <c>name=value</c> bytes of the data area, without the terminating NUL.</summary>
    internal int EncodedLength => _name.Length + 1 + _value.Length;
}
