using System.Runtime.InteropServices;
using System.Text;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// Files named by raw bytes inside a directory named by a string: what .NET's file APIs cannot reach
/// when a name is not UTF-8 (see <see cref="DirectoryEntries"/>). Error messages show the name with
/// <see cref="DirectoryEntries.Escape"/>.
/// </summary>
internal static class RawNameFiles
{
    /// <summary>Opens the file <paramref name="name"/> in <paramref name="directory"/> read-only (O_CLOEXEC).</summary>
    /// <exception cref="IOException">The file cannot be opened; the message names it.</exception>
    public static unsafe SafeFileHandle OpenRead(string directory, ReadOnlySpan<byte> name)
    {
        byte[] path = PathBytes(directory, name);
        fixed (byte* p = path)
        {
            return Syscalls.TryOpen(p, Libc.O_RDONLY | Libc.O_CLOEXEC, 0, out int errno)
                ?? throw Errno.ToException(errno, $"open {Shown(directory, name)}");
        }
    }

    /// <summary>Renames <paramref name="source"/> to <paramref name="name"/> in <paramref name="directory"/>, replacing a file of that name (rename(2): atomic).</summary>
    /// <exception cref="IOException">The rename failed; the message names both paths.</exception>
    public static unsafe void MoveTo(string source, string directory, ReadOnlySpan<byte> name)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        byte[] from = PathBytes(source, []);
        byte[] to = PathBytes(directory, name);
        fixed (byte* f = from)
        fixed (byte* t = to)
        {
            if (Libc.rename(f, t) != 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), $"rename {source} to {Shown(directory, name)}");
            }
        }
    }

    /// <summary>Deletes the file <paramref name="name"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">The file cannot be deleted (ENOENT included); the message names it.</exception>
    public static unsafe void Delete(string directory, ReadOnlySpan<byte> name)
    {
        byte[] path = PathBytes(directory, name);
        fixed (byte* p = path)
        {
            if (Libc.unlink(p) != 0)
            {
                throw Errno.ToException(Marshal.GetLastPInvokeError(), $"unlink {Shown(directory, name)}");
            }
        }
    }

    /// <summary>DIRECTORY/NAME as NUL-terminated bytes; with an empty name, just the directory's path.</summary>
    private static byte[] PathBytes(string directory, ReadOnlySpan<byte> name)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        byte[] prefix = Encoding.UTF8.GetBytes(name.IsEmpty ? directory : directory.TrimEnd('/') + "/");
        byte[] path = new byte[prefix.Length + name.Length + 1];
        prefix.CopyTo(path, 0);
        name.CopyTo(path.AsSpan(prefix.Length));
        return path;
    }

    private static string Shown(string directory, ReadOnlySpan<byte> name) => Path.Combine(directory, DirectoryEntries.Escape(name));
}
