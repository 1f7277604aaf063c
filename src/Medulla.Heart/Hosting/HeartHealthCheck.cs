using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medulla.Heart;

/// <summary>
/// Reports whether the app is connected to medulla-heart and how old its last beat is (registered by
/// <see cref="HeartHealthChecksExtensions.AddMedullaHeart(Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder, string, IEnumerable{string})"/>).
/// </summary>
public sealed class HeartHealthCheck : IHealthCheck
{
    private readonly HeartHostedService _heart;

    /// <summary>Creates the check over the host's heart service.</summary>
    public HeartHealthCheck(HeartHostedService heart) => _heart = heart ?? throw new ArgumentNullException(nameof(heart));

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy));

    private HealthCheckResult Check(HealthStatus failureStatus)
    {
        if (!_heart.IsEnabled)
        {
            return HealthCheckResult.Healthy("the heart is disabled (Medulla:Heart:Enabled=false)");
        }
        if (_heart.Client is not { } client)
        {
            return new HealthCheckResult(failureStatus, "not connected to medulla-heart: it is not started yet, or it exited or closed its pipe");
        }
        TimeSpan age = client.LastBeatAge;
        TimeSpan timeout = client.HeartbeatTimeout;
        var data = new Dictionary<string, object>
        {
            ["daemon_pid"] = client.DaemonProcessId,
            ["last_beat_age_seconds"] = Math.Round(age.TotalSeconds, 3),
            ["heartbeat_timeout_seconds"] = timeout.TotalSeconds,
            ["withholding_beats"] = _heart.IsWithholdingBeats,
        };
        string ageText = age.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        if (age * 2 > timeout)
        {
            string why = _heart.IsWithholdingBeats ? "beats are withheld by a gating health check" : "beats are late (a busy or starved thread pool?)";
            return HealthCheckResult.Degraded($"connected to medulla-heart (pid {client.DaemonProcessId}); last beat {ageText} s ago, more than half the {timeout.TotalSeconds} s timeout: {why}", data: data);
        }
        return HealthCheckResult.Healthy($"connected to medulla-heart (pid {client.DaemonProcessId}); last beat {ageText} s ago", data);
    }
}
