using System.Runtime.InteropServices;

namespace Medulla.Linux;

/// <summary>
/// A handle's file descriptor, kept from being closed (and its number reused by another open) while a
/// system call uses it: <c>using var lease = new FdLease(handle);</c> then <see cref="Fd"/>.
/// </summary>
internal ref struct FdLease
{
    private readonly SafeHandle _handle;
    private bool _added;

    /// <exception cref="ObjectDisposedException">The handle is already closed.</exception>
    internal FdLease(SafeHandle handle)
    {
        _handle = handle;
        handle.DangerousAddRef(ref _added);
        Fd = (int)handle.DangerousGetHandle();
    }

    /// <summary>The descriptor, valid until <see cref="Dispose"/>.</summary>
    internal readonly int Fd { get; }

    /// <summary>Releases the reference taken by the constructor.</summary>
    public void Dispose()
    {
        if (_added)
        {
            _added = false;
            _handle.DangerousRelease();
        }
    }
}
