using System.Collections.Immutable;

namespace Medulla.Firmware;

/// <summary>One decoded copy of the environment.</summary>
public sealed class EnvBlock
{
    private ImmutableSortedDictionary<string, string>? _variables;

    internal EnvBlock(EnvCopyState state, byte flags, uint storedCrc, uint computedCrc, IReadOnlyList<EnvEntry> entries, int skippedEntries)
    {
        State = state;
        Flags = flags;
        StoredCrc = storedCrc;
        ComputedCrc = computedCrc;
        Entries = entries;
        SkippedEntries = skippedEntries;
    }

    /// <summary>Whether the copy is valid, and if not, why.</summary>
    public EnvCopyState State { get; }

    /// <summary>The redundant layout's write counter (0 for the single layout and for a truncated copy).</summary>
    public byte Flags { get; }

    /// <summary>The CRC stored in the header (little-endian).</summary>
    public uint StoredCrc { get; }

    /// <summary>The CRC of the data area as read.</summary>
    public uint ComputedCrc { get; }

    /// <summary>
    /// The variables as stored, ordered by name bytes (as strcmp orders them); empty unless
    /// <see cref="State"/> is valid.
    /// </summary>
    public IReadOnlyList<EnvEntry> Entries { get; }

    /// <summary>
    /// The variables as strings, ordered by name (UTF-8 byte order); empty unless <see cref="State"/> is
    /// valid. Bytes that are not UTF-8 read as U+FFFD; of names that read alike that way, this view holds
    /// the first in byte order (<see cref="Entries"/> holds them all).
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables => _variables ??= Decode(Entries); // immutable: a race builds it twice at worst

    /// <summary>
    /// Entries that were ignored as U-Boot ignores them: without '=' or with an empty name. A name that
    /// occurs twice is not counted; its last value wins, as in U-Boot.
    /// </summary>
    public int SkippedEntries { get; }

    /// <summary>A copy without variables: blank, corrupt or truncated.</summary>
    internal static EnvBlock Unusable(EnvCopyState state) => new(state, 0, 0, 0, [], 0);

    private static ImmutableSortedDictionary<string, string> Decode(IReadOnlyList<EnvEntry> entries)
    {
        var variables = ImmutableSortedDictionary.CreateBuilder<string, string>(VariableOrder.Instance);
        foreach (EnvEntry entry in entries)
        {
            variables.TryAdd(entry.Name, entry.Value);
        }
        return variables.ToImmutable();
    }
}
