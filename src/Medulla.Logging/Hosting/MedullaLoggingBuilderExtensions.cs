using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Logging;

/// <summary>Registration of Medulla logging with Microsoft.Extensions.Logging.</summary>
public static class MedullaLoggingBuilderExtensions
{
    /// <summary>
    /// Adds Medulla as a logging provider, configured from the <c>Medulla:Logging</c> section (levels,
    /// categories, handlers, formatters, overload protection) and from <paramref name="configure"/>.
    /// The <see cref="LogSystem"/> is a singleton service; disposing the host writes everything queued.
    /// MEL's rules (<c>Logging:LogLevel</c>, <c>SetMinimumLevel</c>) apply to the provider as to any other, combined with
    /// Medulla's own levels: the stricter wins (docs/logging.md, "Levels: MEL and Medulla").
    /// It may be called more than once (packages call it to register their handler types, as
    /// <c>AddMedullaPmsg()</c> does): there is still one logging system, and every
    /// <paramref name="configure"/> action applies to its options, in call order.
    /// The section is bound through <see cref="IOptionsMonitor{TOptions}"/>: a bad value stops the host
    /// at start (<c>ValidateOnStart</c>) with a message naming the key, and a reload is applied when valid
    /// and refused whole, with the error logged, when not.
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
        AddSectionOptions(builder.Services);
        builder.Services.TryAddSingleton(sp => MedullaLogging.Create(
            sp.GetRequiredService<IOptionsMonitor<LoggingSection>>(), sp.GetRequiredService<LoggingOptionsHolder>().Options,
            sp.GetService<TimeProvider>(), refuseInvalid: false, sp.GetService<IMeterFactory>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, MedullaLoggerProvider>(
            sp => new MedullaLoggerProvider(sp.GetRequiredService<LogSystem>())));
        return builder;
    }

    /// <summary>
    /// Binds the logging section as options (once, however often AddMedulla is called), follows its
    /// reloads, and checks it at start.
    /// </summary>
    private static void AddSectionOptions(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(LoggingOptionsHolder)))
        {
            return;
        }
        services.AddSingleton(sp => new LoggingOptionsHolder(sp));
        services.AddOptions<LoggingSection>(LoggingSectionValidator.StartName).ValidateOnStart();
        services.AddSingleton<IConfigureOptions<LoggingSection>>(sp => new ConfigureNamedOptions<LoggingSection>(null, section =>
        {
            if (sp.GetService<IConfiguration>() is { } configuration)
            {
                LoggingSection.Bind(section, configuration.GetSection(sp.GetRequiredService<LoggingOptionsHolder>().Options.SectionPath));
            }
        }));
        services.AddSingleton<IOptionsChangeTokenSource<LoggingSection>>(sp => new ConfigurationChangeTokenSource<LoggingSection>(
            Options.DefaultName,
            (IConfiguration?)sp.GetService<IConfiguration>()?.GetSection(sp.GetRequiredService<LoggingOptionsHolder>().Options.SectionPath) ?? new ConfigurationBuilder().Build()));
        services.AddSingleton<IValidateOptions<LoggingSection>>(sp => new LoggingSectionValidator(sp.GetRequiredService<LoggingOptionsHolder>().Options));
    }

    /// <summary>One configure action given to <see cref="AddMedulla"/>, kept as a service until the system is built.</summary>
    private sealed class OptionsSetup(Action<MedullaLoggingOptions> configure)
    {
        public Action<MedullaLoggingOptions> Configure { get; } = configure;
    }

    /// <summary>The options every <see cref="AddMedulla"/> call's action configured, in call order, built once.</summary>
    private sealed class LoggingOptionsHolder
    {
        public LoggingOptionsHolder(IServiceProvider services)
        {
            foreach (OptionsSetup setup in services.GetServices<OptionsSetup>())
            {
                setup.Configure(Options);
            }
        }

        public MedullaLoggingOptions Options { get; } = new();
    }
}
