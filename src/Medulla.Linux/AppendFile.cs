using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// A file opened with O_APPEND: every write(2) lands at the current end of the file, whatever other
/// writers did to it meanwhile (another process appending, logrotate's copytruncate emptying it).
/// .NET's <see cref="FileMode.Append"/> only seeks to the end once at open, hence this.
/// </summary>
internal static class AppendFile
{
    /// <summary>
    /// Opens <paramref name="path"/> for appending, creating it (mode 0666 narrowed by the umask) if it
    /// is missing. The descriptor is close-on-exec and closed when the handle is disposed.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened; the message names the path.</exception>
    public static SafeFileHandle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Syscalls.Open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_CLOEXEC, Libc.DefaultCreateMode);
    }

    /// <summary>
    /// Appends all of <paramref name="bytes"/>, repeating write(2) after a partial write or EINTR.
    /// </summary>
    /// <param name="handle">A handle from <see cref="Open"/>.</param>
    /// <param name="bytes">What to append.</param>
    /// <param name="path">The file's name, for the error message.</param>
    /// <exception cref="IOException">The write failed (ENOSPC, EIO, ...); the message names the path.</exception>
    public static void Write(SafeFileHandle handle, ReadOnlySpan<byte> bytes, string path) =>
        Syscalls.WriteAll(handle, bytes, path);

    /// <summary>Makes what was written durable (fsync(2)).</summary>
    /// <exception cref="IOException">The sync failed; the message names the path.</exception>
    public static void Sync(SafeFileHandle handle, string path) => Syscalls.Fsync(handle, path);

    /// <summary>Empties the file (ftruncate(2) to 0); with O_APPEND the next write starts at offset 0.</summary>
    /// <exception cref="IOException">The truncation failed; the message names the path.</exception>
    public static void Truncate(SafeFileHandle handle, string path) => Syscalls.Ftruncate(handle, 0, path);
}
