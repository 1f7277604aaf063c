using Microsoft.Extensions.Options;

namespace Medulla.SystemLog;

/// <summary>Checks <see cref="SystemLogOptions"/> at host start (ValidateOnStart); the message names the key, the value and the allowed values.</summary>
internal sealed class SystemLogOptionsValidator : IValidateOptions<SystemLogOptions>
{
    public ValidateOptionsResult Validate(string? name, SystemLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (SystemLogConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
