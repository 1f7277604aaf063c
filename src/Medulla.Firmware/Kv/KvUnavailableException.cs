namespace Medulla.Firmware;

/// <summary>
/// The KV store's backend could not be read or written: a missing or bad fw_env.config, an unreadable
/// device, no valid environment copy. The inner exception has the cause. Nothing is cached from a failed
/// call, so the next call tries the backend again.
/// </summary>
public sealed class KvUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KvUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
