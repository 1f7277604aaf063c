using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Medulla.Firmware;

/// <summary>
/// The U-Boot environment block: a 4-byte little-endian CRC-32 of the data area, for the redundant
/// layout one flags byte, then the data area: <c>name=value\0</c> entries, one more <c>\0</c>, and
/// padding up to the environment size. The CRC covers the whole data area, padding included.
/// </summary>
/// <remarks>
/// Encoding is strict and deterministic: names are checked, entries are sorted by name bytes (as
/// strcmp, the order of U-Boot's saveenv and libubootenv's fw_setenv) and the padding is
/// <see cref="PaddingByte"/>, as U-Boot's saveenv pads. Decoding is tolerant of what the other writers
/// produce: any padding (mkenvimage pads with 0xff unless told otherwise, libubootenv leaves whatever
/// its buffer held), any entry order, entries without '=' or with an empty name (skipped), repeated
/// names (the last wins), and a data area filled to the last byte without the final <c>\0</c>.
/// Names and values are bytes (<see cref="EnvEntry"/>): bytes that are not UTF-8 are kept as they are, and
/// only the string view (<see cref="EnvBlock.Variables"/>) shows them as U+FFFD. Strings from a caller
/// must be valid UTF-16: a lone surrogate has no UTF-8 form and is refused.
/// </remarks>
public static class UBootEnvCodec
{
    /// <summary>The byte written after the end of the entries.</summary>
    public const byte PaddingByte = 0x00;

    /// <summary>The header size: the CRC, and for the redundant layout the flags byte.</summary>
    public static int HeaderSize(EnvLayout layout) => layout == EnvLayout.Redundant ? 5 : 4;

    /// <summary>The smallest usable environment: the header and the terminating <c>\0</c> of an empty list.</summary>
    public static int MinimumEnvSize(EnvLayout layout) => HeaderSize(layout) + 1;

