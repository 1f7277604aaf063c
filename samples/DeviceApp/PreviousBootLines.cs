using Medulla.Pstore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeviceApp;

/// <summary>
/// At start, on the device: prints the previous boot's pmsg lines as pstore holds them. It runs before
/// Medulla's archive at start (registered before <c>AddMedulla()</c>), which then copies every record to
/// the data disk and frees pstore.
/// </summary>
internal sealed class PreviousBootLines(DeviceOptions options, ILogger<PreviousBootLines> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.PstoreAtStart)
        {
            return Task.CompletedTask;
        }
        try
        {
            var reader = new PstoreReader(options.PstoreRoot, log);
            reader.EnsureMounted();
            string pmsg = reader.AvailableLog();
            if (pmsg.Length > 0)
            {
                Console.WriteLine("----- the previous boot's pmsg lines (from pstore) -----");
                Console.Write(pmsg.EndsWith('\n') ? pmsg : pmsg + "\n");
                Console.WriteLine("----- end of the previous boot's pmsg lines -----");
            }
        }
        catch (IOException ex)
        {
            // The device's main job goes on without its crash history.
            log.LogWarning("Could not read pstore at {Root}: {Reason}", options.PstoreRoot, ex.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
