namespace Medulla.Pstore;

/// <summary>
/// One file in the pstore file system, named <c>TYPE-BACKEND-ID</c> with <c>.enc.z</c> appended when the
/// kernel could not decompress it: <c>pmsg-ramoops-0</c>, <c>dmesg-ramoops-3</c>, <c>dmesg-efi-1.enc.z</c>.
/// </summary>
public sealed record PstoreRecord
{
    /// <summary>What the record holds.</summary>
    public required PstoreRecordKind Kind { get; init; }

    /// <summary>The type as the kernel names it ("pmsg", "dmesg", "mce", ...); empty for a name pstore would not make.</summary>
    public required string TypeName { get; init; }

    /// <summary>The backend that stored it ("ramoops", "efi", "erst", ...); null for a name pstore would not make.</summary>
    public string? Backend { get; init; }

    /// <summary>The record id (the N at the end of the name), unique per type and backend; null for a name pstore would not make.</summary>
    public ulong? Id { get; init; }

    /// <summary>
    /// Whether the name ends in <c>.enc.z</c>: the record is compressed (only dmesg records are) and the
    /// kernel did not decompress it when it made the file.
    /// </summary>
    public bool Compressed { get; init; }

    /// <summary>The file name.</summary>
    public required string FileName { get; init; }

    /// <summary>The file's full path.</summary>
    public required string FullPath { get; init; }

    /// <summary>
    /// The name's bytes when they are not valid UTF-8 (null otherwise). <see cref="FileName"/> and
    /// <see cref="FullPath"/> then show the invalid bytes as <c>\xHH</c>, and the reader and archiver
    /// open, rename and delete the file by these bytes: .NET's file APIs take UTF-8 names only.
    /// </summary>
    internal byte[]? NonUtf8Name { get; init; }

    /// <summary>The file size in bytes, as stored (compressed for a compressed record, with the ECC status line).</summary>
    public long Size { get; init; }
}
