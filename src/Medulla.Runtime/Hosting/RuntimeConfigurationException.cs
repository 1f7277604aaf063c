namespace Medulla.Runtime;

/// <summary>A <c>Medulla:Power</c>, <c>Medulla:Serial</c>, <c>Medulla:DataPartition</c> or <c>Medulla:Validation</c> value is not allowed; the message names the key.</summary>
public sealed class RuntimeConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuntimeConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public RuntimeConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
