using System.Runtime.InteropServices;
using System.Text;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>
/// The WDIOF_* bits of linux/watchdog.h: the options a driver supports (WDIOC_GETSUPPORT), and, with the
/// same values, the causes of the last boot (WDIOC_GETBOOTSTATUS).
/// </summary>
[Flags]
public enum WatchdogOptions : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>Reset due to CPU overheat (WDIOF_OVERHEAT).</summary>
    Overheat = 0x0001,

    /// <summary>Fan failed (WDIOF_FANFAULT).</summary>
    FanFault = 0x0002,

    /// <summary>External relay 1 (WDIOF_EXTERN1).</summary>
    External1 = 0x0004,

    /// <summary>External relay 2 (WDIOF_EXTERN2).</summary>
    External2 = 0x0008,

    /// <summary>Power bad or power fault (WDIOF_POWERUNDER).</summary>
    PowerUnder = 0x0010,

    /// <summary>The card previously reset the CPU: the last boot was a watchdog reset (WDIOF_CARDRESET).</summary>
    CardReset = 0x0020,

    /// <summary>Power over voltage (WDIOF_POWEROVER).</summary>
    PowerOver = 0x0040,

    /// <summary>The timeout can be set (WDIOF_SETTIMEOUT).</summary>
    SetTimeout = 0x0080,

    /// <summary>Writing 'V' before closing stops the watchdog (WDIOF_MAGICCLOSE).</summary>
    MagicClose = 0x0100,

    /// <summary>A pre-timeout can be set (WDIOF_PRETIMEOUT).</summary>
    PreTimeout = 0x0200,

    /// <summary>The watchdog only raises an alarm, it does not reboot (WDIOF_ALARMONLY).</summary>
    AlarmOnly = 0x0400,

    /// <summary>WDIOC_KEEPALIVE is supported (WDIOF_KEEPALIVEPING).</summary>
    KeepAlivePing = 0x8000,
}

/// <summary>What WDIOC_GETSUPPORT reports about a watchdog.</summary>
/// <param name="Options">The options the driver supports.</param>
/// <param name="FirmwareVersion">The hardware's firmware revision (0 when the driver does not know).</param>
/// <param name="Identity">The driver's name for the watchdog, e.g. "i6300ESB timer".</param>
internal readonly record struct WatchdogSupport(WatchdogOptions Options, uint FirmwareVersion, string Identity);

