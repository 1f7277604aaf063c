using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>ioctl(2) and the request numbers Medulla uses.</summary>
internal static partial class Libc
{
    // ioctl is variadic in C; a pointer argument travels in the same register as a fixed one on the
    // x86-64 and arm64 Linux calling conventions, so a plain import is correct there.
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int ioctl(int fd, nuint request, void* argument);

    /// <summary>
    /// BLKGETSIZE64 from linux/fs.h: _IOR(0x12, 114, size_t), the size of a block device in bytes.
    /// The encoding assumes a 64-bit size_t, which holds on every architecture .NET runs Linux on.
    /// </summary>
    internal const nuint BLKGETSIZE64 = 0x80081272;
}
