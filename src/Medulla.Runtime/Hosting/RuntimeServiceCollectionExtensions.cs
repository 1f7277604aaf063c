using Medulla.Firmware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Runtime;

/// <summary>Registration of the device runtime's parts with Microsoft.Extensions.DependencyInjection.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers a hosted service that mounts the data partition when the host starts (formatting it when
    /// it cannot be mounted read-write), configured from the <c>Medulla:DataPartition</c> section and then
    /// from <paramref name="configure"/>; values left out come from the active firmware slot's metadata when
    /// Medulla.Firmware is registered. Register it before the services that write under the mount point:
    /// hosted services start in registration order. Bad values stop the host at start naming the key.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddMedullaDataPartition();
    /// // appsettings.json: {"Medulla": {"DataPartition": {"Device": "/dev/mmcblk0p4", "FileSystemType": "ext4", "Target": "/data"}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaDataPartition(this IServiceCollection services, Action<DataPartitionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<DataPartitionOptions> options = services.AddOptions<DataPartitionOptions>()
            .Configure<IServiceProvider>(static (o, sp) => o.BindSection(sp.GetService<IConfiguration>()?.GetSection(DataPartitionOptions.SectionPath)));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataPartitionOptions>, OptionsValidator<DataPartitionOptions>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DataPartitionHostedService>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="DevicePower"/> as a singleton and a hosted service that connects it to the
    /// host (a request stops the host first) and to the heart of <c>AddMedullaHeart</c> when one runs,
    /// configured from the <c>Medulla:Power</c> section of the registered <see cref="IConfiguration"/> and
    /// then from <paramref name="configure"/>. The options are checked at host start
    /// (<c>ValidateOnStart</c>): a bad value stops the host with a message naming the key.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddMedullaPower();
    /// // later, e.g. after an update: await app.Services.GetRequiredService&lt;DevicePower&gt;().RebootAsync();
    /// // appsettings.json: {"Medulla": {"Power": {"StopTimeout": "10s", "HardTimeout": "60s"}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaPower(this IServiceCollection services, Action<PowerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<PowerOptions> options = services.AddOptions<PowerOptions>()
            .Configure<IServiceProvider>(static (o, sp) => o.BindSection(sp.GetService<IConfiguration>()?.GetSection(PowerOptions.SectionPath)));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PowerOptions>, OptionsValidator<PowerOptions>>());
        services.TryAddSingleton(sp => new DevicePower(
            sp.GetRequiredService<IOptions<PowerOptions>>().Value,
            sp.GetService<ILogger<DevicePower>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PowerHostedService>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="SerialNumber"/> as a singleton, configured from the <c>Medulla:Serial</c>
    /// section and then from <paramref name="configure"/>, validated at host start. Its <c>kv</c> source
    /// is the <see cref="KvStore"/> of <c>AddMedullaFirmware</c> when that is registered.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddMedullaFirmware().AddMedullaSerial();
    /// // appsettings.json: {"Medulla": {"Serial": {"Sources": "kv, device-tree, machine-id"}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaSerial(this IServiceCollection services, Action<SerialOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<SerialOptions> options = services.AddOptions<SerialOptions>()
            .Configure<IServiceProvider>(static (o, sp) => o.BindSection(sp.GetService<IConfiguration>()?.GetSection(SerialOptions.SectionPath)));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SerialOptions>, OptionsValidator<SerialOptions>>());
        services.TryAddSingleton(sp => new SerialNumber(
            sp.GetRequiredService<IOptions<SerialOptions>>().Value,
            sp.GetService<KvStore>(),
            sp.GetService<ILogger<SerialNumber>>()));
        return services;
    }

    /// <summary>
    /// Registers assisted firmware validation, configured from the <c>Medulla:Validation</c> section and then
    /// from <paramref name="configure"/>: once the host has started, unvalidated firmware is validated (one
    /// environment write) when the health checks tagged <see cref="AssistedValidationOptions.HealthCheckTag"/>
    /// pass, and the device reboots through <see cref="DevicePower"/> when they do not pass within the
    /// timeout, so that the bootloader's boot count reverts to the other slot. The heart of
    /// <c>AddMedullaHeart</c> gets its init handshake only when the firmware is valid. Needs
    /// <c>AddMedullaFirmware</c> (the slots) and <c>AddMedullaPower</c> (the reboot).
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddHealthChecks().AddCheck("broker", () => Connected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(),
    ///     tags: [AssistedValidationOptions.DefaultHealthCheckTag]);
    /// builder.Services.AddMedullaFirmware().AddMedullaPower().AddMedullaAssistedValidation();
    /// // appsettings.json: {"Medulla": {"Validation": {"Timeout": "5m"}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaAssistedValidation(this IServiceCollection services, Action<AssistedValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<AssistedValidationOptions> options = services.AddOptions<AssistedValidationOptions>()
            .Configure<IServiceProvider>(static (o, sp) => o.BindSection(sp.GetService<IConfiguration>()?.GetSection(AssistedValidationOptions.SectionPath)));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AssistedValidationOptions>, OptionsValidator<AssistedValidationOptions>>());
        services.TryAddSingleton<AssistedValidationHostedService>();
        services.AddHostedService(static sp => sp.GetRequiredService<AssistedValidationHostedService>());
        return services;
    }
}
