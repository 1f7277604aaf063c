using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Heart;

/// <summary>
/// Starts medulla-heart with the host and beats it. The beats come from the thread pool on purpose: a
/// starved or deadlocked pool, the way a .NET app usually hangs, stops them, and the heart reboots.
/// While a gating health check reports Unhealthy no beat is sent either: by default the checks tagged
/// <see cref="HeartHealthGateOptions.Tag"/> (<c>medulla-heart</c>), see
/// <see cref="HeartHealthChecksExtensions.AddMedullaHeartHealthGate"/>.
/// </summary>
/// <remarks>
/// Its methods are safe at any moment: before the heart started, after it stopped, or when it is
/// disabled they return null or false instead of throwing.
/// </remarks>
public sealed class HeartHostedService : IHostedService, IAsyncDisposable
{
    private readonly MedullaHeartOptions _options;
    private readonly ILogger _log;
    private readonly HealthCheckService? _health;
    private readonly Func<HealthCheckRegistration, bool> _gate;
    private readonly IMeterFactory? _meterFactory;
    private readonly HeartMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private HeartClient? _client;
    private Task? _beats;
    private bool _unhealthy;
    private volatile bool _keepThroughStop;
    private int _disposed;

    /// <summary>Created by the container (see <see cref="HeartServiceCollectionExtensions.AddMedullaHeart"/>).</summary>
    public HeartHostedService(IOptions<MedullaHeartOptions> options, ILogger<HeartHostedService> log, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(services);
        _options = options.Value;
        _log = log;
        _health = _options.UseHealthChecks ? services.GetService(typeof(HealthCheckService)) as HealthCheckService : null;
        _gate = (services.GetService(typeof(IOptions<HeartHealthGateOptions>)) as IOptions<HeartHealthGateOptions>)?.Value.Predicate
            ?? new HeartHealthGateOptions().Predicate;
        _clock = services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        _meterFactory = services.GetService(typeof(IMeterFactory)) as IMeterFactory;
        _metrics = HeartMetrics.For(_meterFactory);
    }

    /// <summary>Whether the heart is to run at all (<c>Medulla:Heart:Enabled</c>).</summary>
    public bool IsEnabled => _options.Enabled;

    /// <summary>The running heart's client (for commands), or null when the heart is not running.</summary>
    public HeartClient? Client => _client is { IsConnected: true } client ? client : null;

    /// <summary>Whether beats are being withheld because a gating health check reports Unhealthy.</summary>
    public bool IsWithholdingBeats => _unhealthy;

    /// <summary>
    /// Keeps medulla-heart running through the host's stop, for a power request that asks it for a guarded
    /// command once the host has stopped (Medulla.Runtime's <c>DevicePower</c>): the stop ends the beats,
    /// so the heartbeat timeout guards a stop that hangs, but sends no SHUT_DOWN. The caller then sends its
    /// command and SHUT_DOWN through <see cref="Client"/>. Returns false (and changes nothing) when the
    /// heart is not running.
    /// </summary>
    public bool KeepDaemonThroughStop()
    {
        if (Client is null)
        {
            return false;
        }
        _keepThroughStop = true;
        return true;
    }

    /// <summary>The heart's status, or null when it is not running or did not answer.</summary>
    public async Task<HeartStatus?> TryGetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (Client is not { } client)
        {
            return null;
        }
        try
        {
            return await client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HeartUnavailableException ex)
        {
            _log.LogWarning("heart status unavailable: {Error}", ex.Message);
            return null;
        }
    }

    /// <summary>Starts the daemon (waiting for its ACK) and the beats; does nothing when disabled.</summary>
    /// <exception cref="HeartUnavailableException">The daemon cannot be started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            _log.LogInformation("the heart is disabled ({Section}:Enabled=false): nothing will reboot a hung app", MedullaHeartOptions.SectionPath);
            return;
        }
        _client = await HeartClient.StartAsync(_options, _log, _meterFactory, cancellationToken).ConfigureAwait(false);
        _client.Beat();
        // Task.Run: the loop and its timer continuations run on the thread pool, which is what the beats
        // are meant to vouch for.
        _beats = Task.Run(() => BeatAsync(_client, _stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Stops the beats and the daemon without a reboot (SHUT_DOWN); after <see cref="KeepDaemonThroughStop"/>
    /// only the beats.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_beats is not null)
        {
            await _beats.ConfigureAwait(false);
        }
        if (_keepThroughStop && _client is { IsConnected: true })
        {
            _log.LogInformation("beats stopped; medulla-heart keeps running for a power request (no beats: it reboots in {Timeout} s unless told otherwise)",
                _options.HeartbeatTimeout.TotalSeconds);
            return;
        }
        if (_client is not null)
        {
            await _client.ShutDownAsync(cancellationToken).ConfigureAwait(false);
            _log.LogInformation("medulla-heart stopped without a reboot");
        }
    }

    /// <summary>Releases the client (sending SHUT_DOWN if the host did not stop it).</summary>
    public async ValueTask DisposeAsync()
    {
        // The container may dispose it twice: as itself and as the hosted service it also is.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
    }

    private async Task BeatAsync(HeartClient client, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.BeatInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                if (!await IsHealthyAsync(stopping).ConfigureAwait(false))
                {
                    _metrics.BeatWithheld();
                }
                else if (!client.Beat())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> IsHealthyAsync(CancellationToken stopping)
    {
        if (_health is null)
        {
            return true;
        }
        HealthReport report = await _health.CheckHealthAsync(_gate, stopping).ConfigureAwait(false);
        bool unhealthy = report.Status == HealthStatus.Unhealthy;
        if (unhealthy != _unhealthy)
        {
            _unhealthy = unhealthy;
            if (unhealthy)
            {
                string failing = string.Join(", ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key));
                _log.LogError("health checks report Unhealthy ({Checks}): no more beats; the heart reboots in {Timeout} s unless they recover",
                    failing, _options.HeartbeatTimeout.TotalSeconds);
            }
            else
            {
                _log.LogWarning("health checks recovered: beating again");
            }
        }
        return !unhealthy;
    }
}
