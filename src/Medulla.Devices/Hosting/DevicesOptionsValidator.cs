using Microsoft.Extensions.Options;

namespace Medulla.Devices;

/// <summary>Checks <see cref="DevicesOptions"/> at host start (ValidateOnStart); the message names the key, the value and the allowed values.</summary>
internal sealed class DevicesOptionsValidator : IValidateOptions<DevicesOptions>
{
    public ValidateOptionsResult Validate(string? name, DevicesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (DevicesConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
