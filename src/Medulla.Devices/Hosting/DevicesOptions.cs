using System.Numerics;
using Medulla.Linux;
using Microsoft.Extensions.Configuration;

namespace Medulla.Devices;

/// <summary>
/// Settings of the <see cref="DeviceMonitor"/>, bound from the <c>Medulla:Devices</c> section, e.g.
/// <c>{"Coldplug": true, "ModuleAutoload": true, "ModprobePath": "/sbin/modprobe"}</c>.
/// </summary>
public sealed class DevicesOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:Devices";

    /// <summary>Largest <see cref="ReceiveBufferSize"/>: the kernel doubles it and keeps it in an int.</summary>
    private const long MaxReceiveBufferBytes = 1L << 30;

    /// <summary>Whether the hosted service starts the monitor at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether to receive the kernel's uevents on netlink (default true).</summary>
    public bool Listen { get; set; } = true;

    /// <summary>Whether to read every device's <c>uevent</c> file under /sys/devices at start (default true).</summary>
    public bool Coldplug { get; set; } = true;

    /// <summary>Whether to also write <c>add</c> to every <c>uevent</c> file at start so the kernel re-announces each device (default false).</summary>
    public bool TriggerColdplug { get; set; }

    /// <summary>Where sysfs is mounted (default <c>/sys</c>).</summary>
    public string SysfsPath { get; set; } = SysfsDevices.DefaultRoot;

    /// <summary>The netlink socket's receive buffer, a size such as <c>1MiB</c> (default), 4KiB to 1GiB.</summary>
    public string ReceiveBufferSize { get; set; } = "1MiB";

    /// <summary>How many events a subscriber's queue holds before events are dropped for it (default 1024).</summary>
    public int SubscriberCapacity { get; set; } = 1024;

    /// <summary>Whether to run modprobe for the MODALIAS of added devices (default false).</summary>
    public bool ModuleAutoload { get; set; }

    /// <summary>The modprobe program (default <c>modprobe</c>, found on PATH).</summary>
    public string ModprobePath { get; set; } = "modprobe";

    /// <summary>How many aliases one modprobe run gets at most (default 64).</summary>
    public int ModprobeBatchSize { get; set; } = 64;

    /// <summary>Reads the options from a <c>Medulla:Devices</c> section (null leaves the defaults), for use without a host.</summary>
    /// <exception cref="DevicesConfigurationException">A value is not allowed; the message names the key.</exception>
    public static DevicesOptions FromConfiguration(IConfiguration? section)
    {
        var options = new DevicesOptions();
        options.BindSection(section);
        options.Validate();
        return options;
    }

    /// <summary>Binds the section into these options by the configuration binder's source generator.</summary>
    /// <exception cref="DevicesConfigurationException">A value cannot be converted; the message names the key.</exception>
    internal void BindSection(IConfiguration? section)
    {
        if (section is null)
        {
            return;
        }
        try
        {
            section.Bind(this);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's own message names the full key ("...at 'Medulla:Devices:SubscriberCapacity' to type 'System.Int32'").
            throw new DevicesConfigurationException($"{SectionPath}: {ex.Message}", ex);
        }
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="DevicesConfigurationException">A value is not allowed; the message names the key and the allowed values.</exception>
    public void Validate()
    {
        _ = ReceiveBufferBytes();
        if (string.IsNullOrEmpty(SysfsPath))
        {
            throw new DevicesConfigurationException($"{SectionPath}:SysfsPath is empty; give where sysfs is mounted (/sys)");
        }
        if (SubscriberCapacity is < 1 or > 1_000_000)
        {
            throw new DevicesConfigurationException($"{SectionPath}:SubscriberCapacity is {SubscriberCapacity}; expected 1..1000000");
        }
        if (string.IsNullOrEmpty(ModprobePath))
        {
            throw new DevicesConfigurationException($"{SectionPath}:ModprobePath is empty; give the modprobe program's path or name");
        }
        if (ModprobeBatchSize is < 1 or > 4096)
        {
            throw new DevicesConfigurationException($"{SectionPath}:ModprobeBatchSize is {ModprobeBatchSize}; expected 1..4096");
        }
    }

    /// <summary><see cref="ReceiveBufferSize"/> in bytes.</summary>
    /// <exception cref="DevicesConfigurationException">It is not a size from 4KiB to 1GiB.</exception>
    internal int ReceiveBufferBytes()
    {
        if (ReceiveBufferSize is null || !ValueSyntax.TryParseSize(ReceiveBufferSize, out BigInteger bytes))
        {
            throw new DevicesConfigurationException($"{SectionPath}:ReceiveBufferSize: '{ReceiveBufferSize}' is not a size; expected e.g. 1MiB, 4KiB to 1GiB");
        }
        if (bytes < 4096 || bytes > MaxReceiveBufferBytes)
        {
            throw new DevicesConfigurationException($"{SectionPath}:ReceiveBufferSize: '{ReceiveBufferSize}' is out of range; expected 4KiB to 1GiB");
        }
        return (int)bytes;
    }
}
