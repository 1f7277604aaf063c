using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>Directory streams, opendir(3)/readdir(3), and statx(2) on a name given as raw bytes.</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint opendir(string path);

    // The generated stub clears errno before the call, so a null result with errno 0 is the end of the stream.
    [LibraryImport(Lib, EntryPoint = "readdir", SetLastError = true)]
    internal static partial nint readdir(nint directory);

    // On 32-bit glibc, readdir returns the old struct dirent with 32-bit inode and offset fields.
    [LibraryImport(Lib, EntryPoint = "readdir64", SetLastError = true)]
    internal static partial nint readdir64(nint directory);

    [LibraryImport(Lib, EntryPoint = "closedir", SetLastError = true)]
    internal static partial int closedir(nint directory);

    [LibraryImport(Lib, EntryPoint = "dirfd", SetLastError = true)]
    internal static partial int dirfd(nint directory);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true)]
    internal static unsafe partial int statx(int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);

    /// <summary>
    /// Where d_name starts in struct dirent64 (and in struct dirent on 64-bit glibc and musl): after
    /// d_ino (8 bytes), d_off (8) and d_reclen (2), d_type (1).
    /// </summary>
    internal const int DirentNameOffset = 19;

    internal const uint STATX_SIZE = 0x200;
}
