using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>File descriptor calls: write(2), fsync(2), ftruncate(2), close(2), fcntl(2); open(2) is in Libc.RawNames.cs.</summary>
/// <remarks>
/// Every call that takes or may meet a file offset is bound to its 64-bit entry point (open64, pread64,
/// pwrite64, ftruncate64, posix_fadvise64). On 64-bit Linux these are the same functions as the plain
/// ones; on 32-bit glibc (linux-arm) the plain ones take a 32-bit off_t, and open without O_LARGEFILE
/// refuses files over 2 GiB (EOVERFLOW), while the *64 ones take a 64-bit offset everywhere. musl keeps
/// the *64 symbols for binary compatibility.
/// </remarks>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int fsync(int fd);

    [LibraryImport(Lib, EntryPoint = "ftruncate64", SetLastError = true)]
    internal static partial int ftruncate64(int fd, long length);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int close(int fd);

    // fcntl(2) is variadic too; F_GETFL and F_SETFL take (or ignore) one int, passed as a fixed argument
    // for the same reason as open's mode (Libc.RawNames.cs).
    [LibraryImport(Lib, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int fcntl(int fd, int command, int argument);

    internal const int F_GETFL = 3;
    internal const int F_SETFL = 4;

    // The asm-generic values, shared by x86, x86-64, arm, arm64 and riscv (the architectures .NET runs on).
    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_CREAT = 0x40;

    /// <summary>Without O_CREAT, on a block device: fail with EBUSY while it is mounted or otherwise claimed.</summary>
    internal const int O_EXCL = 0x80;
    internal const int O_NOCTTY = 0x100;
    internal const int O_APPEND = 0x400;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;

    /// <summary>rw-rw-rw-, narrowed by the process umask like any file the C library creates.</summary>
    internal const uint DefaultCreateMode = 0x1B6; // 0666
}
