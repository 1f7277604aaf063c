using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>The watchdog ioctls of linux/watchdog.h and the structure GETSUPPORT fills.</summary>
internal static partial class Libc
{
    // Request numbers in the asm-generic _IOC encoding (IoctlNumbers) with 'W' (0x57) as the type:
    // 0x80285700, 0x80045702, ... as the C headers compile them. Computed rather than written as
    // `const nuint` literals, which came out sign-extended (0xFFFFFFFF80285700) in a 64-bit process.

    /// <summary>_IOR('W', 0, struct watchdog_info): identity, firmware version and option flags.</summary>
    internal static readonly nuint WDIOC_GETSUPPORT = IoctlNumbers.Read('W', 0, 40);

    /// <summary>_IOR('W', 2, int): the WDIOF_* flags describing why the last boot happened.</summary>
    internal static readonly nuint WDIOC_GETBOOTSTATUS = IoctlNumbers.Read('W', 2, sizeof(int));

    /// <summary>_IOR('W', 5, int): a keep-alive ping (needs WDIOF_KEEPALIVEPING).</summary>
    internal static readonly nuint WDIOC_KEEPALIVE = IoctlNumbers.Read('W', 5, sizeof(int));

    /// <summary>_IOWR('W', 6, int): sets the timeout in seconds; the driver writes back what it took.</summary>
    internal static readonly nuint WDIOC_SETTIMEOUT = IoctlNumbers.ReadWrite('W', 6, sizeof(int));

    /// <summary>_IOR('W', 7, int): the timeout in seconds.</summary>
    internal static readonly nuint WDIOC_GETTIMEOUT = IoctlNumbers.Read('W', 7, sizeof(int));

    /// <summary>_IOR('W', 9, int): the pre-timeout in seconds (0 when none).</summary>
    internal static readonly nuint WDIOC_GETPRETIMEOUT = IoctlNumbers.Read('W', 9, sizeof(int));

    /// <summary>_IOR('W', 10, int): seconds left before the watchdog fires (not every driver knows).</summary>
    internal static readonly nuint WDIOC_GETTIMELEFT = IoctlNumbers.Read('W', 10, sizeof(int));
}

/// <summary>struct watchdog_info from linux/watchdog.h (40 bytes on every architecture).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WatchdogInfoBuffer
{
    public uint Options;
    public uint FirmwareVersion;
    public unsafe fixed byte Identity[32];
}
