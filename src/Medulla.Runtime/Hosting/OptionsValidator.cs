using Microsoft.Extensions.Options;

namespace Medulla.Runtime;

/// <summary>Options that check themselves, throwing <see cref="RuntimeConfigurationException"/> naming the key.</summary>
internal interface ISelfValidatingOptions
{
    void Validate();
}

/// <summary>Checks a runtime part's options at host start (ValidateOnStart); the message names the key, the value and the allowed values.</summary>
internal sealed class OptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, ISelfValidatingOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
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
