using Medulla.Linux;
using Medulla.Logging;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Pstore;

/// <summary>
/// Writes log records to the pmsg device (<c>/dev/pmsg0</c>), whose contents the kernel keeps in the
/// ramoops region across a warm reboot and shows as <c>pmsg-ramoops-N</c> in pstore on the next boot.
/// </summary>
/// <remarks>
/// <para>
/// Each record is one write(2) call, so each event lands whole in the pmsg ring; the ring is small and
/// the newest bytes win, which is why the pmsg formatter makes every line self-contained. There is no
/// fsync: the device does not support it and the bytes are in the region as soon as write returns.
/// </para>
/// <para>
/// The device is opened without O_CREAT: a missing /dev/pmsg0 must not become a regular file in /dev.
/// A failed write (EIO, ENOSPC, ...) disables the sink: it throws once, which makes the logging core
/// remove the handler and report that once, and it ignores any later batch.
/// </para>
/// <para>
/// The first write waits while <see cref="PmsgWriteGate"/> is held: erasing the previous boot's pmsg
/// record clears the zone this boot writes to, so the archive at start goes first.
/// </para>
/// </remarks>
public sealed class PmsgSink : ILogSink
{
    private readonly SafeFileHandle _handle;
    private bool _disabled;
    private bool _disposed;
    private bool _gatePassed;

    /// <summary>Opens the pmsg device; throws if that is impossible, so adding the handler fails.</summary>
    /// <param name="path">The device (default <see cref="PmsgHandlerOptions.DefaultPath"/>).</param>
    /// <exception cref="PmsgUnavailableException">The path is missing or not a character device.</exception>
    /// <exception cref="IOException">The device cannot be opened (permission, ...); the message names it.</exception>
    public PmsgSink(string path = PmsgHandlerOptions.DefaultPath)
        : this(path, requireCharacterDevice: true)
    {
    }

    /// <summary>Opens <paramref name="path"/>; tests pass a regular file they created to read back what was written.</summary>
    internal PmsgSink(string path, bool requireCharacterDevice)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        DevicePath = path;
        _handle = requireCharacterDevice ? OpenDevice(path) : OpenExisting(path);
    }

    /// <summary>The device path.</summary>
    public string DevicePath { get; }

    /// <summary>Number of write(2) calls so far (for tests and diagnostics).</summary>
    internal long WriteCalls { get; private set; }

    /// <inheritdoc />
    /// <exception cref="IOException">A write failed; the sink is disabled from then on.</exception>
    public void Write(in LogBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_disabled)
        {
            return;
        }
        if (!_gatePassed)
        {
            // Runs on the handler's writer thread: the app's threads only queue records meanwhile.
            _gatePassed = true;
            PmsgWriteGate.WaitOpen(PmsgWriteGate.Limit);
        }
        foreach (LogRecord record in batch.Records)
        {
            if (record.Bytes.IsEmpty)
            {
                continue;
            }
            try
            {
                WriteCalls++;
                DeviceFile.Write(_handle, record.Bytes, DevicePath);
            }
            catch (IOException ex)
            {
                _disabled = true;
                throw new IOException($"pmsg handler disabled after a failed write, later events are not written to {DevicePath}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Nothing to do: pmsg has no buffer to push out and does not support fsync.</summary>
    public void Flush()
    {
    }

    /// <summary>Closes the device.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _handle.Dispose();
    }

    private static SafeFileHandle OpenDevice(string path)
    {
        try
        {
            return DeviceFile.OpenCharacterDevice(path);
        }
        catch (FileNotFoundException ex)
        {
            throw Missing(path, ex);
        }
        catch (LinuxIOException ex) when (ex.Errno == Errno.ENODEV)
        {
            throw new PmsgUnavailableException(
                $"{ex.Message}; pmsg is a device node the kernel creates (remove anything else left at {path})", ex);
        }
    }

    private static SafeFileHandle OpenExisting(string path)
    {
        try
        {
            return DeviceFile.OpenWriteOnly(path);
        }
        catch (FileNotFoundException ex)
        {
            throw Missing(path, ex);
        }
    }

    private static PmsgUnavailableException Missing(string path, Exception inner) => new(
        $"{path} does not exist: the kernel needs CONFIG_PSTORE_PMSG and a ramoops region with pmsg_size " +
        "(e.g. ramoops.pmsg_size=0x20000 on the kernel command line or in the device tree)", inner);
}
