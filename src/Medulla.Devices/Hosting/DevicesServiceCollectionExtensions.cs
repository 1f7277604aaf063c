using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Devices;

/// <summary>Registration of the device monitor with Microsoft.Extensions.DependencyInjection.</summary>
public static class DevicesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DeviceMonitor"/> and <see cref="DeviceTable"/> as singletons and a hosted
    /// service that starts the monitor with the host, configured from the <c>Medulla:Devices</c> section of
    /// the registered <see cref="IConfiguration"/> and then from <paramref name="configure"/>. The options
    /// are checked at host start (<c>ValidateOnStart</c>): a bad value stops the host with a message naming the key.
    /// </summary>
    /// <example>
    /// <code>
    /// var builder = Host.CreateApplicationBuilder(args);
    /// builder.Services.AddMedullaDevices();
    /// // appsettings.json: {"Medulla": {"Devices": {"ModuleAutoload": true}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaDevices(this IServiceCollection services, Action<DevicesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<DevicesOptions> options = services.AddOptions<DevicesOptions>()
            .Configure<IServiceProvider>(static (o, sp) => o.BindSection(sp.GetService<IConfiguration>()?.GetSection(DevicesOptions.SectionPath)));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DevicesOptions>, DevicesOptionsValidator>());
        services.TryAddSingleton(sp => new DeviceMonitor(
            sp.GetRequiredService<IOptions<DevicesOptions>>().Value,
            sp.GetService<IMeterFactory>(),
            sp.GetService<ILogger<DeviceMonitor>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<DeviceMonitor>().Table);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DevicesHostedService>());
        return services;
    }
}
