using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>mount(2).</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string source, string target, string fileSystemType, nuint flags, string? data);
}
