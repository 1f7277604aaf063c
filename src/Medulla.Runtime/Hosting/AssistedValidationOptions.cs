using System.Globalization;
using Medulla.Linux;
using Microsoft.Extensions.Configuration;

namespace Medulla.Runtime;

/// <summary>
/// Settings of assisted firmware validation, bound from the <c>Medulla:Validation</c> section, e.g.
/// <c>{"Timeout": "5m", "HealthCheckTag": "medulla-validation"}</c>. Durations are written <c>500ms</c>,
/// <c>5s</c>, <c>2m</c> or <c>00:00:05</c>; a bare number counts seconds.
/// </summary>
public sealed class AssistedValidationOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:Validation";

    /// <summary>The default tag of the health checks that decide.</summary>
    public const string DefaultHealthCheckTag = "medulla-validation";

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    /// <summary>Whether unvalidated firmware is validated (or reverted) by the app (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The tag of the health checks that must pass (default <c>medulla-validation</c>); without such checks, a started host suffices.</summary>
    public string HealthCheckTag { get; set; } = DefaultHealthCheckTag;

    /// <summary>How long the checks get to pass after the host started before the device reboots (default <c>5m</c>, 1 second to 24 hours).</summary>
    public string Timeout { get; set; } = "5m";

    /// <summary>How often the checks run while waiting (default <c>5s</c>, 100ms up to the timeout).</summary>
    public string CheckInterval { get; set; } = "5s";

    /// <summary>Binds the section into these options by the configuration binder's source generator.</summary>
    /// <exception cref="RuntimeConfigurationException">A value cannot be converted; the message names the key.</exception>
    internal void BindSection(IConfiguration? section) => SectionBinding.Bind(SectionPath, section, s => s.Bind(this));

    /// <summary>Checks the options.</summary>
    /// <exception cref="RuntimeConfigurationException">A value is not allowed; the message names the key and the allowed values.</exception>
    public void Validate()
    {
        TimeSpan timeout = TimeoutValue();
        TimeSpan interval = CheckIntervalValue();
        if (interval > timeout)
        {
            throw new RuntimeConfigurationException($"{SectionPath}:CheckInterval: '{CheckInterval}' is longer than Timeout '{Timeout}'");
        }
        if (string.IsNullOrWhiteSpace(HealthCheckTag))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:HealthCheckTag is empty; give the tag of the checks that decide ({DefaultHealthCheckTag})");
        }
    }

    internal TimeSpan TimeoutValue() => Duration(Timeout, nameof(Timeout), TimeSpan.FromSeconds(1), MaxTimeout);

    internal TimeSpan CheckIntervalValue() => Duration(CheckInterval, nameof(CheckInterval), TimeSpan.FromMilliseconds(100), MaxTimeout);

    private static TimeSpan Duration(string? text, string key, TimeSpan min, TimeSpan max)
    {
        if (text is null || !ValueSyntax.TryParseDuration(text, 1000, out decimal ms) || ms < (decimal)min.TotalMilliseconds || ms > (decimal)max.TotalMilliseconds)
        {
            throw new RuntimeConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{SectionPath}:{key}: '{text}' is not allowed; expected a duration from {min.TotalSeconds}s to {max.TotalHours}h, written e.g. {ValueSyntax.DurationForms}; a bare number counts seconds"));
        }
        return ValueSyntax.ToTimeSpan(ms);
    }
}
