using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeviceApp;

/// <summary>
/// The demo's firmware health check, tagged for assisted validation: a path the firmware needs (a sensor's
/// device node, say) must exist (<c>Device:RequiredPath</c>; none configured passes). New firmware that
/// expects hardware the device lacks fails it, is never validated, and the bootloader reverts it.
/// </summary>
internal sealed class RequiredPathCheck(DeviceOptions options) : IHealthCheck
{
    /// <summary>The check's name in the health report.</summary>
    public const string Name = "required-path";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string? path = options.RequiredPath;
        HealthCheckResult result = string.IsNullOrEmpty(path) ? HealthCheckResult.Healthy("no required path configured")
            : Path.Exists(path) ? HealthCheckResult.Healthy($"{path} exists")
            : HealthCheckResult.Unhealthy($"{path} does not exist");
        return Task.FromResult(result);
    }
}