/// <summary>
/// A Linux watchdog device (/dev/watchdogN): open, ping and the query ioctls of linux/watchdog.h.
/// </summary>
/// <remarks>
/// Opening an active watchdog's device starts it on most drivers, and closing it stops it only after
/// the magic character 'V' was written (drivers with WDIOF_MAGICCLOSE) or, on drivers without magic
/// close, stops it at once unless the kernel has CONFIG_WATCHDOG_NOWAYOUT. Nothing here writes 'V'.
/// </remarks>
internal static class WatchdogControl
{
    /// <summary>
    /// Opens the device write-only (O_CLOEXEC | O_NONBLOCK | O_NOCTTY, never O_CREAT). O_NONBLOCK changes
    /// nothing for a watchdog driver, but makes a named pipe standing in for one in tests fail with ENXIO
    /// instead of blocking while nobody reads it.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The device cannot be opened (EBUSY: another process has it open).</exception>
    public static SafeFileHandle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Syscalls.Open(path, Libc.O_WRONLY | Libc.O_CLOEXEC | Libc.O_NONBLOCK | Libc.O_NOCTTY);
    }

    /// <summary>Pets the watchdog by writing one zero byte (any byte but 'V' pets without arming magic close).</summary>
    /// <exception cref="IOException">The write failed; the message names the path.</exception>
    public static void Write(SafeFileHandle handle, string path) => Syscalls.WriteAll(handle, [0], path);

    /// <summary>
    /// Writes the magic close character 'V': when the device is closed next, a driver without nowayout
    /// stops the watchdog (Documentation/watchdog/watchdog-api.rst).
    /// </summary>
    /// <exception cref="IOException">The write failed; the message names the path.</exception>
    public static void WriteMagicClose(SafeFileHandle handle, string path) => Syscalls.WriteAll(handle, "V"u8, path);

    /// <summary>Pets the watchdog with WDIOC_KEEPALIVE (the driver must report <see cref="WatchdogOptions.KeepAlivePing"/>).</summary>
    /// <exception cref="IOException">The ioctl failed; the message names the path.</exception>
    public static void KeepAlive(SafeFileHandle handle, string path) => IntIoctl(handle, Libc.WDIOC_KEEPALIVE, "WDIOC_KEEPALIVE", path, 0);

    /// <summary>WDIOC_GETSUPPORT: identity, firmware version and options.</summary>
    /// <exception cref="IOException">The ioctl failed (ENOTTY: not a watchdog).</exception>
    public static unsafe WatchdogSupport GetSupport(SafeFileHandle handle, string path)
    {
        WatchdogInfoBuffer info;
        Ioctl(handle, Libc.WDIOC_GETSUPPORT, &info, "WDIOC_GETSUPPORT", path);
        var identity = new ReadOnlySpan<byte>(info.Identity, 32);
        int end = identity.IndexOf((byte)0);
        string name = Encoding.UTF8.GetString(end < 0 ? identity : identity[..end]);
        return new WatchdogSupport((WatchdogOptions)info.Options, info.FirmwareVersion, name);
    }

    /// <summary>WDIOC_GETBOOTSTATUS: why the last boot happened (<see cref="WatchdogOptions.CardReset"/> for a watchdog reset).</summary>
    /// <exception cref="IOException">The ioctl failed.</exception>
    public static WatchdogOptions GetBootStatus(SafeFileHandle handle, string path) =>
        (WatchdogOptions)(uint)IntIoctl(handle, Libc.WDIOC_GETBOOTSTATUS, "WDIOC_GETBOOTSTATUS", path, 0);

    /// <summary>WDIOC_SETTIMEOUT; returns the timeout the driver actually took (it may round).</summary>
    /// <exception cref="IOException">The ioctl failed (EINVAL: out of the driver's range).</exception>
    public static int SetTimeout(SafeFileHandle handle, int seconds, string path) =>
        IntIoctl(handle, Libc.WDIOC_SETTIMEOUT, "WDIOC_SETTIMEOUT", path, seconds);

    /// <summary>WDIOC_GETTIMEOUT: the timeout in seconds.</summary>
    /// <exception cref="IOException">The ioctl failed.</exception>
    public static int GetTimeout(SafeFileHandle handle, string path) =>
        IntIoctl(handle, Libc.WDIOC_GETTIMEOUT, "WDIOC_GETTIMEOUT", path, 0);

    /// <summary>WDIOC_GETTIMELEFT: seconds before the watchdog fires.</summary>
    /// <exception cref="IOException">The ioctl failed (EOPNOTSUPP: the driver cannot tell).</exception>
    public static int GetTimeLeft(SafeFileHandle handle, string path) =>
        IntIoctl(handle, Libc.WDIOC_GETTIMELEFT, "WDIOC_GETTIMELEFT", path, 0);

    /// <summary>WDIOC_GETPRETIMEOUT: the pre-timeout in seconds (0 when none).</summary>
    /// <exception cref="IOException">The ioctl failed.</exception>
    public static int GetPreTimeout(SafeFileHandle handle, string path) =>
        IntIoctl(handle, Libc.WDIOC_GETPRETIMEOUT, "WDIOC_GETPRETIMEOUT", path, 0);

    private static unsafe int IntIoctl(SafeFileHandle handle, nuint request, string name, string path, int input)
    {
        int value = input;
        Ioctl(handle, request, &value, name, path);
        return value;
    }

    private static unsafe void Ioctl(SafeFileHandle handle, nuint request, void* argument, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        if (Libc.ioctl(lease.Fd, request, argument) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"ioctl {name} {path}");
        }
    }
}