    /// <summary>
    /// Checks a variable name: not empty, no '=' (it separates name and value), no NUL (it ends an
    /// entry) and valid UTF-16 (a lone surrogate has no UTF-8 form).
    /// </summary>
    /// <exception cref="ArgumentException">The name cannot be stored; the message names it.</exception>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("a variable name is empty", nameof(name));
        }
        if (name.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException($"variable name '{Printable(name)}' contains '='", nameof(name));
        }
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"variable name '{Printable(name)}' contains a NUL character", nameof(name));
        }
        if (LoneSurrogateAt(name) is int at)
        {
            throw new ArgumentException($"variable name '{Printable(name)}' is not valid UTF-16 (a lone surrogate at index {at})", nameof(name));
        }
    }

    /// <summary>
    /// Checks a value: no NUL (it ends an entry) and valid UTF-16 (a lone surrogate has no UTF-8 form). Any
    /// other character, '=' included, is fine.
    /// </summary>
    /// <exception cref="ArgumentException">The value cannot be stored; the message names the variable.</exception>
    public static void ValidateValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (value is null)
        {
            throw new ArgumentException($"the value of '{Printable(name)}' is null", nameof(value));
        }
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"the value of '{Printable(name)}' contains a NUL character", nameof(value));
        }
        if (LoneSurrogateAt(value) is int at)
        {
            throw new ArgumentException($"the value of '{Printable(name)}' is not valid UTF-16 (a lone surrogate at index {at})", nameof(value));
        }
    }

    /// <summary>The name as UTF-8 bytes, after <see cref="ValidateName"/>.</summary>
    internal static byte[] NameBytes(string name)
    {
        ValidateName(name);
        return Encoding.UTF8.GetBytes(name);
    }

    /// <summary>The value as UTF-8 bytes, after <see cref="ValidateValue"/>.</summary>
    internal static byte[] ValueBytes(string name, string value)
    {
        ValidateValue(name, value);
        return Encoding.UTF8.GetBytes(value);
    }

    /// <summary>Encodes an environment block of <paramref name="envSize"/> bytes.</summary>
    /// <param name="variables">The variables; names must be distinct.</param>
    /// <param name="layout">Single or redundant.</param>
    /// <param name="envSize">The block size, header included.</param>
    /// <param name="flags">The redundant layout's write counter; ignored for the single layout.</param>
    /// <exception cref="ArgumentException">
    /// A name or value cannot be stored, a name repeats, or the variables do not fit; the message names
    /// the variable or the sizes.
    /// </exception>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> variables, EnvLayout layout, int envSize, byte flags = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(envSize, MinimumEnvSize(layout));
        var block = new byte[envSize];
        Encode(variables, layout, flags, block);
        return block;
    }

    /// <summary>Encodes an environment block into <paramref name="block"/>, whose length is the environment size.</summary>
    /// <inheritdoc cref="Encode(IEnumerable{KeyValuePair{string, string}}, EnvLayout, int, byte)"/>
    public static void Encode(IEnumerable<KeyValuePair<string, string>> variables, EnvLayout layout, byte flags, Span<byte> block)
    {
        ArgumentNullException.ThrowIfNull(variables);
        EncodeEntries(ToEntries(variables), layout, flags, block);
    }

    /// <summary>The variables as entries, checked; a name that repeats is an error naming it.</summary>
    /// <exception cref="ArgumentException">A name or value cannot be stored, or a name repeats.</exception>
    internal static List<EnvEntry> ToEntries(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var entries = new List<EnvEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> variable in variables)
        {
            byte[] name = NameBytes(variable.Key);
            byte[] value = ValueBytes(variable.Key, variable.Value);
            if (!names.Add(variable.Key))
            {
                throw new ArgumentException($"variable name '{Printable(variable.Key)}' occurs twice", nameof(variables));
            }
            entries.Add(new EnvEntry(name, value));
        }
        return entries;
    }

    /// <summary>
    /// Encodes entries into <paramref name="block"/>, sorted by name bytes; the bytes of every entry are
    /// written as they are.
    /// </summary>
    /// <exception cref="ArgumentException">Two entries have the same name bytes, or the entries do not fit.</exception>
    internal static void EncodeEntries(IEnumerable<EnvEntry> entries, EnvLayout layout, byte flags, Span<byte> block)
    {
        int header = HeaderSize(layout);
        if (block.Length < header + 1)
        {
            throw new ArgumentException($"an environment block of the {layout} layout needs at least {header + 1} bytes, not {block.Length}", nameof(block));
        }
        var sorted = new SortedDictionary<byte[], EnvEntry>(NameBytesOrder.Instance);
        long needed = 1;
        foreach (EnvEntry entry in entries)
        {
            if (!sorted.TryAdd(entry.RawName, entry))
            {
                throw new ArgumentException($"variable name '{Printable(entry.Name)}' occurs twice", nameof(entries));
            }
            needed += entry.EncodedLength + 1L;
        }
        Span<byte> data = block[header..];
        if (needed > data.Length)
        {
            throw new ArgumentException(
                $"the variables need {needed} bytes but an environment of {block.Length} bytes holds {data.Length} after its {header}-byte header",
                nameof(entries));
        }
        int at = 0;
        foreach (EnvEntry entry in sorted.Values)
        {
            entry.RawName.CopyTo(data[at..]);
            at += entry.RawName.Length;
            data[at++] = (byte)'=';
            entry.RawValue.CopyTo(data[at..]);
            at += entry.RawValue.Length;
            data[at++] = 0;
        }
        data[at++] = 0;
        data[at..].Clear(); // the padding: PaddingByte is 0x00
        if (layout == EnvLayout.Redundant)
        {
            block[4] = flags;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(block, Crc32.HashToUInt32(data));
    }

    /// <summary>
    /// Decodes one copy; its length is the environment size. Never throws: a block that is too short,
    /// blank or fails its CRC comes back with that state and no variables.
    /// </summary>
    public static EnvBlock Decode(ReadOnlySpan<byte> block, EnvLayout layout)
    {
        int header = HeaderSize(layout);
        if (block.Length < header + 1)
        {
            return EnvBlock.Unusable(EnvCopyState.Truncated);
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(block);
        byte flags = layout == EnvLayout.Redundant ? block[4] : (byte)0;
        ReadOnlySpan<byte> data = block[header..];
        uint computed = Crc32.HashToUInt32(data);
        if (stored != computed)
        {
            bool blank = !block.ContainsAnyExcept((byte)0x00) || !block.ContainsAnyExcept((byte)0xFF);
            return new EnvBlock(blank ? EnvCopyState.Blank : EnvCopyState.CrcMismatch, flags, stored, computed, [], 0);
        }
        var entries = new SortedDictionary<byte[], byte[]>(NameBytesOrder.Instance);
        int skipped = 0;
        while (data.Length > 0 && data[0] != 0)
        {
            int end = data.IndexOf((byte)0);
            ReadOnlySpan<byte> entry = end < 0 ? data : data[..end];
            data = end < 0 ? [] : data[(end + 1)..];
            int equals = entry.IndexOf((byte)'=');
            if (equals <= 0)
            {
                skipped++;
                continue;
            }
            entries[entry[..equals].ToArray()] = entry[(equals + 1)..].ToArray();
        }
        return new EnvBlock(EnvCopyState.Valid, flags, stored, computed, [.. entries.Select(e => new EnvEntry(e.Key, e.Value))], skipped);
    }

    /// <summary>
    /// A name for a message, with control characters and lone surrogates escaped so the message stays one
    /// readable line.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.Any(char.IsControl) && LoneSurrogateAt(text) is null)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append(c == '\0' ? "\\0" : $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The index of the first surrogate that is not half of a pair, or null when there is none.</summary>
    private static int? LoneSurrogateAt(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }
        return null;
    }
}
