namespace Medulla.Pstore;

/// <summary>
/// The pmsg device cannot be used: it does not exist (the kernel lacks CONFIG_PSTORE_PMSG or ramoops has
/// no pmsg zone) or the path is not a character device. The message says which and what to change.
/// </summary>
public sealed class PmsgUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PmsgUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    public PmsgUnavailableException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public PmsgUnavailableException() { }
}
