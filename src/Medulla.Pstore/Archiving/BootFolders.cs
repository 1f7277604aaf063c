using System.Globalization;

namespace Medulla.Pstore;

/// <summary>
/// The per-boot folders of an archive, named <c>SEQUENCE-TIME</c>, e.g. <c>000042-20261122T064444Z</c>.
/// The sequence number (one more than the largest present) gives the boot order: devices often start
/// with the clock at 1970, so the time is for people, not for sorting. Names that do not start with a
/// sequence number are not boot folders and are never touched.
/// </summary>
internal static class BootFolders
{
    private const int SequenceDigits = 6;

    /// <summary>The boot folders in <paramref name="archive"/>, oldest first.</summary>
    internal static List<(long Sequence, string Path)> List(string archive)
    {
        var folders = new List<(long, string)>();
        foreach (string path in Directory.EnumerateDirectories(archive))
        {
            if (TryParseSequence(Path.GetFileName(path), out long sequence))
            {
                folders.Add((sequence, path));
            }
        }
        folders.Sort((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2));
        return folders;
    }

    /// <summary>
    /// Where the archiver writes its temporary files: a sibling of the boot folders that is never taken for
    /// one (no sequence number), so no temporary name can meet a record's name.
    /// </summary>
    internal const string StagingFolder = ".staging";

    /// <summary>The name of the folder for the boot after those in <paramref name="existing"/>.</summary>
    /// <exception cref="IOException">The newest folder has the largest sequence number a long holds.</exception>
    internal static string NextName(IReadOnlyList<(long Sequence, string Path)> existing, DateTimeOffset now)
    {
        if (existing.Count > 0 && existing[^1].Sequence == long.MaxValue)
        {
            // One more would wrap to a negative number, whose name is not a boot folder: every later boot
            // would make the same folder again.
            throw new IOException($"no sequence number is left after the boot folder {existing[^1].Path}; rename it (or remove it) to go on archiving");
        }
        long next = existing.Count == 0 ? 1 : existing[^1].Sequence + 1;
        return Name(next, now);
    }

    internal static string Name(long sequence, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequence.ToString("D" + SequenceDigits, CultureInfo.InvariantCulture)}-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");

    internal static bool TryParseSequence(string name, out long sequence)
    {
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        sequence = 0;
        return dash >= SequenceDigits &&
            long.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
