namespace Medulla.Devices;

/// <summary>The <c>Medulla:Devices</c> configuration has a value that is not allowed; the message names the key.</summary>
public sealed class DevicesConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DevicesConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public DevicesConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
