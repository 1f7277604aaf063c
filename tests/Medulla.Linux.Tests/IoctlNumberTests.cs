using Medulla.Linux.Interop;

namespace Medulla.Linux.Tests;

public sealed class IoctlNumberTests
{
    /// <summary>linux/ioctl.h (asm-generic): _IOC(dir, type, nr, size) with _IOC_READ = 2.</summary>
    private static ulong KernelIor(uint type, uint nr, uint size) => (2u << 30) | (size << 16) | (type << 8) | nr;

    [Theory]
    [InlineData(8, 0x80081272u)] // 64-bit size_t: x86-64, arm64
    [InlineData(4, 0x80041272u)] // 32-bit size_t: linux-arm
    public void BLKGETSIZE64_encodes_the_size_of_size_t(int sizeOfSizeT, uint expected)
    {
        Assert.Equal(expected, KernelIor(0x12, 114, (uint)sizeOfSizeT));
        Assert.Equal((nuint)expected, IoctlNumbers.Read(0x12, 114, sizeOfSizeT));
    }

    [Fact]
    public void The_bound_BLKGETSIZE64_is_the_one_for_this_process_pointer_size()
    {
        Assert.Equal((nuint)KernelIor(0x12, 114, (uint)IntPtr.Size), Libc.BLKGETSIZE64);
    }

    [Fact]
    public void The_watchdog_request_numbers_follow_the_same_formula()
    {
        const uint W = 'W';
        Assert.Equal(Libc.WDIOC_GETSUPPORT, (nuint)KernelIor(W, 0, 40));
        Assert.Equal(Libc.WDIOC_GETBOOTSTATUS, (nuint)KernelIor(W, 2, 4));
        Assert.Equal(Libc.WDIOC_SETTIMEOUT, IoctlNumbers.ReadWrite(W, 6, 4));
        Assert.Equal(Libc.WDIOC_GETTIMELEFT, (nuint)KernelIor(W, 10, 4));
    }
}
