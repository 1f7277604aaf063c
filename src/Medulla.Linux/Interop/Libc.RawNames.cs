using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>open(2) (through open64: see Libc.Files.cs), rename(2) and unlink(2) on paths given as raw, NUL-terminated bytes.</summary>
internal static partial class Libc
{
    // open(2) is variadic in C (the mode argument); passing it as a fixed argument is what the
    // x86-64 and arm64 Linux calling conventions expect for an integer, so a plain import is correct there.
    // Paths are passed as bytes: callers encode strings as UTF-8, and raw names stay as the kernel stores them.
    [LibraryImport(Lib, EntryPoint = "open64", SetLastError = true)]
    internal static unsafe partial int open64(byte* path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "rename", SetLastError = true)]
    internal static unsafe partial int rename(byte* from, byte* to);

    [LibraryImport(Lib, EntryPoint = "unlink", SetLastError = true)]
    internal static unsafe partial int unlink(byte* path);
}
