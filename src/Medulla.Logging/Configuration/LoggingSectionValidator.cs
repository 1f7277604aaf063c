using Microsoft.Extensions.Options;

namespace Medulla.Logging;

/// <summary>
/// Stops the host at start (<c>ValidateOnStart</c>) when the logging section has a bad value, with the
/// one message of <see cref="LoggingSettingsBuilder"/> that names the key, the value and what is allowed.
/// </summary>
/// <remarks>
/// It checks only the instance named <see cref="StartName"/>, which is bound once for this check. The
/// default instance, the one the logging pipeline follows, is never failed here: a failing validator
/// would make <see cref="IOptionsMonitor{TOptions}"/> throw inside the configuration's reload callback
/// instead of telling the pipeline, which refuses a bad reload whole and logs why.
/// </remarks>
internal sealed class LoggingSectionValidator(MedullaLoggingOptions options) : IValidateOptions<LoggingSection>
{
    /// <summary>The name of the options instance checked at start.</summary>
    internal const string StartName = "Medulla.Logging.StartCheck";

    public ValidateOptionsResult Validate(string? name, LoggingSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (name != StartName)
        {
            return ValidateOptionsResult.Skip;
        }
        try
        {
            LoggingSettingsBuilder.Build(section, options);
            return ValidateOptionsResult.Success;
        }
        catch (LoggingConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
