using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Pstore;

/// <summary>
/// Archives the previous boot's pstore records when the host starts, then opens the
/// <see cref="PmsgWriteGate"/> (whatever happened: a device without pstore still logs to pmsg when it can).
/// A failure is logged; the application goes on without its crash history.
/// </summary>
internal sealed class PstoreArchiveHostedService(
    IOptions<PstoreArchiveOptions> options,
    ILogger<PstoreArchiver> log,
    IMeterFactory? meters = null) : IHostedService
{
    /// <summary>What the start archived; null when it archived nothing.</summary>
    public PstoreArchiveResult? Result { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            PstoreArchiveOptions o = options.Value;
            if (o.ArchiveAtStart && o.ArchiveDirectory is { } directory)
            {
                Archive(o, directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PstoreUnavailableException)
        {
            log.LogWarning("Previous boot's pstore records not archived: {Reason}", ex.Message);
        }
        finally
        {
            PmsgWriteGate.Open();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Archive(PstoreArchiveOptions o, string directory)
    {
        var reader = new PstoreReader(o.Root, log);
        if (o.Root == PstoreReader.DefaultRoot)
        {
            reader.EnsureMounted();
        }
        IReadOnlyList<PstoreRecord> records = reader.List();
        if (records.Count == 0)
        {
            log.LogInformation("The previous boot left no pstore records");
            return;
        }
        log.LogWarning("The previous boot left {Count} pstore records: {Names}", records.Count, string.Join(", ", records.Select(r => r.FileName)));
        var archiver = new PstoreArchiver(reader, new PstoreArchiverOptions { ArchiveDirectory = directory, KeepBoots = o.KeepBoots }, log, meterFactory: meters);
        Result = archiver.Archive();
        if (Result.Succeeded)
        {
            log.LogInformation("Archived {Count} pstore records to {Folder}", Result.Archived.Count, Result.BootFolder);
        }
        else
        {
            log.LogError("Archived {Count} pstore records to {Folder}; {Failed} failed and stay in pstore", Result.Archived.Count, Result.BootFolder, Result.Failed.Count);
        }
    }
}
