using Microsoft.Extensions.Options;

namespace Medulla.Runtime;

/// <summary>Checks <see cref="DataPartitionOptions"/> at host start (ValidateOnStart); the message names the key.</summary>
internal sealed class DataPartitionOptionsValidator : IValidateOptions<DataPartitionOptions>
{
    public ValidateOptionsResult Validate(string? name, DataPartitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (DataPartitionException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
