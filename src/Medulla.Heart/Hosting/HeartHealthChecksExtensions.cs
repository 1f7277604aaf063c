using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medulla.Heart;

/// <summary>Health check registration for the heart: the beat gate and the connection check.</summary>
/// <example>
/// <code>
/// builder.Services.AddMedullaHeart();
/// builder.Services.AddHealthChecks()
///     .AddCheck&lt;WorkerHealthCheck&gt;("worker", tags: [HeartHealthGateOptions.Tag]) // a hung worker reboots the device
///     .AddCheck&lt;CloudHealthCheck&gt;("cloud", tags: ["ready"])                   // reported, never reboots
///     .AddMedullaHeart();                                                     // is the heart connected and beaten?
/// </code>
/// </example>
public static class HeartHealthChecksExtensions
{
    /// <summary>Default name of the heart connection check.</summary>
    public const string ConnectionCheckName = "medulla-heart-connection";

    /// <summary>
    /// Chooses which registered health checks gate the heart's beats, instead of the default (the checks
    /// tagged <see cref="HeartHealthGateOptions.Tag"/>). <c>_ => true</c> makes every check gate them.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="predicate">True for a check whose Unhealthy result must stop the beats.</param>
    public static IServiceCollection AddMedullaHeartHealthGate(this IServiceCollection services, Func<HealthCheckRegistration, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(predicate);
        services.Configure<HeartHealthGateOptions>(options => options.Predicate = predicate);
        return services;
    }

    /// <summary>
    /// Adds the heart connection check (<see cref="HeartHealthCheck"/>): Unhealthy when the heart should
    /// run but the app is not connected to medulla-heart, Degraded while the last beat is older than half
    /// the heartbeat timeout (beats withheld or late), Healthy otherwise or when the heart is disabled.
    /// Needs <see cref="HeartServiceCollectionExtensions.AddMedullaHeart"/>. It is never tagged
    /// <see cref="HeartHealthGateOptions.Tag"/> by this call: withholding beats because beats are late
    /// would turn one late beat into a reboot.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <see cref="ConnectionCheckName"/>).</param>
    /// <param name="tags">Tags for filtering (e.g. a liveness endpoint's).</param>
    public static IHealthChecksBuilder AddMedullaHeart(this IHealthChecksBuilder builder, string name = ConnectionCheckName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.Add(new HealthCheckRegistration(name,
            static services => new HeartHealthCheck(services.GetRequiredService<HeartHostedService>()),
            failureStatus: null, tags));
    }
}
