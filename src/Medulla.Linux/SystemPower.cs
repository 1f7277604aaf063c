using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>What <see cref="SystemPower.Reboot"/> asks the kernel to do.</summary>
internal enum RebootCommand
{
    /// <summary>Restart the machine (LINUX_REBOOT_CMD_RESTART).</summary>
    Restart,

    /// <summary>Switch the machine off (LINUX_REBOOT_CMD_POWER_OFF).</summary>
    PowerOff,

    /// <summary>Stop the machine without switching it off (LINUX_REBOOT_CMD_HALT).</summary>
    Halt,
}

/// <summary>Direct power control: sync(2) and reboot(2), without init's orderly shutdown.</summary>
internal static class SystemPower
{
    /// <summary>Schedules all dirty file data for writing to storage and waits for it (sync(2)).</summary>
    public static void Sync() => Libc.sync();

    /// <summary>
    /// Restarts, powers off or halts at once with reboot(2): no process is asked to stop and nothing is
    /// synced first (call <see cref="Sync"/> before). Needs CAP_SYS_BOOT. On success the call does not
    /// return. In a PID namespace other than the first the machine keeps running and the kernel kills the
    /// namespace's init instead, which then appears to have died of SIGHUP (restart) or SIGINT (power-off,
    /// halt): that is how tests exercise this path.
    /// </summary>
    /// <exception cref="IOException">The kernel refused (EPERM without CAP_SYS_BOOT).</exception>
    public static void Reboot(RebootCommand command)
    {
        int howto = command switch
        {
            RebootCommand.Restart => Libc.LINUX_REBOOT_CMD_RESTART,
            RebootCommand.PowerOff => Libc.LINUX_REBOOT_CMD_POWER_OFF,
            RebootCommand.Halt => Libc.LINUX_REBOOT_CMD_HALT,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown reboot command"),
        };
        if (Libc.reboot(howto) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), $"reboot {command}");
        }
    }
}
