using Microsoft.Extensions.Options;

namespace Medulla.Heart;

/// <summary>
/// Validates <see cref="MedullaHeartOptions"/> at start (ValidateOnStart): the ranges and the rules
/// between keys, whether a value came from the <c>Medulla:Heart</c> section or from code. The message
/// names the full key, the value and what is allowed.
/// </summary>
internal sealed class MedullaHeartOptionsValidator : IValidateOptions<MedullaHeartOptions>
{
    public ValidateOptionsResult Validate(string? name, MedullaHeartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
            // Validate's messages start with the property name, which is the key under the section.
            return ValidateOptionsResult.Fail($"{MedullaHeartOptions.SectionPath}:{ex.Message}");
        }
    }
}
