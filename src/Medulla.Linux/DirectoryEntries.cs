using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>One entry of a directory, named by the bytes the kernel stores.</summary>
/// <param name="Name">The name as raw bytes; it need not be UTF-8.</param>
/// <param name="Type">The file's type (symbolic links followed), or null when it was gone by the time it was examined.</param>
/// <param name="Size">The file size in bytes (0 when <paramref name="Type"/> is null).</param>
internal readonly record struct DirectoryEntry(byte[] Name, FileType? Type, long Size);

/// <summary>
/// Directory listings by raw name bytes. .NET decodes file names as UTF-8 and replaces invalid bytes
/// with U+FFFD, so a name that is not UTF-8 comes back as a different name, possibly that of another
/// file; these calls keep the bytes.
/// </summary>
internal static class DirectoryEntries
{
    /// <summary>The entries of <paramref name="directory"/> except "." and "..", in the order the file system returns them.</summary>
    /// <exception cref="IOException">The directory cannot be opened or read, or an entry cannot be examined; the message names it.</exception>
    public static unsafe IReadOnlyList<DirectoryEntry> Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        nint stream = Libc.opendir(directory);
        if (stream == 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"opendir {directory}");
        }
        try
        {
            int fd = Libc.dirfd(stream);
            var entries = new List<DirectoryEntry>();
            while (true)
            {
                nint dirent = Environment.Is64BitProcess ? Libc.readdir(stream) : Libc.readdir64(stream);
                if (dirent == 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != 0)
                    {
                        throw Errno.ToException(errno, $"readdir {directory}");
                    }
                    return entries;
                }
                byte* name = (byte*)dirent + Libc.DirentNameOffset;
                ReadOnlySpan<byte> bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name);
                if (bytes.SequenceEqual("."u8) || bytes.SequenceEqual(".."u8))
                {
                    continue;
                }
                entries.Add(Examine(fd, name, bytes.ToArray(), directory));
            }
        }
        finally
        {
            Libc.closedir(stream);
        }
    }

    private static unsafe DirectoryEntry Examine(int fd, byte* name, byte[] bytes, string directory)
    {
        StatxBuffer buffer;
        if (Libc.statx(fd, name, 0, Libc.STATX_TYPE | Libc.STATX_SIZE, &buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR)
            {
                return new DirectoryEntry(bytes, null, 0);
            }
            throw Errno.ToException(errno, $"statx {Path.Combine(directory, Escape(bytes))}");
        }
        return new DirectoryEntry(bytes, FileTypes.FromMode(buffer.Mode), (long)buffer.Size);
    }

    /// <summary>
    /// <paramref name="name"/> as text: UTF-8 decoded, with each byte that is not part of a valid UTF-8
    /// sequence written as <c>\xHH</c> (as GNU ls and bash's $'...' show them).
    /// </summary>
    public static string Escape(ReadOnlySpan<byte> name)
    {
        var text = new StringBuilder(name.Length);
        while (!name.IsEmpty)
        {
            OperationStatus status = Rune.DecodeFromUtf8(name, out Rune rune, out int consumed);
            if (status == OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                consumed = Math.Max(consumed, 1);
                foreach (byte b in name[..consumed])
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
                }
            }
            name = name[consumed..];
        }
        return text.ToString();
    }
}
