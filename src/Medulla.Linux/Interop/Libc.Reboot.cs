using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>reboot(2) and sync(2).</summary>
internal static partial class Libc
{
    // glibc's reboot(int howto) passes the two magic numbers itself; howto is the LINUX_REBOOT_CMD_*
    // value (RB_* in sys/reboot.h). Inside a PID namespace other than the first, the kernel does not
    // restart the machine: it kills the namespace's init (exit by SIGHUP for restart, SIGINT for
    // power-off and halt).
    [LibraryImport(Lib, EntryPoint = "reboot", SetLastError = true)]
    internal static partial int reboot(int howto);

    [LibraryImport(Lib, EntryPoint = "sync")]
    internal static partial void sync();

    internal const int LINUX_REBOOT_CMD_RESTART = 0x01234567;
    internal const int LINUX_REBOOT_CMD_HALT = unchecked((int)0xCDEF0123);
    internal const int LINUX_REBOOT_CMD_POWER_OFF = 0x4321FEDC;
}
