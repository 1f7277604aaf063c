using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Medulla.Firmware;

/// <summary>Registration of the firmware services with Microsoft.Extensions.DependencyInjection.</summary>
public static class FirmwareServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKvBackend"/>, <see cref="KvStore"/> and <see cref="FirmwareSlots"/> as
    /// singletons, configured from the <c>Medulla:Firmware</c> section of the registered
    /// <see cref="IConfiguration"/> and then from <paramref name="configure"/>. An <see cref="IKvBackend"/>
    /// registered before this call is kept, which is how an application brings its own backend.
    /// Nothing touches the device until the first call on the store.
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
        services.TryAddSingleton(sp =>
        {
            FirmwareOptions options = FirmwareOptions.FromConfiguration(sp.GetService<IConfiguration>()?.GetSection(FirmwareOptions.SectionPath));
            configure?.Invoke(options);
            return options.CreateBackend(sp.GetService<IMeterFactory>());
        });
        services.TryAddSingleton(sp => new KvStore(sp.GetRequiredService<IKvBackend>()));
        services.TryAddSingleton(sp => new FirmwareSlots(sp.GetRequiredService<KvStore>()));
        return services;
    }
}
