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
    /// BLKGETSIZE64 from linux/fs.h: _IOR(0x12, 114, size_t), the size of a block device in bytes. The
    /// request number encodes sizeof(size_t), so it differs between 64-bit (0x80081272) and 32-bit
    /// (0x80041272, linux-arm) processes, although the kernel always writes a 64-bit size.
    /// </summary>
    internal static readonly nuint BLKGETSIZE64 = IoctlNumbers.Read(0x12, 114, nint.Size);
}

/// <summary>
/// The asm-generic _IOC encoding of ioctl request numbers, (dir &lt;&lt; 30) | (size &lt;&lt; 16) | (type &lt;&lt; 8) | nr,
/// used by x86, x86-64, arm, arm64 and riscv (powerpc, mips and sparc differ; .NET does not run on them).
/// </summary>
internal static class IoctlNumbers
{
    private const uint DirectionRead = 2;
    private const uint DirectionWrite = 1;

    /// <summary>_IOR(type, nr, size): the kernel writes <paramref name="size"/> bytes to the argument.</summary>
    internal static nuint Read(uint type, uint number, int size) => Encode(DirectionRead, type, number, size);

    /// <summary>_IOWR(type, nr, size): the argument is read and written back.</summary>
    internal static nuint ReadWrite(uint type, uint number, int size) => Encode(DirectionRead | DirectionWrite, type, number, size);

    private static nuint Encode(uint direction, uint type, uint number, int size)
    {
        // _IOC_SIZEBITS is 14: a larger argument cannot be encoded.
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 0x3FFF);
        return (nuint)((direction << 30) | ((uint)size << 16) | ((type & 0xFF) << 8) | (number & 0xFF));
    }
}
