using Microsoft.Extensions.Options;

namespace Medulla.Heart;

/// <summary>Validates <see cref="MedullaHeartOptions"/> at start (ValidateOnStart), with the key in the message.</summary>
internal sealed class MedullaHeartOptionsValidator : IValidateOptions<MedullaHeartOptions>
{
    public ValidateOptionsResult Validate(string? name, MedullaHeartOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"{MedullaHeartOptions.SectionPath}: {ex.Message}");
        }
    }
}
