using System.Text;

namespace Medulla.Pstore;

/// <summary>What <see cref="PstoreReader.Read"/> found in a record.</summary>
public sealed class PstoreContent
{
    private string? _text;

    internal PstoreContent(PstoreRecord record, byte[] bytes, string? eccStatus, bool decompressed, string? decompressionError)
    {
        Record = record;
        Bytes = bytes;
        EccStatus = eccStatus;
        Decompressed = decompressed;
        DecompressionError = decompressionError;
    }

    /// <summary>The record read.</summary>
    public PstoreRecord Record { get; }

    /// <summary>
    /// The record's contents without the trailing ECC status line; decompressed for a compressed record,
    /// unless <see cref="DecompressionError"/> is set, in which case these are the stored (compressed) bytes.
    /// </summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>
    /// The ECC status the kernel appended ("No errors detected", "3 Corrected bytes, 0 unrecoverable
    /// blocks"), or null when the record had none (ramoops without <c>ecc</c>, other backends).
    /// </summary>
    public string? EccStatus { get; }

    /// <summary>Whether <see cref="EccStatus"/> reports corrected or uncorrectable errors.</summary>
    public bool HasEccErrors => EccNotice.ReportsErrors(EccStatus);

    /// <summary>Whether the bytes were decompressed from a <c>.enc.z</c> record.</summary>
    public bool Decompressed { get; }

    /// <summary>
    /// Why a compressed record could not be decompressed (null when it was, or was not compressed);
    /// <see cref="Bytes"/> then holds the stored bytes, which are not text.
    /// </summary>
    public string? DecompressionError { get; }

    /// <summary>Whether <see cref="Bytes"/> is the record's text (false when a compressed record could not be decompressed).</summary>
    public bool IsText => DecompressionError is null;

    /// <summary>The bytes decoded as UTF-8 (invalid sequences become U+FFFD); decoded once, on first use.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Bytes.Span);
}
