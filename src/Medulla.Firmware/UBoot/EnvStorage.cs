using Medulla.Linux;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Firmware;

/// <summary>
/// The device or file holding environment copies, at the seam where tests cut the power: every byte the
/// environment writes goes through <see cref="WriteAt"/>.
/// </summary>
internal interface IEnvStorage : IDisposable
{
    /// <summary>The size of the file or device in bytes.</summary>
    long Length { get; }

    /// <summary>Reads from <paramref name="offset"/>; returns fewer bytes than asked only at the end.</summary>
    int ReadAt(long offset, Span<byte> buffer);

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>.</summary>
    void WriteAt(long offset, ReadOnlySpan<byte> data);

    /// <summary>Makes the range durable and drops it from the page cache so the next read comes from the device.</summary>
    void Flush(long offset, int length);
}

/// <summary>Opens the storage behind a device path.</summary>
internal interface IEnvStorageProvider
{
    IEnvStorage Open(string device, bool writable);
}

/// <summary>A regular file or a block device, through Medulla.Linux.</summary>
internal sealed class DeviceEnvStorage : IEnvStorage
{
    internal static readonly IEnvStorageProvider Provider = new DeviceProvider();

    private readonly SafeFileHandle _handle;
    private readonly string _path;

    private DeviceEnvStorage(SafeFileHandle handle, string path)
    {
        _handle = handle;
        _path = path;
        Length = BlockFile.GetSize(handle, path);
    }

    public long Length { get; }

    public int ReadAt(long offset, Span<byte> buffer) => BlockFile.ReadAt(_handle, offset, buffer, _path);

    public void WriteAt(long offset, ReadOnlySpan<byte> data) => BlockFile.WriteAt(_handle, offset, data, _path);

    public void Flush(long offset, int length)
    {
        BlockFile.Sync(_handle, _path);
        BlockFile.DropCache(_handle, offset, length);
    }

    public void Dispose() => _handle.Dispose();

    private static DeviceEnvStorage Open(string device, bool writable)
    {
        SafeFileHandle handle = BlockFile.Open(device, writable);
        try
        {
            FileType type = FileTypes.OfHandle(handle);
            if (type is not (FileType.Regular or FileType.BlockDevice))
            {
                throw new UBootEnvException(type == FileType.CharacterDevice
                    ? $"{device} is a character device; environments on MTD or UBI devices are not supported, only on block devices and files"
                    : $"{device} is not a regular file or a block device ({type})");
            }
            return new DeviceEnvStorage(handle, device);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private sealed class DeviceProvider : IEnvStorageProvider
    {
        public IEnvStorage Open(string device, bool writable) => DeviceEnvStorage.Open(device, writable);
    }
}
