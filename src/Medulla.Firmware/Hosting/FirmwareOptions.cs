using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;

namespace Medulla.Firmware;

/// <summary>
/// Where the firmware variables come from, bound from the <c>Medulla:Firmware</c> section:
/// <c>{"Backend": "uboot", "ConfigPath": "/etc/fw_env.config"}</c> on a device, or
/// <c>{"Backend": "memory", "Values": {"nerves_fw_active": "a", "a": {"nerves_fw_version": "1.0"}}}</c>
/// on a development machine and in tests.
/// </summary>
public sealed class FirmwareOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:Firmware";

    /// <summary>The <see cref="Backend"/> value for the U-Boot environment.</summary>
    public const string UBootBackend = "uboot";

    /// <summary>The <see cref="Backend"/> value for variables in memory, seeded from <see cref="Values"/>.</summary>
    public const string MemoryBackend = "memory";

    /// <summary><c>uboot</c> (the default) or <c>memory</c>.</summary>
    public string Backend { get; set; } = UBootBackend;

    /// <summary>The fw_env.config file of the <c>uboot</c> backend.</summary>
    public string ConfigPath { get; set; } = FwEnvConfig.DefaultPath;

    /// <summary>The lock file shared with fw_printenv/fw_setenv; empty or null for none.</summary>
    public string? LockPath { get; set; } = UBootEnvironment.DefaultLockPath;

    /// <summary>The initial variables of the <c>memory</c> backend.</summary>
    public IDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Reads the options from a <c>Medulla:Firmware</c> section (null leaves the defaults), for use
    /// without a host; <see cref="FirmwareServiceCollectionExtensions.AddMedullaFirmware"/> does the same
    /// and checks the result at host start.
    /// </summary>
    /// <exception cref="FirmwareConfigurationException">A value is not allowed; the message names the key.</exception>
    public static FirmwareOptions FromConfiguration(IConfiguration? section)
    {
        var options = new FirmwareOptions();
        options.BindSection(section);
        options.Validate();
        return options;
    }

    /// <summary>
    /// Binds the section into these options: the scalar keys by the configuration binder's source
    /// generator, <see cref="Values"/> as a tree whose nested paths are joined with '.' (<c>a:nerves_fw_version</c>
    /// is the variable <c>a.nerves_fw_version</c>), which no binder does.
    /// </summary>
    internal void BindSection(IConfiguration? section)
    {
        if (section is null)
        {
            return;
        }
        section.Bind(this);
        foreach (KeyValuePair<string, string> pair in MemoryKvBackend.Flatten(section.GetSection("Values")))
        {
            Values[pair.Key] = pair.Value;
        }
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="FirmwareConfigurationException">A value is not allowed; the message names the key and the allowed values.</exception>
    public void Validate()
    {
        if (!string.Equals(Backend, UBootBackend, StringComparison.OrdinalIgnoreCase) && !string.Equals(Backend, MemoryBackend, StringComparison.OrdinalIgnoreCase))
        {
            throw new FirmwareConfigurationException($"{SectionPath}:Backend is '{Backend}'; allowed values: {UBootBackend}, {MemoryBackend}");
        }
        if (string.IsNullOrEmpty(ConfigPath))
        {
            throw new FirmwareConfigurationException($"{SectionPath}:ConfigPath is empty; give the path of fw_env.config");
        }
        foreach (KeyValuePair<string, string> pair in Values)
        {
            try
            {
                UBootEnvCodec.ValidateName(pair.Key);
                UBootEnvCodec.ValidateValue(pair.Key, pair.Value);
            }
            catch (ArgumentException ex)
            {
                throw new FirmwareConfigurationException($"{SectionPath}:Values: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Creates the backend the options describe; the U-Boot backend records its metrics on <paramref name="meterFactory"/>'s meter (null: the process-wide one).</summary>
    /// <exception cref="FirmwareConfigurationException">A value is not allowed.</exception>
    public IKvBackend CreateBackend(IMeterFactory? meterFactory = null)
    {
        Validate();
        return string.Equals(Backend, MemoryBackend, StringComparison.OrdinalIgnoreCase)
            ? new MemoryKvBackend(Values)
            : UBootEnvBackend.FromConfigFile(ConfigPath, string.IsNullOrEmpty(LockPath) ? null : LockPath, meterFactory);
    }
}
