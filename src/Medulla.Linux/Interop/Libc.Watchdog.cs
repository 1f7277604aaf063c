using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>The watchdog ioctls of linux/watchdog.h and the structure GETSUPPORT fills.</summary>
internal static partial class Libc
{
    // Request numbers are the asm-generic _IOC encoding, (dir << 30) | (size << 16) | (type << 8) | nr,
    // with 'W' (0x57) as the type; x86, x86-64, arm, arm64 and riscv use it (powerpc, mips and sparc
    // do not, and .NET does not run on them). Checked against the compiled values of the C headers.

    /// <summary>_IOR('W', 0, struct watchdog_info): identity, firmware version and option flags.</summary>
    internal const nuint WDIOC_GETSUPPORT = 0x80285700;

    /// <summary>_IOR('W', 2, int): the WDIOF_* flags describing why the last boot happened.</summary>
    internal const nuint WDIOC_GETBOOTSTATUS = 0x80045702;

    /// <summary>_IOR('W', 5, int): a keep-alive ping (needs WDIOF_KEEPALIVEPING).</summary>
    internal const nuint WDIOC_KEEPALIVE = 0x80045705;

    /// <summary>_IOWR('W', 6, int): sets the timeout in seconds; the driver writes back what it took.</summary>
    internal const nuint WDIOC_SETTIMEOUT = 0xC0045706;

    /// <summary>_IOR('W', 7, int): the timeout in seconds.</summary>
    internal const nuint WDIOC_GETTIMEOUT = 0x80045707;

    /// <summary>_IOR('W', 9, int): the pre-timeout in seconds (0 when none).</summary>
    internal const nuint WDIOC_GETPRETIMEOUT = 0x80045709;

    /// <summary>_IOR('W', 10, int): seconds left before the watchdog fires (not every driver knows).</summary>
    internal const nuint WDIOC_GETTIMELEFT = 0x8004570A;
}

/// <summary>struct watchdog_info from linux/watchdog.h (40 bytes on every architecture).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WatchdogInfoBuffer
{
    public uint Options;
    public uint FirmwareVersion;
    public unsafe fixed byte Identity[32];
}
