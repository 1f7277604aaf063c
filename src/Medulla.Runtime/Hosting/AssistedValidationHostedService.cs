using Medulla.Firmware;
using Medulla.Heart;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Runtime;

/// <summary>
/// Runs <see cref="AssistedValidation"/> once the host has started: the health checks tagged
/// <see cref="AssistedValidationOptions.HealthCheckTag"/> decide, the firmware slots of
/// <c>AddMedullaFirmware</c> are validated, <see cref="DevicePower"/> reboots on a timeout, and the heart of
/// <c>AddMedullaHeart</c> gets its init handshake only when the firmware is valid.
/// </summary>
internal sealed class AssistedValidationHostedService(
    IOptions<AssistedValidationOptions> options,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<AssistedValidationHostedService> log) : BackgroundService
{
    private AssistedValidation? _validation;

    /// <summary>Where validation stands (tests and diagnostics).</summary>
    public AssistedValidationState State => _validation?.State ?? AssistedValidationState.NotStarted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AssistedValidationOptions o = options.Value;
        if (!o.Enabled)
        {
            return;
        }
        // "The host has started" is part of the criterion: every hosted service's StartAsync returned.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }
        FirmwareSlots? slots = services.GetService<FirmwareSlots>();
        if (slots is null)
        {
            log.LogWarning("Assisted validation: no firmware metadata registered (AddMedullaFirmware); nothing to validate");
            await ReleaseHeartAsync(stoppingToken).ConfigureAwait(false);
            return;
        }
        HealthCheckService? health = services.GetService<HealthCheckService>();
        string tag = o.HealthCheckTag;
        _validation = new AssistedValidation(
            slots,
            async ct => health is null || (await health.CheckHealthAsync(r => r.Tags.Contains(tag), ct).ConfigureAwait(false)).Status == HealthStatus.Healthy,
            ReleaseHeartAsync,
            RebootAsync,
            o.TimeoutValue(),
            o.CheckIntervalValue(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            log);
        await _validation.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task ReleaseHeartAsync(CancellationToken cancellationToken)
    {
        HeartHostedService? heart = services.GetServices<IHostedService>().OfType<HeartHostedService>().FirstOrDefault();
        if (heart?.Client is { } client)
        {
            await client.InitHandshakeAsync(cancellationToken).ConfigureAwait(false);
            log.LogInformation("Heart init handshake sent");
        }
    }

    private Task RebootAsync(string reason)
    {
        if (services.GetService<DevicePower>() is { } power)
        {
            // Not awaited: the request first stops the host, and the host's stop waits for this service's
            // ExecuteAsync, so awaiting here held the stop (and the reboot) until DevicePower's StopTimeout.
            // The request runs on by itself (DevicePower keeps the process alive until init ends it).
            _ = power.RebootAsync().ContinueWith(
                t => log.LogCritical(t.Exception, "Assisted validation: the reboot failed ({Reason})", reason),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return Task.CompletedTask;
        }
        // Without the power path the app can only end; init or the heart decides what follows.
        log.LogCritical("Assisted validation: no DevicePower registered (AddMedullaPower) to reboot ({Reason}); stopping the application", reason);
        lifetime.StopApplication();
        return Task.CompletedTask;
    }
}
