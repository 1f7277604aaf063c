using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>Mount namespaces: a thread of its own where mounts stay invisible to the rest of the system.</summary>
internal static class MountNamespace
{
    /// <summary>
    /// Moves the calling thread into a new mount namespace (unshare(CLONE_FS | CLONE_NEWNS); a thread may do
    /// this alone, unlike a user namespace) and makes every mount in it private, so what the thread mounts
    /// is seen by no other process and disappears when the thread ends. Needs CAP_SYS_ADMIN. Read the
    /// thread's mounts from /proc/thread-self/mountinfo (<see cref="MountTable"/>), not /proc/self.
    /// </summary>
    /// <exception cref="IOException">unshare or the propagation change failed.</exception>
    public static void EnterPrivateForThisThread()
    {
        if (Libc.unshare(Libc.CLONE_FS | Libc.CLONE_NEWNS) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), "unshare(CLONE_NEWNS)");
        }
        if (Libc.mount_propagation(null, "/", null, (nuint)(Libc.MS_REC | Libc.MS_PRIVATE), null) != 0)
        {
            throw Errno.ToException(Marshal.GetLastPInvokeError(), "mount --make-rprivate /");
        }
    }
}
