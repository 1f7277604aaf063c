using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>read(2) on a stream descriptor (a pipe, a socket, a terminal).</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint read(int fd, byte* buffer, nuint count);
}
