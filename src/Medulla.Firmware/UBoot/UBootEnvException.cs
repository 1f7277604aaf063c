namespace Medulla.Firmware;

/// <summary>
/// The U-Boot environment cannot be used: no copy has a valid CRC, a location lies outside its device,
/// the device is of a kind that is not supported, or a written copy did not read back as written.
/// </summary>
public sealed class UBootEnvException : IOException
{
    /// <summary>Creates the exception.</summary>
    public UBootEnvException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the failure that caused it.</summary>
    public UBootEnvException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
