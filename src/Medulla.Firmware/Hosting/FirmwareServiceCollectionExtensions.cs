using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Medulla.Firmware;

/// <summary>Registration of the firmware services with Microsoft.Extensions.DependencyInjection.</summary>
public static class FirmwareServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKvBackend"/>, <see cref="KvStore"/> and <see cref="FirmwareSlots"/> as
    /// singletons, configured from the <c>Medulla:Firmware</c> section of the registered
    /// <see cref="IConfiguration"/> and then from <paramref name="configure"/>. An <see cref="IKvBackend"/>
    /// registered before this call is kept, which is how an application brings its own backend.
    /// The options are checked at host start (<c>ValidateOnStart</c>): a bad value stops the host with a
    /// message naming the key. Nothing touches the device until the first call on the store.
    /// </summary>
    /// <example>
    /// <code>
    /// var builder = Host.CreateApplicationBuilder(args);
    /// builder.Services.AddMedullaFirmware();
    /// // appsettings.Development.json: {"Medulla": {"Firmware": {"Backend": "memory", "Values": {"nerves_fw_active": "a"}}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaFirmware(this IServiceCollection services, Action<FirmwareOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<FirmwareOptions> options = services.AddOptions<FirmwareOptions>()
            .Configure<IServiceProvider>(static (o, sp) => o.BindSection(sp.GetService<IConfiguration>()?.GetSection(FirmwareOptions.SectionPath)));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FirmwareOptions>, FirmwareOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<FirmwareOptions>>().Value.CreateBackend(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new KvStore(sp.GetRequiredService<IKvBackend>()));
        services.TryAddSingleton(sp => new FirmwareSlots(sp.GetRequiredService<KvStore>()));
        return services;
    }
}
