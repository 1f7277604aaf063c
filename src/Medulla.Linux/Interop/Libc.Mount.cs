using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>mount(2), umount2(2) and unshare(2) for a private mount namespace.</summary>
internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string source, string target, string fileSystemType, nuint flags, string? data);

    [LibraryImport(Lib, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport(Lib, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount_propagation(string? source, string target, string? fileSystemType, nuint flags, string? data);

    [LibraryImport(Lib, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int unshare(int flags);

    internal const int CLONE_FS = 0x200;
    internal const int CLONE_NEWNS = 0x20000;
    internal const ulong MS_REC = 0x4000;
    internal const ulong MS_PRIVATE = 0x40000;
}
