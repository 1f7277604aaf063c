namespace Medulla.Firmware.UBoot;

/// <summary>One decoded copy of the environment.</summary>
public sealed class EnvBlock
{
    internal EnvBlock(EnvCopyState state, byte flags, uint storedCrc, uint computedCrc, IReadOnlyDictionary<string, string> variables, int skippedEntries)
    {
        State = state;
        Flags = flags;
        StoredCrc = storedCrc;
        ComputedCrc = computedCrc;
        Variables = variables;
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

    /// <summary>The variables, ordered by name (UTF-8 byte order); empty unless <see cref="State"/> is valid.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>
    /// Entries that were ignored as U-Boot ignores them: without '=' or with an empty name. A name that
    /// occurs twice is not counted; its last value wins, as in U-Boot.
    /// </summary>
    public int SkippedEntries { get; }
}
