using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medulla.Heart;

/// <summary>Adds the heart to a .NET host.</summary>
/// <example>
/// <code>
/// builder.Services.AddHealthChecks().AddCheck&lt;QueueHealthCheck&gt;("queue", tags: [HeartHealthGateOptions.Tag]);
/// builder.Services.AddMedullaHeart();
///
/// "Medulla": { "Heart": { "HeartbeatTimeout": 30, "BeatInterval": "5s" } }
/// </code>
/// </example>
public static class HeartServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HeartHostedService"/>: at host start it starts medulla-heart and waits for its
    /// ACK, then beats from the thread pool every <see cref="MedullaHeartOptions.BeatInterval"/> while the
    /// gating health checks (tagged <c>medulla-heart</c> by default, see <see cref="HeartHealthGateOptions"/>)
    /// are not Unhealthy; a graceful host stop sends SHUT_DOWN. Options come from
    /// the <c>Medulla:Heart</c> configuration section, then <paramref name="configure"/>, and are validated
    /// at start.
    /// </summary>
    public static IServiceCollection AddMedullaHeart(this IServiceCollection services, Action<MedullaHeartOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MedullaHeartOptionsSection>()
            .Configure<IServiceProvider>(static (o, provider) => MedullaHeartOptionsSection.Bind(provider.GetService<IConfiguration>(), o));
        services.AddSingleton<IValidateOptions<MedullaHeartOptionsSection>, MedullaHeartOptionsSectionValidator>();
        OptionsBuilder<MedullaHeartOptions> options = services.AddOptions<MedullaHeartOptions>()
            .Configure<IOptions<MedullaHeartOptionsSection>>(static (o, section) => section.Value.ApplyTo(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<MedullaHeartOptions>, MedullaHeartOptionsValidator>();
        services.AddSingleton<HeartHostedService>();
        services.AddHostedService(static provider => provider.GetRequiredService<HeartHostedService>());
        return services;
    }
}
