using Medulla.Linux;
using Microsoft.Extensions.Configuration;

namespace Medulla.Runtime;

/// <summary>
/// Settings of <see cref="DevicePower"/>, bound from the <c>Medulla:Power</c> section, e.g.
/// <c>{"StopTimeout": "10s", "HardTimeout": "60s"}</c>. Durations are written <c>500ms</c>, <c>5s</c>,
/// <c>2m</c> or <c>00:00:05</c>; a bare number counts seconds.
/// </summary>
public sealed class PowerOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:Power";

    private static readonly TimeSpan MaxStopTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxHardTimeout = TimeSpan.FromHours(1);

    /// <summary>How long the host gets to stop before the request goes on without it (default <c>10s</c>, 0 to 10 minutes).</summary>
    public string StopTimeout { get; set; } = "10s";

    /// <summary>
    /// How long init (or the heart's guarded command) gets to shut the device down before reboot(2) does
    /// it at once (default <c>60s</c>, 1 second to 1 hour).
    /// </summary>
    public string HardTimeout { get; set; } = "60s";

    /// <summary>Where the reboot argument is written for init to read (default <c>/run/reboot-param</c>, as Nerves).</summary>
    public string RebootParamPath { get; set; } = RebootParam.DefaultPath;

    /// <summary>The systemctl program used when systemd is PID 1 (default <c>systemctl</c>, found on PATH).</summary>
    public string SystemctlPath { get; set; } = "systemctl";

    /// <summary>Whether a running heart is asked for a guarded command instead of signalling init directly (default true).</summary>
    public bool UseHeart { get; set; } = true;

    /// <summary>Reads the options from a <c>Medulla:Power</c> section (null leaves the defaults), for use without a host.</summary>
    /// <exception cref="RuntimeConfigurationException">A value is not allowed; the message names the key.</exception>
    public static PowerOptions FromConfiguration(IConfiguration? section)
    {
        var options = new PowerOptions();
        options.BindSection(section);
        options.Validate();
        return options;
    }

    /// <summary>Binds the section into these options by the configuration binder's source generator.</summary>
    /// <exception cref="RuntimeConfigurationException">A value cannot be converted; the message names the key.</exception>
    internal void BindSection(IConfiguration? section) => SectionBinding.Bind(SectionPath, section, s => s.Bind(this));

    /// <summary>Checks the options.</summary>
    /// <exception cref="RuntimeConfigurationException">A value is not allowed; the message names the key and the allowed values.</exception>
    public void Validate()
    {
        _ = StopTimeoutValue();
        _ = HardTimeoutValue();
        if (string.IsNullOrEmpty(RebootParamPath))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:RebootParamPath is empty; give the file init reads the reboot argument from (/run/reboot-param)");
        }
        if (string.IsNullOrEmpty(SystemctlPath))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:SystemctlPath is empty; give the systemctl program's path or name");
        }
    }

    /// <summary><see cref="StopTimeout"/> as a time span.</summary>
    internal TimeSpan StopTimeoutValue() => Duration(StopTimeout, nameof(StopTimeout), TimeSpan.Zero, MaxStopTimeout, "0s to 10m");

    /// <summary><see cref="HardTimeout"/> as a time span.</summary>
    internal TimeSpan HardTimeoutValue() => Duration(HardTimeout, nameof(HardTimeout), TimeSpan.FromSeconds(1), MaxHardTimeout, "1s to 1h");

    private static TimeSpan Duration(string? text, string key, TimeSpan min, TimeSpan max, string range)
    {
        if (text is null || !ValueSyntax.TryParseDuration(text, 1000, out decimal ms)
            || ms < (decimal)min.TotalMilliseconds || ms > (decimal)max.TotalMilliseconds)
        {
            throw new RuntimeConfigurationException(
                $"{SectionPath}:{key}: '{text}' is not allowed; expected a duration from {range}, written e.g. {ValueSyntax.DurationForms}; a bare number counts seconds");
        }
        return ValueSyntax.ToTimeSpan(ms);
    }
}
