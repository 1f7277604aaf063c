using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medulla.Logging;

/// <summary>
/// Reports handlers that are not writing: Unhealthy for a handler removed because its sink or formatter
/// threw (until a handler with its id is in force again, e.g. after a configuration reload), and for a
/// handler killed by overload protection with no restart; Degraded for a killed handler that restarts
/// by itself. The data holds one entry per such handler id with the reason.
/// </summary>
/// <remarks>
/// Registered by <see cref="MedullaLoggingHealthChecksExtensions.AddMedullaLogging"/>. Do not tag it
/// <c>medulla-heart</c> unless a device should reboot when a log handler fails.
/// </remarks>
public sealed class MedullaLoggingHealthCheck : IHealthCheck
{
    private readonly LogSystem _system;

    /// <summary>Creates the check over <paramref name="system"/>.</summary>
    public MedullaLoggingHealthCheck(LogSystem system) => _system = system ?? throw new ArgumentNullException(nameof(system));

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy));

    private HealthCheckResult Check(HealthStatus failureStatus)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        bool failed = false;
        foreach ((string id, string reason) in _system.FailedHandlers.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string text = $"removed: {reason}";
            data[id] = text;
            problems.Add($"handler '{id}' {text}");
            failed = true;
        }
        foreach (LogHandler handler in _system.Current.Handlers)
        {
            if (!handler.Status.Killed)
            {
                continue;
            }
            OverloadOptions o = handler.Config.Overload;
            string restart = o.OverloadKillRestartAfter is { } after
                ? $"restarts {after.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms after the kill"
                : "no restart configured";
            string text = $"killed by overload protection (queue length {o.OverloadKillQueueLength} or {o.OverloadKillMemorySize} queued bytes reached); {restart}";
            data[handler.Id] = text;
            problems.Add($"handler '{handler.Id}' {text}");
            failed |= o.OverloadKillRestartAfter is null;
        }
        if (problems.Count == 0)
        {
            return HealthCheckResult.Healthy($"{_system.HandlerIds.Count} handlers writing");
        }
        string description = string.Join("; ", problems);
        return failed ? new HealthCheckResult(failureStatus, description, data: data) : HealthCheckResult.Degraded(description, data: data);
    }
}
