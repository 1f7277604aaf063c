using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>open(2), rename(2) and unlink(2) on paths given as raw, NUL-terminated bytes.</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true)]
    internal static unsafe partial int open(byte* path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "rename", SetLastError = true)]
    internal static unsafe partial int rename(byte* from, byte* to);

    [LibraryImport(Lib, EntryPoint = "unlink", SetLastError = true)]
    internal static unsafe partial int unlink(byte* path);
}
