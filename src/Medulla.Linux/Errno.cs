namespace Medulla.Linux;

/// <summary>errno values used by Medulla and their translation into .NET exceptions.</summary>
public static class Errno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;
    /// <summary>No such file or directory.</summary>
    public const int ENOENT = 2;
    /// <summary>No such process.</summary>
    public const int ESRCH = 3;
    /// <summary>Interrupted system call.</summary>
    public const int EINTR = 4;
    /// <summary>I/O error.</summary>
    public const int EIO = 5;
    /// <summary>No such device or address.</summary>
    public const int ENXIO = 6;
    /// <summary>Bad file descriptor.</summary>
    public const int EBADF = 9;
    /// <summary>Try again.</summary>
    public const int EAGAIN = 11;
    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;
    /// <summary>Device or resource busy.</summary>
    public const int EBUSY = 16;
    /// <summary>No such device.</summary>
    public const int ENODEV = 19;
    /// <summary>Not a directory.</summary>
    public const int ENOTDIR = 20;
    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;
    /// <summary>No space left on device.</summary>
    public const int ENOSPC = 28;
    /// <summary>Broken pipe.</summary>
    public const int EPIPE = 32;
    /// <summary>Operation not supported.</summary>
    public const int ENOTTY = 25;
    /// <summary>No buffer space available.</summary>
    public const int ENOBUFS = 105;

    /// <summary>An exception for a failed call, naming what was being done (a path, a device, an ioctl).</summary>
    internal static IOException ToException(int errno, string what)
    {
        string text = System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);
        return errno switch
        {
            ENOENT => new FileNotFoundException($"{what}: {text} (errno {errno})"),
            EACCES => new UnauthorizedAccessIOException($"{what}: {text} (errno {errno})", errno),
            _ => new LinuxIOException($"{what}: {text} (errno {errno})", errno),
        };
    }
}

/// <summary>An I/O error from a Linux system call, carrying its errno.</summary>
public class LinuxIOException : IOException
{
    /// <summary>Creates the exception.</summary>
    public LinuxIOException(string message, int errno) : base(message, errno) => Errno = errno;

    /// <summary>The errno the call failed with.</summary>
    public int Errno { get; }
}

/// <summary>A permission error from a Linux system call.</summary>
public sealed class UnauthorizedAccessIOException : LinuxIOException
{
    /// <summary>Creates the exception.</summary>
    public UnauthorizedAccessIOException(string message, int errno) : base(message, errno) { }
}
