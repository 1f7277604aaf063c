using Medulla.Heart;
using Microsoft.Extensions.Hosting;

namespace Medulla.Runtime;

/// <summary>
/// Connects <see cref="DevicePower"/> to the host: from the host's start, a power request stops the host first and
/// can reach the heart; when the host has stopped during a request, the host's stop waits for the rest of
/// it (the heart's guarded command or init's signal, then the reboot(2) fallback), so the process does
/// not end before init or the kernel ends it.
/// </summary>
internal sealed class PowerHostedService(DevicePower power, IHostApplicationLifetime lifetime, IServiceProvider services) : IHostedLifecycleService
{
    // Before any hosted service starts: one of them may ask for a reboot while the others still start.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        power.AttachHost(lifetime, services.GetService(typeof(HeartHostedService)) as HeartHostedService);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // StoppedAsync runs after every hosted service's StopAsync, the heart's included.
    public Task StoppedAsync(CancellationToken cancellationToken) => power.HostStoppedAsync();
}
