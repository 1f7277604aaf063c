namespace Medulla.Pstore;

/// <summary>
/// The pstore file system cannot be used: its directory is missing (a kernel without CONFIG_PSTORE, or
/// sysfs not mounted) or it cannot be mounted. The message says which.
/// </summary>
public sealed class PstoreUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PstoreUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    public PstoreUnavailableException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public PstoreUnavailableException() { }
}
