using System.Text;

namespace Medulla.Pstore;

/// <summary>
/// The status line ramoops appends to every record it reads back when its <c>ecc</c> parameter is set
/// (persistent_ram_ecc_string in fs/pstore/ram_core.c): <c>"\nECC: No errors detected\n"</c> or
/// <c>"\nECC: %d Corrected bytes, %d unrecoverable blocks\n"</c>.
/// </summary>
internal static class EccNotice
{
    private static ReadOnlySpan<byte> Marker => "\nECC: "u8;

    /// <summary>
    /// The length of the record without a trailing ECC status block, and the status text ("No errors
    /// detected"), or the whole length and null when the record does not end with one. Only the exact
    /// trailing block goes: an "ECC:" line inside the text, or one at the end that is not a status the
    /// kernel writes, stays.
    /// </summary>
    internal static int BodyLength(ReadOnlySpan<byte> record, out string? status)
    {
        status = null;
        if (record.Length < Marker.Length + 1 || record[^1] != (byte)'\n')
        {
            return record.Length;
        }
        int start = record[..^1].LastIndexOf(Marker);
        if (start < 0)
        {
            return record.Length;
        }
        ReadOnlySpan<byte> line = record[(start + Marker.Length)..^1];
        if (line.Contains((byte)'\n') || !IsStatus(line))
        {
            return record.Length;
        }
        status = Encoding.UTF8.GetString(line);
        return start;
    }

    /// <summary>Whether the status says the kernel corrected or could not correct something.</summary>
    internal static bool ReportsErrors(string? status) => status is not null && status != "No errors detected";

    private static bool IsStatus(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("No errors detected"u8) || line.StartsWith("Uncorrectable"u8))
        {
            return true;
        }
        // "%d Corrected bytes, %d unrecoverable blocks" (older kernels: "%d Corrected bytes").
        int digits = line.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return digits > 0 && line[digits..].StartsWith(" Corrected bytes"u8);
    }
}
