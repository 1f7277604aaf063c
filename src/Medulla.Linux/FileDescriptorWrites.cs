using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>The write(2) loop shared by appended files and device files.</summary>
internal static class FileDescriptorWrites
{
    /// <summary>
    /// Writes all of <paramref name="bytes"/>, repeating write(2) after a partial write or EINTR; the first
    /// call carries the whole span, so a device that takes each write as one record gets one record.
    /// </summary>
    internal static unsafe void WriteAll(SafeFileHandle handle, ReadOnlySpan<byte> bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var lease = new FdLease(handle);
        int fd = lease.Fd;
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                nint n = Libc.write(fd, start + done, (nuint)(bytes.Length - done));
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }
                // Neither a file nor a device accepts zero bytes of a non-empty write; do not spin on it.
                int errno = n == 0 ? Errno.EIO : Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw Errno.ToException(errno, $"write {path}");
                }
            }
        }
    }
}
