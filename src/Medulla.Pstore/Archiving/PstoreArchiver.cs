using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Medulla.Pstore;

/// <summary>
/// Moves the previous boot's pstore records into a folder of their own on persistent storage, as
/// systemd-pstore does: each record is copied atomically (temporary file, fsync, rename, fsync of the
/// folder) and only then deleted from pstore, which frees its space in the backend for the next crash.
/// </summary>
/// <remarks>
/// Run it once at boot: ramoops keeps the previous boot's pmsg and console records only in this boot's
/// memory, so what is not archived before the next reboot is lost. A record that could not be copied is
/// left in pstore and reported; nothing is deleted that is not safely copied. The bytes are copied
/// unchanged (with the ECC status line, compressed records still compressed): read an archived folder
/// with a <see cref="PstoreReader"/> on that folder.
/// </remarks>
/// <example>
/// <code>
/// var pstore = new PstoreReader();
/// pstore.EnsureMounted();
/// PstoreArchiveResult result = new PstoreArchiver(pstore, new PstoreArchiverOptions { ArchiveDirectory = "/data/pstore" }).Archive();
/// </code>
/// </example>
public sealed class PstoreArchiver
{
    private readonly PstoreReader _reader;
    private readonly PstoreArchiverOptions _options;
    private readonly IRecordFiles _files;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    private readonly PstoreMetrics _metrics;

    /// <summary>Creates an archiver of the records <paramref name="reader"/> lists.</summary>
    /// <param name="reader">The pstore to archive (mounted: see <see cref="PstoreReader.EnsureMounted"/>).</param>
    /// <param name="options">Validated here.</param>
    /// <param name="logger">Where each archived record, failure and pruned folder is reported (optional).</param>
    /// <param name="time">Clock for the time in folder names (default: system clock).</param>
    /// <param name="meterFactory">
    /// The host's meter factory for the archive metrics (see docs/metrics.md); null records them on the
    /// process-wide <c>Medulla.Pstore</c> meter.
    /// </param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public PstoreArchiver(PstoreReader reader, PstoreArchiverOptions options, ILogger? logger = null, TimeProvider? time = null, IMeterFactory? meterFactory = null)
        : this(reader, options, DurableRecordFiles.Instance, logger, time, meterFactory)
    {
    }

    internal PstoreArchiver(PstoreReader reader, PstoreArchiverOptions options, IRecordFiles files, ILogger? logger, TimeProvider? time, IMeterFactory? meterFactory = null)
    {
        _metrics = PstoreMetrics.For(meterFactory);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _reader = reader;
        _options = options;
        _files = files;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Archives every record into a new boot folder, deletes each one copied from pstore, then deletes
    /// the oldest boot folders beyond <see cref="PstoreArchiverOptions.KeepBoots"/>. With no records it
    /// does nothing (no folder). Failures of single records do not stop the others: they are in
    /// <see cref="PstoreArchiveResult.Failed"/>.
    /// </summary>
    /// <exception cref="PstoreUnavailableException">The pstore directory does not exist.</exception>
    /// <exception cref="IOException">The pstore directory cannot be listed.</exception>
    public PstoreArchiveResult Archive()
    {
        IReadOnlyList<PstoreRecord> records = _reader.List();
        if (records.Count == 0)
        {
            return new PstoreArchiveResult(null, [], [], []);
        }
        string archive = Path.GetFullPath(_options.ArchiveDirectory);
        var failed = new List<FailedRecord>();
        string folder;
        try
        {
            folder = CreateBootFolder(archive);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (PstoreRecord record in records)
            {
                Fail(failed, record, $"not archived, no boot folder could be made in {archive}: {ex.Message}", ex);
            }
            return new PstoreArchiveResult(null, [], failed, []);
        }

        string staging = Path.Combine(archive, BootFolders.StagingFolder);
        List<ArchivedRecord> copied = Copy(records, folder, staging, failed);
        TryDeleteEmptyFolder(staging);
        List<ArchivedRecord> archived = RemoveCopied(copied, failed);
        string? bootFolder = folder;
        if (copied.Count == 0)
        {
            TryDeleteEmptyFolder(folder);
            bootFolder = null;
        }
        return new PstoreArchiveResult(bootFolder, archived, failed, Prune(archive));
    }

    private string CreateBootFolder(string archive)
    {
        Directory.CreateDirectory(archive);
        string folder = Path.Combine(archive, BootFolders.NextName(BootFolders.List(archive), _time.GetUtcNow()));
        CreateEmptyStaging(Path.Combine(archive, BootFolders.StagingFolder));
        Directory.CreateDirectory(folder);
        _files.SyncDirectory(archive);
        return folder;
    }

    /// <summary>Creates the staging folder, or empties it of the temporary files a crash or power cut left.</summary>
    private static void CreateEmptyStaging(string staging)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        Directory.CreateDirectory(staging);
    }

