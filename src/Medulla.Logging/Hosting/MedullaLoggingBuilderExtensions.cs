using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Medulla.Logging;

/// <summary>Registration of Medulla logging with Microsoft.Extensions.Logging.</summary>
public static class MedullaLoggingBuilderExtensions
{
    /// <summary>
    /// Adds Medulla as a logging provider, configured from the <c>Medulla:Logging</c> section (levels,
    /// categories, handlers, formatters, overload protection) and from <paramref name="configure"/>.
    /// The <see cref="LogSystem"/> is a singleton service; disposing the host writes everything queued.
    /// Medulla's own levels decide what is logged, so the provider receives every level from the factory.
    /// It may be called more than once (packages call it to register their handler types, as
    /// <c>AddMedullaPmsg()</c> does): there is still one logging system, and every
    /// <paramref name="configure"/> action applies to its options, in call order.
    /// </summary>
    /// <example>
    /// <code>
    /// var builder = Host.CreateApplicationBuilder(args);
    /// builder.Logging.ClearProviders().AddMedulla();
    /// </code>
    /// </example>
    public static ILoggingBuilder AddMedulla(this ILoggingBuilder builder, Action<MedullaLoggingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.AddSingleton(new OptionsSetup(configure));
        }
        builder.Services.TryAddSingleton(sp =>
        {
            var options = new MedullaLoggingOptions();
            foreach (OptionsSetup setup in sp.GetServices<OptionsSetup>())
            {
                setup.Configure(options);
            }
            return MedullaLogging.Create(sp.GetService<IConfiguration>(), options, sp.GetService<TimeProvider>());
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, MedullaLoggerProvider>(
            sp => new MedullaLoggerProvider(sp.GetRequiredService<LogSystem>())));
        return builder;
    }

    /// <summary>One configure action given to <see cref="AddMedulla"/>, kept as a service until the system is built.</summary>
    private sealed class OptionsSetup(Action<MedullaLoggingOptions> configure)
    {
        public Action<MedullaLoggingOptions> Configure { get; } = configure;
    }
}
