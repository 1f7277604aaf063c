namespace Medulla.Heart;

/// <summary>
/// The heart cannot be used: medulla-heart could not be started, did not answer in time, or has exited;
/// or, for the control socket, no heart is listening. The message says which.
/// </summary>
public sealed class HeartUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public HeartUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public HeartUnavailableException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public HeartUnavailableException() { }
}
