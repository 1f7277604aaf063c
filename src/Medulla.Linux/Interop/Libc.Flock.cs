using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>Advisory whole-file locks: flock(2).</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    internal static partial int flock(int fd, int operation);

    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;
    internal const int LOCK_UN = 8;
}
