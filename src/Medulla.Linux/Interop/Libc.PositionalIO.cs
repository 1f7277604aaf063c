using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>
/// Reads and writes at an offset: pread(2), pwrite(2), and posix_fadvise(2) for the page cache, through
/// their 64-bit entry points (see Libc.Files.cs): a long offset is an off64_t on every architecture.
/// </summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "pread64", SetLastError = true)]
    internal static unsafe partial nint pread64(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Lib, EntryPoint = "pwrite64", SetLastError = true)]
    internal static unsafe partial nint pwrite64(int fd, byte* buffer, nuint count, long offset);

    // posix_fadvise returns the error number instead of setting errno.
    [LibraryImport(Lib, EntryPoint = "posix_fadvise64")]
    internal static partial int posix_fadvise64(int fd, long offset, long length, int advice);

    /// <summary>The range's clean pages may be dropped from the page cache.</summary>
    internal const int POSIX_FADV_DONTNEED = 4;
}
