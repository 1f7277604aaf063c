using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>Reads and writes at an offset: pread(2), pwrite(2), and posix_fadvise(2) for the page cache.</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "pread", SetLastError = true)]
    internal static unsafe partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Lib, EntryPoint = "pwrite", SetLastError = true)]
    internal static unsafe partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    // posix_fadvise returns the error number instead of setting errno.
    [LibraryImport(Lib, EntryPoint = "posix_fadvise")]
    internal static partial int posix_fadvise(int fd, long offset, long length, int advice);

    /// <summary>The range's clean pages may be dropped from the page cache.</summary>
    internal const int POSIX_FADV_DONTNEED = 4;
}