    private List<ArchivedRecord> Copy(IReadOnlyList<PstoreRecord> records, string folder, string staging, List<FailedRecord> failed)
    {
        var copied = new List<ArchivedRecord>();
        foreach (PstoreRecord record in records)
        {
            // For a name that is not UTF-8 this is the escaped form, for messages; the copy has the same bytes as the record.
            string destination = Path.Combine(folder, record.FileName);
            try
            {
                // Staged under the record's own name: the staging folder holds nothing else, so it meets no other file.
                _files.CopyDurably(record, Path.Combine(staging, record.FileName), folder);
                copied.Add(new ArchivedRecord(record, destination));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(failed, record, $"{record.FileName} not archived, copying it to {destination} failed: {ex.Message}", ex);
            }
        }
        if (copied.Count == 0)
        {
            return copied;
        }
        try
        {
            // The copies' names must be on disk before the originals go.
            _files.SyncDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (ArchivedRecord copy in copied)
            {
                Fail(failed, copy.Record, $"{copy.Record.FileName} kept in pstore, the copy in {folder} could not be made durable: {ex.Message}", ex);
            }
            return [];
        }
        return copied;
    }

    private List<ArchivedRecord> RemoveCopied(List<ArchivedRecord> copied, List<FailedRecord> failed)
    {
        var archived = new List<ArchivedRecord>();
        foreach (ArchivedRecord copy in copied)
        {
            try
            {
                _files.Remove(copy.Record);
                archived.Add(copy);
                _metrics.Archived(copy.Record);
                _logger?.LogInformation("pstore: archived {Record} to {Path}", copy.Record.FileName, copy.ArchivePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(failed, copy.Record, $"{copy.Record.FileName} copied to {copy.ArchivePath} but not removed from pstore: {ex.Message}", ex);
            }
        }
        return archived;
    }

    private List<string> Prune(string archive)
    {
        var pruned = new List<string>();
        List<(long Sequence, string Path)> folders;
        try
        {
            folders = BootFolders.List(archive);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger?.LogWarning(ex, "pstore: old boot folders in {Archive} not pruned: {Error}", archive, ex.Message);
            return pruned;
        }
        for (int i = 0; i < folders.Count - _options.KeepBoots; i++)
        {
            string path = folders[i].Path;
            try
            {
                Directory.Delete(path, recursive: true);
                pruned.Add(path);
                _logger?.LogInformation("pstore: removed old boot folder {Path} (keeping the newest {Keep})", path, _options.KeepBoots);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger?.LogWarning(ex, "pstore: old boot folder {Path} could not be removed: {Error}", path, ex.Message);
            }
        }
        return pruned;
    }

    private void Fail(List<FailedRecord> failed, PstoreRecord record, string reason, Exception ex)
    {
        failed.Add(new FailedRecord(record, reason, ex));
        _metrics.Failed(record);
        _logger?.LogError(ex, "pstore: {Reason}", reason);
    }

    private void TryDeleteEmptyFolder(string folder)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger?.LogWarning(ex, "pstore: empty folder {Path} could not be removed: {Error}", folder, ex.Message);
        }
    }
}
