using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataPartitionOptions>, DataPartitionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DataPartitionHostedService>());
        return services;
    }
}
