using Medulla.Devices;
using Medulla.Firmware;
using Medulla.Heart;
using Medulla.Logging;
using Medulla.Pstore;
using Medulla.SystemLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Medulla.Runtime;

/// <summary>The whole device runtime in one call.</summary>
public static class MedullaServiceCollectionExtensions
{
    /// <summary>
    /// Registers every part of Medulla, each configured from its own section under <c>Medulla</c> and each
    /// able to be switched off there, in the order a device starts them (hosted services start in
    /// registration order and stop in reverse):
    /// <list type="number">
    /// <item>logging (<c>Medulla:Logging</c>, Medulla as the only logging provider, the pmsg handler type registered);</item>
    /// <item>the firmware metadata: the U-Boot environment, its KV store and A/B slots (<c>Medulla:Firmware</c>);</item>
    /// <item>the data partition, mounted (or formatted) before anything writes under it (<c>Medulla:DataPartition</c>);</item>
    /// <item>the previous boot's pstore records archived, before the pmsg handler's first write (<c>Medulla:Pstore</c>);</item>
    /// <item>the kernel log and the syslog socket into the app's log (<c>Medulla:SystemLog</c>);</item>
    /// <item>the kernel's uevents and the device table (<c>Medulla:Devices</c>);</item>
    /// <item>the heart (<c>Medulla:Heart</c>; on by default, so a device without medulla-heart switches it off with <c>Enabled: false</c>);</item>
    /// <item>power and the serial number (<c>Medulla:Power</c>, <c>Medulla:Serial</c>);</item>
    /// <item>assisted validation of new firmware (<c>Medulla:Validation</c>), which runs once the host has started.</item>
    /// </list>
    /// Register the app's own hosted services after this call so that they start when the device is ready.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="logging">More logging options (handler or formatter types of the app's own), applied after Medulla's.</param>
    /// <example>
    /// <code>
    /// HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
    /// builder.Services.AddMedulla();
    /// builder.Services.AddHostedService&lt;MyDevice&gt;();
    /// await builder.Build().RunAsync();
    /// </code>
    /// </example>
    public static IServiceCollection AddMedulla(this IServiceCollection services, Action<MedullaLoggingOptions>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Log files wait for the data partition: opened before its mount, a file under its mount point would
        // be created on the root file system and hidden by the mount (or fail on a read-only root).
        var dataPartitionMounted = new DataPartitionMounted();
        services.AddSingleton(dataPartitionMounted);
        services.AddLogging(builder =>
        {
            builder.ClearProviders();
            builder.AddMedulla(options =>
            {
                options.AddPmsgHandlerType();
                options.FileOpenGate = dataPartitionMounted.Gate;
                logging?.Invoke(options);
            });
        });
        services.AddMedullaFirmware();
        services.AddMedullaDataPartition();
        services.AddMedullaPstoreArchive();
        services.AddMedullaSystemLog();
        services.AddMedullaDevices();
        services.AddMedullaHeart();
        services.AddMedullaPower();
        services.AddMedullaSerial();
        services.AddMedullaAssistedValidation();
        return services;
    }
}
