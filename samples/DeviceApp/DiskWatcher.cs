using Medulla.Devices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using KernelDevice = Medulla.Devices.Device;

namespace DeviceApp;

/// <summary>
/// Logs the disks the device has at start and every disk plugged in or pulled out afterwards, from
/// Medulla.Devices' table and a subscription to the kernel's <c>add</c>/<c>remove</c> uevents of
/// <c>SUBSYSTEM=block</c>, <c>DEVTYPE=disk</c> (partitions are left out). Runs only when the monitor
/// runs (<c>Medulla:Devices:Enabled</c>, on in the box) and <c>Device:LogDisks</c> is true.
/// </summary>
internal sealed partial class DiskWatcher(DeviceMonitor monitor, IOptions<DevicesOptions> devices, DeviceOptions options, ILogger<DiskWatcher> log)
    : BackgroundService
{
    private DeviceSubscription? _subscription;

    /// <summary>
    /// Subscribes and lists the disks while the host starts (the monitor, registered before, has done its
    /// coldplug), so that this start-up work is over when the host has started and the device's actions begin.
    /// </summary>
    /// <remarks>
    /// ExecuteAsync runs on the thread pool: the first listing there (with the JIT of its paths) held a
    /// one-core box's only pool thread for about a second, and pmsg-flood's timer ticks waited behind it.
    /// </remarks>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.LogDisks && devices.Value.Enabled)
        {
            var filter = new DeviceEventFilter();
            filter.Actions.Add(DeviceAction.Add);
            filter.Actions.Add(DeviceAction.Remove);
            filter.Subsystems.Add("block");
            filter.Properties["DEVTYPE"] = "disk";
            // Subscribed before the first listing: a disk added in between is reported, not missed.
            _subscription = monitor.Subscribe(filter);
            LogDisks(Disks());
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_subscription is null)
        {
            return;
        }
        try
        {
            await foreach (DeviceEvent e in _subscription.Reader.ReadAllAsync(stoppingToken))
            {
                if (e.Action == DeviceAction.Add)
                {
                    LogAdded(e.DevName ?? "?", e.Get("MAJOR") ?? "?", e.Get("MINOR") ?? "?", e.DevPath);
                }
                else
                {
                    LogRemoved(e.DevName ?? "?", e.DevPath);
                }
                // The monitor updates its table before it publishes an event, so this is the table after it.
                LogDisks(Disks());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }

    private string Disks()
    {
        IEnumerable<string> names = monitor.Table.BySubsystem("block")
            .Where(static d => d.Get("DEVTYPE") == "disk")
            .Select(static (KernelDevice d) => d.DevName ?? d.DevPath)
            .Order(StringComparer.Ordinal);
        string list = string.Join(' ', names);
        return list.Length > 0 ? list : "(none)";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disk added: {DevName} ({Major}:{Minor}) at {DevPath}")]
    private partial void LogAdded(string devName, string major, string minor, string devPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disk removed: {DevName} at {DevPath}")]
    private partial void LogRemoved(string devName, string devPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disks in the device table: {Disks}")]
    private partial void LogDisks(string disks);
}
