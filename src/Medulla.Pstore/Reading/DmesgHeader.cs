using System.Globalization;

namespace Medulla.Pstore;

/// <summary>
/// The first line of a dmesg record, <c>"%s#%d Part%u\n"</c> (pstore_dump in fs/pstore/platform.c):
/// the reason ("Panic", "Oops", "Emergency", "Shutdown"), the dump number within the boot, and the part.
/// The kernel fills parts from the end of its log buffer, so Part1 holds the last lines before the dump
/// and the highest part the earliest.
/// </summary>
/// <param name="Reason">Why the kernel dumped its log.</param>
/// <param name="Dump">The dump number within the boot that wrote it.</param>
/// <param name="Part">The part number, 1 for the end of the log.</param>
internal readonly record struct DmesgHeader(string Reason, int Dump, int Part)
{
    /// <summary>Parses the first line of <paramref name="text"/>; false if it is not a dump header.</summary>
    internal static bool TryParse(string text, out DmesgHeader header)
    {
        header = default;
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        ReadOnlySpan<char> line = end < 0 ? text : text.AsSpan(0, end);
        int hash = line.IndexOf('#');
        int space = line.LastIndexOf(" Part", StringComparison.Ordinal);
        if (hash <= 0 || space <= hash + 1)
        {
            return false;
        }
        if (!int.TryParse(line[(hash + 1)..space], NumberStyles.None, CultureInfo.InvariantCulture, out int dump) ||
            !int.TryParse(line[(space + " Part".Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out int part))
        {
            return false;
        }
        header = new DmesgHeader(line[..hash].ToString(), dump, part);
        return true;
    }
}
