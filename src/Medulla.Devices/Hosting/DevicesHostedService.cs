using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Devices;

/// <summary>Starts the <see cref="DeviceMonitor"/> with the host (when <see cref="DevicesOptions.Enabled"/>) and stops it with the host.</summary>
internal sealed class DevicesHostedService(DeviceMonitor monitor, IOptions<DevicesOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            monitor.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await monitor.DisposeAsync().ConfigureAwait(false);
}
