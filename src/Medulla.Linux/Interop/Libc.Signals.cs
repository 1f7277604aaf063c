using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>kill(2).</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    internal static partial int kill(int pid, int signal);
}
