using Medulla.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Medulla.SystemLog;

/// <summary>Registration of the system log services with Microsoft.Extensions.DependencyInjection.</summary>
public static class SystemLogServiceCollectionExtensions
{
    /// <summary>
    /// Registers two hosted services feeding the host's <see cref="LogSystem"/> (registered by
    /// <c>builder.Logging.AddMedulla()</c>): the kernel log reader and the /dev/log server, each switched
    /// on and off by its <c>Enabled</c> key. Options come from the <c>Medulla:SystemLog</c> section of the
    /// registered <see cref="IConfiguration"/>, then from <paramref name="configure"/>, and are checked at
    /// host start (<c>ValidateOnStart</c>): a bad value stops the host with a message naming the key.
    /// </summary>
    /// <example>
    /// <code>
    /// var builder = Host.CreateApplicationBuilder(args);
    /// builder.Logging.ClearProviders().AddMedulla();
    /// builder.Services.AddMedullaSystemLog();
    /// // appsettings.json: {"Medulla": {"SystemLog": {"Kmsg": {"Start": "end"}, "Syslog": {"SocketPath": "/dev/log"}}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaSystemLog(this IServiceCollection services, Action<SystemLogOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SystemLogOptionsSection>()
            .Configure<IServiceProvider>(static (o, sp) => SystemLogOptionsSection.Bind(sp.GetService<IConfiguration>(), o));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SystemLogOptionsSection>, SystemLogOptionsSectionValidator>());
        OptionsBuilder<SystemLogOptions> options = services.AddOptions<SystemLogOptions>()
            .Configure<IOptions<SystemLogOptionsSection>>(static (o, section) => section.Value.ApplyTo(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SystemLogOptions>, SystemLogOptionsValidator>());
        services.TryAddSingleton<KmsgHostedService>();
        services.TryAddSingleton<SyslogHostedService>();
        services.AddHostedService(static sp => sp.GetRequiredService<KmsgHostedService>());
        services.AddHostedService(static sp => sp.GetRequiredService<SyslogHostedService>());
        return services;
    }
}
