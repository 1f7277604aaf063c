using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// Files that must already exist to be written: device nodes (/dev/pmsg0) and kernel attributes. They
/// are opened without O_CREAT, because creating a missing device path would leave a regular file in
/// /dev that every later writer would fill instead of the device.
/// </summary>
internal static class DeviceFile
{
    /// <summary>
    /// Opens an existing file write-only (O_WRONLY | O_CLOEXEC | O_NOCTTY, never O_CREAT). O_NOCTTY keeps
    /// a tty from becoming the process's controlling terminal.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The file cannot be opened; the message names the path.</exception>
    public static SafeFileHandle OpenWriteOnly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Syscalls.Open(path, Libc.O_WRONLY | Libc.O_CLOEXEC | Libc.O_NOCTTY);
    }

    /// <summary>
    /// Opens an existing character device write-only, as <see cref="OpenWriteOnly"/>. The type is checked
    /// before opening (opening a named pipe for writing would block until a reader came) and again on the
    /// open descriptor (the path may have been replaced in between).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="LinuxIOException">
    /// The path is not a character device (errno ENODEV), or it cannot be opened; the message names it.
    /// </exception>
    public static SafeFileHandle OpenCharacterDevice(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileType type = FileTypes.OfPath(path) ?? throw Errno.ToException(Errno.ENOENT, $"open {path}");
        if (type != FileType.CharacterDevice)
        {
            throw NotCharacterDevice(path, type);
        }
        SafeFileHandle handle = OpenWriteOnly(path);
        try
        {
            type = FileTypes.OfHandle(handle);
            if (type != FileType.CharacterDevice)
            {
                throw NotCharacterDevice(path, type);
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> with one write(2) call, repeating it only for what a partial write
    /// left over or after EINTR. A record device such as pmsg stores each call as one record.
    /// </summary>
    /// <param name="handle">A handle from <see cref="OpenWriteOnly"/> or <see cref="OpenCharacterDevice"/>.</param>
    /// <param name="bytes">What to write.</param>
    /// <param name="path">The device's name, for the error message.</param>
    /// <exception cref="IOException">The write failed (EIO, ENOSPC, ...); the message names the path.</exception>
    public static void Write(SafeFileHandle handle, ReadOnlySpan<byte> bytes, string path) =>
        Syscalls.WriteAll(handle, bytes, path);

    private static LinuxIOException NotCharacterDevice(string path, FileType type) =>
        new($"open {path}: not a character device but {Describe(type)}", Errno.ENODEV);

    private static string Describe(FileType type) => type switch
    {
        FileType.Regular => "a regular file",
        FileType.Directory => "a directory",
        FileType.BlockDevice => "a block device",
        FileType.Fifo => "a named pipe",
        FileType.Socket => "a socket",
        FileType.SymbolicLink => "a symbolic link",
        _ => "a file of unknown type",
    };
}
