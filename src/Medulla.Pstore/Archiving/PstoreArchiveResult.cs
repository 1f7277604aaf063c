namespace Medulla.Pstore;

/// <summary>What <see cref="PstoreArchiver.Archive"/> did.</summary>
/// <param name="BootFolder">The folder made for this boot, or null when there was nothing to archive or nothing could be copied.</param>
/// <param name="Archived">Records copied into <paramref name="BootFolder"/> and removed from pstore.</param>
/// <param name="Failed">Records not archived, with the reason; each is still in pstore.</param>
/// <param name="PrunedFolders">Older boot folders deleted to keep the newest <see cref="PstoreArchiverOptions.KeepBoots"/>.</param>
public sealed record PstoreArchiveResult(
    string? BootFolder,
    IReadOnlyList<ArchivedRecord> Archived,
    IReadOnlyList<FailedRecord> Failed,
    IReadOnlyList<string> PrunedFolders)
{
    /// <summary>Whether every record was archived (true also when there was none).</summary>
    public bool Succeeded => Failed.Count == 0;
}

/// <summary>A record copied into the archive and removed from pstore.</summary>
/// <param name="Record">The pstore record (its file no longer exists).</param>
/// <param name="ArchivePath">Where its bytes are now (the copy has the record's name byte for byte; in this path, as in <see cref="PstoreRecord.FileName"/>, bytes that are not UTF-8 are shown as <c>\xHH</c>).</param>
public sealed record ArchivedRecord(PstoreRecord Record, string ArchivePath);

/// <summary>A record the archiver could not archive; it is still in pstore.</summary>
/// <param name="Record">The pstore record.</param>
/// <param name="Reason">What went wrong, naming the file.</param>
/// <param name="Error">The exception behind it.</param>
public sealed record FailedRecord(PstoreRecord Record, string Reason, Exception? Error);
