using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medulla.Logging;

/// <summary>Health check registration for Medulla logging.</summary>
public static class MedullaLoggingHealthChecksExtensions
{
    /// <summary>Default name of the logging handlers check.</summary>
    public const string CheckName = "medulla-logging";

    /// <summary>
    /// Adds <see cref="MedullaLoggingHealthCheck"/> over the host's <see cref="LogSystem"/> (registered by
    /// <c>AddMedulla()</c>): Unhealthy while a handler is removed after its sink or formatter threw or is
    /// killed by overload protection without restart, Degraded while a killed handler waits for its restart.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Logging.ClearProviders().AddMedulla();
    /// builder.Services.AddHealthChecks().AddMedullaLogging(tags: ["live"]);
    /// </code>
    /// </example>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <see cref="CheckName"/>).</param>
    /// <param name="failureStatus">The status for a handler that is down for good (default Unhealthy).</param>
    /// <param name="tags">Tags for filtering.</param>
    public static IHealthChecksBuilder AddMedullaLogging(this IHealthChecksBuilder builder, string name = CheckName, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.Add(new HealthCheckRegistration(name,
            static services => new MedullaLoggingHealthCheck(services.GetRequiredService<LogSystem>()), failureStatus, tags));
    }
}
