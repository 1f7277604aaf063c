namespace Medulla.Runtime;

/// <summary>The <c>Medulla:Power</c> or <c>Medulla:Serial</c> configuration has a value that is not allowed; the message names the key.</summary>
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
