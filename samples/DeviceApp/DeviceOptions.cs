using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeviceApp;

/// <summary>
/// The demo device's own settings, bound from the <c>Device</c> configuration section the way an app's
/// options should be: the configuration binder's source generator fills it (trim- and AOT-safe) and
/// <c>ValidateOnStart</c> stops the host at start with the key named when a value is wrong.
/// </summary>
internal sealed class DeviceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Device";

    /// <summary>Where the file handlers write (shown in the demo's last line).</summary>
    public string LogDirectory { get; set; } = "data/logs";

    /// <summary>Print the previous boot's pmsg lines at start, before Medulla archives them (on the device only).</summary>
    public bool PstoreAtStart { get; set; }

    /// <summary>The pstore file system.</summary>
    public string PstoreRoot { get; set; } = "/sys/fs/pstore";

    /// <summary>Log the disks at start and each disk added or removed (needs <c>Medulla:Devices:Enabled</c>; on in the box).</summary>
    public bool LogDisks { get; set; }

    /// <summary>A path that must exist for the firmware's health check to pass (none: it passes); see <see cref="RequiredPathCheck"/>.</summary>
    public string? RequiredPath { get; set; }

    /// <summary>
    /// Whether the <c>reboot</c> and <c>poweroff</c> actions go through Medulla's power path (stop the host,
    /// then the heart or PID 1). Off by default so that the demo run on a development machine never
    /// reboots it: there <c>reboot</c> only ends the app with exit status 3. On in the box.
    /// </summary>
    public bool PowerActions { get; set; }
}

/// <summary>Registration of the demo's own options.</summary>
internal static class DeviceOptionsRegistration
{
    /// <summary>Binds <see cref="DeviceOptions"/> from the <c>Device</c> section, checked when the host starts.</summary>
    public static IServiceCollection AddDeviceOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeviceOptions>()
            .Bind(configuration.GetSection(DeviceOptions.Section))
            .Validate(o => o.LogDirectory.Length > 0 && o.PstoreRoot.Length > 0, $"{DeviceOptions.Section}:LogDirectory and PstoreRoot must not be empty")
            .ValidateOnStart();
        return services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeviceOptions>>().Value);
    }
}
