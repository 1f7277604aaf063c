namespace Medulla.Firmware;

/// <summary>The <c>Medulla:Firmware</c> configuration has a value that is not allowed; the message names the key.</summary>
public sealed class FirmwareConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FirmwareConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public FirmwareConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
