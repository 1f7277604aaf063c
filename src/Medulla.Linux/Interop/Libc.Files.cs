using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>File descriptor calls: open(2), write(2), fsync(2), ftruncate(2), fcntl(2).</summary>
internal static partial class Libc
{
    // open(2) is variadic in C (the mode argument); passing it as a fixed argument is what the
    // x86-64 and arm64 Linux calling conventions expect for an integer, so a plain import is correct there.
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int fsync(int fd);

    [LibraryImport(Lib, EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int close(int fd);

    // fcntl(2) is variadic too; F_GETFL and F_SETFL take (or ignore) one int, passed as a fixed argument
    // for the same reason as open's mode.
    [LibraryImport(Lib, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int fcntl(int fd, int command, int argument);

    internal const int F_GETFL = 3;
    internal const int F_SETFL = 4;

    // The asm-generic values, shared by x86, x86-64, arm, arm64 and riscv (the architectures .NET runs on).
    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_CREAT = 0x40;
    internal const int O_NOCTTY = 0x100;
    internal const int O_APPEND = 0x400;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;

    /// <summary>rw-rw-rw-, narrowed by the process umask like any file the C library creates.</summary>
    internal const uint DefaultCreateMode = 0x1B6; // 0666
}
