using Microsoft.Extensions.Options;

namespace Medulla.Firmware;

/// <summary>Checks <see cref="FirmwareOptions"/> at host start (ValidateOnStart); the message names the key, the value and the allowed values.</summary>
internal sealed class FirmwareOptionsValidator : IValidateOptions<FirmwareOptions>
{
    public ValidateOptionsResult Validate(string? name, FirmwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (FirmwareConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
