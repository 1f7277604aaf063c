using Microsoft.Extensions.Options;

namespace Medulla.Runtime;

/// <summary>Checks <see cref="SerialOptions"/> at host start; the message names the key, the value and the allowed values.</summary>
internal sealed class SerialOptionsValidator : IValidateOptions<SerialOptions>
{
    public ValidateOptionsResult Validate(string? name, SerialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (RuntimeConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
