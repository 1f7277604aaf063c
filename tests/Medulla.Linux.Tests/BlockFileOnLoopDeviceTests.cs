using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux.Tests;

/// <summary>BlockFile on a real block device: an image file attached to /dev/loopN, detached in Dispose.</summary>
public sealed class BlockFileOnLoopDeviceTests : IDisposable
{
    private const long ImageSize = 4 * 1024 * 1024;

    private readonly TempDirectory _dir = new("medulla-linux-tests");
    private readonly LoopDevice _loop;

    public BlockFileOnLoopDeviceTests()
    {
        string image = _dir.File("disk.img");
        using (FileStream file = File.Create(image))
        {
            file.SetLength(ImageSize);
        }
        try
        {
            _loop = LoopDevice.Attach(image);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _loop.Dispose();
        }
        finally
        {
            _dir.Dispose();
        }
    }

    [Fact]
    public void The_size_of_a_loop_device_comes_from_BLKGETSIZE64()
    {
        using SafeFileHandle handle = BlockFile.Open(_loop.Path, writable: false);

        Assert.Equal(FileType.BlockDevice, FileTypes.OfHandle(handle));
        Assert.Equal(ImageSize, BlockFile.GetSize(handle, _loop.Path));
    }

    [Fact]
    public void Bytes_written_at_an_offset_read_back_from_the_device_and_reach_the_image()
    {
        // given bytes written to the device at an unaligned offset, synced and dropped from the cache
        byte[] data = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7))];
        const long offset = 1_048_576 + 123;
        using (SafeFileHandle handle = BlockFile.Open(_loop.Path, writable: true))
        {
            BlockFile.WriteAt(handle, offset, data, _loop.Path);
            BlockFile.Sync(handle, _loop.Path);
            BlockFile.DropCache(handle, offset, data.Length);

            // then they read back from the device
            var back = new byte[data.Length];
            Assert.Equal(data.Length, BlockFile.ReadAt(handle, offset, back, _loop.Path));
            Assert.Equal(data, back);
        }

        // and the image file behind it holds them
        using SafeFileHandle image = BlockFile.Open(_loop.ImagePath, writable: false);
        var inImage = new byte[data.Length];
        BlockFile.ReadAt(image, offset, inImage, _loop.ImagePath);
        Assert.Equal(data, inImage);
    }

    [Fact]
    public void A_read_that_runs_past_the_end_of_the_device_returns_what_is_there()
    {
        using SafeFileHandle handle = BlockFile.Open(_loop.Path, writable: false);
        var buffer = new byte[4096];

        Assert.Equal(1024, BlockFile.ReadAt(handle, ImageSize - 1024, buffer, _loop.Path));
    }

    [Fact]
    public void A_missing_device_is_an_error_naming_it_and_is_never_created()
    {
        string missing = _dir.File("no-such-device");

        var error = Assert.Throws<FileNotFoundException>(() => BlockFile.Open(missing, writable: true));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }
}
