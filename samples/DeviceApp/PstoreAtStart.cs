using System.Diagnostics.Metrics;
using Medulla.Logging;
using Medulla.Pstore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeviceApp;

/// <summary>
/// At start, on the device: says whether the previous boot left pstore records, prints its pmsg
/// lines, and archives every record to the data disk (which also frees them in pstore).
/// </summary>
internal sealed class PstoreAtStart(DeviceOptions options, LogSystem logs, ILoggerFactory loggers, IMeterFactory meters) : IHostedService
{
    private readonly CategoryLogger _log = logs.GetLogger("DeviceApp.Pstore");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.PstoreAtStart)
        {
            return Task.CompletedTask;
        }
        try
        {
            Report();
        }
        catch (IOException ex)
        {
            // The device's main job goes on without its crash history.
            _log.Log(Level.Warning, $"Could not read pstore at {options.PstoreRoot}: {ex.Message}");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        var reader = new PstoreReader(options.PstoreRoot, loggers.CreateLogger<PstoreReader>());
        reader.EnsureMounted();
        IReadOnlyList<PstoreRecord> records = reader.List();
        if (records.Count == 0)
        {
            _log.Log(Level.Notice, $"The previous boot left no pstore records");
            return;
        }
        string names = string.Join(", ", records.Select(r => $"{r.FileName} ({r.Size} bytes)"));
        _log.Log(Level.Notice, $"The previous boot left {records.Count} pstore records: {names}");
        string pmsg = reader.AvailableLog();
        if (pmsg.Length > 0)
        {
            Console.WriteLine("----- the previous boot's pmsg lines (from pstore) -----");
            Console.Write(pmsg.EndsWith('\n') ? pmsg : pmsg + "\n");
            Console.WriteLine("----- end of the previous boot's pmsg lines -----");
        }
        var archiver = new PstoreArchiver(reader, new PstoreArchiverOptions
        {
            ArchiveDirectory = options.PstoreArchive,
            KeepBoots = options.PstoreKeepBoots,
        }, loggers.CreateLogger<PstoreArchiver>(), meterFactory: meters);
        PstoreArchiveResult result = archiver.Archive();
        int archived = result.Archived.Count, failed = result.Failed.Count;
        string folder = result.BootFolder ?? "(none)";
        _log.Log(failed == 0 ? Level.Notice : Level.Error, $"Archived {archived} pstore records to {folder}; {failed} failed");
    }
}
