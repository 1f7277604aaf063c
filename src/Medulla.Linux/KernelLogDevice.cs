using System.Runtime.InteropServices;
using Medulla.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux;

/// <summary>What one <see cref="KernelLogDevice.Read"/> got.</summary>
internal enum KernelLogReadResult
{
    /// <summary>One record was read.</summary>
    Record,

    /// <summary>No record is waiting (EAGAIN): the reader is at the end of the ring.</summary>
    End,

    /// <summary>Records were overwritten before they were read (EPIPE); the next read continues with the oldest kept one.</summary>
    Overwritten,
}

/// <summary>The kernel log as a source of records: the seam where tests put a scripted device.</summary>
internal interface IKernelLogSource : IDisposable
{
    /// <summary>Reads one record into <paramref name="buffer"/>.</summary>
    KernelLogReadResult Read(Span<byte> buffer, out int length);

    /// <summary>Waits until a record is ready or <paramref name="timeoutMilliseconds"/> passed.</summary>
    bool WaitReadable(int timeoutMilliseconds);
}

/// <summary>
/// /dev/kmsg opened for reading, non-blocking: each read(2) returns exactly one record (the kernel refuses
/// a buffer too small for it with EINVAL), EAGAIN at the end of the ring, and EPIPE once when the ring
/// wrapped past the reader's position.
/// </summary>
internal sealed class KernelLogDevice : IKernelLogSource
{
    private readonly SafeFileHandle _handle;

    private KernelLogDevice(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The device path.</summary>
    public string Path { get; }

    /// <summary>Opens the device at the oldest record in the ring, or after the newest (SEEK_END) with <paramref name="atEnd"/>.</summary>
    /// <exception cref="IOException">The open or seek failed; the message names the path.</exception>
    public static KernelLogDevice Open(string path, bool atEnd)
    {
        SafeFileHandle handle = Syscalls.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (atEnd)
        {
            using var lease = new FdLease(handle);
            if (Libc.lseek64(lease.Fd, 0, Libc.SEEK_END) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                handle.Dispose();
                throw Errno.ToException(errno, $"seek to the end of {path}");
            }
        }
        return new KernelLogDevice(handle, path);
    }

    /// <summary>Reads one record into <paramref name="buffer"/>.</summary>
    /// <exception cref="IOException">The read failed otherwise; the message names the path.</exception>
    public KernelLogReadResult Read(Span<byte> buffer, out int length)
    {
        nint n = Syscalls.ReadOnce(_handle, buffer, out int errno);
        length = 0;
        if (n >= 0)
        {
            length = (int)n;
            return n == 0 ? KernelLogReadResult.End : KernelLogReadResult.Record;
        }
        return errno switch
        {
            Errno.EAGAIN => KernelLogReadResult.End,
            Errno.EPIPE => KernelLogReadResult.Overwritten,
            _ => throw Errno.ToException(errno, $"read {Path}"),
        };
    }

    /// <summary>Waits until a record is ready or <paramref name="timeoutMilliseconds"/> passed.</summary>
    public bool WaitReadable(int timeoutMilliseconds)
    {
        using var lease = new FdLease(_handle);
        Span<PollDescriptor> set = [new PollDescriptor(lease.Fd, PollEvents.Readable)];
        return Poll.Wait(set, timeoutMilliseconds) > 0;
    }

    /// <summary>Closes the device.</summary>
    public void Dispose() => _handle.Dispose();
}
