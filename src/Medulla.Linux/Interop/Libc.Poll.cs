using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>poll(2).</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);
}
