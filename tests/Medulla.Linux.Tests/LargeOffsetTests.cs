using Microsoft.Win32.SafeHandles;

namespace Medulla.Linux.Tests;

/// <summary>
/// Offsets beyond 2 GiB and 4 GiB (what a 32-bit off_t cannot hold) on a sparse image, as a file and as a
/// loop device: the pread64/pwrite64 bindings at work.
/// </summary>
public sealed class LargeOffsetTests : IDisposable
{
    private const long ImageSize = 5L * 1024 * 1024 * 1024;

    private readonly TempDirectory _dir = new("medulla-linux-tests");
    private readonly string _image;

    public LargeOffsetTests()
    {
        _image = _dir.File("sparse.img");
        using FileStream file = File.Create(_image);
        file.SetLength(ImageSize); // sparse: no blocks are allocated until written
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(2L * 1024 * 1024 * 1024 + 17)] // past 2 GiB: negative as a signed 32-bit offset
    [InlineData(4L * 1024 * 1024 * 1024 + 4096)] // past 4 GiB: does not fit 32 bits at all
    public void Writes_and_reads_at_large_offsets_of_an_image_file(long offset)
    {
        using SafeFileHandle handle = BlockFile.Open(_image, writable: true);
        WriteAndReadBack(handle, offset, _image);
        Assert.Equal(ImageSize, BlockFile.GetSize(handle, _image));
    }

    [Fact]
    public void Writes_and_reads_past_4_GiB_of_a_loop_device_and_the_image_sees_them()
    {
        const long offset = 4L * 1024 * 1024 * 1024 + 512;
        using (LoopDevice loop = LoopDevice.Attach(_image))
        {
            using SafeFileHandle handle = BlockFile.Open(loop.Path, writable: true);
            Assert.Equal(ImageSize, BlockFile.GetSize(handle, loop.Path));
            WriteAndReadBack(handle, offset, loop.Path);
        }
        using SafeFileHandle image = BlockFile.Open(_image, writable: false);
        var back = new byte[Pattern.Length];
        Assert.Equal(Pattern.Length, BlockFile.ReadAt(image, offset, back, _image));
        Assert.Equal(Pattern, back);
    }

    private static readonly byte[] Pattern = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 251))];

    private static void WriteAndReadBack(SafeFileHandle handle, long offset, string path)
    {
        BlockFile.WriteAt(handle, offset, Pattern, path);
        BlockFile.Sync(handle, path);
        BlockFile.DropCache(handle, offset, Pattern.Length);
        var back = new byte[Pattern.Length];
        Assert.Equal(Pattern.Length, BlockFile.ReadAt(handle, offset, back, path));
        Assert.Equal(Pattern, back);

        // the bytes just before the write are still zero: the offset was not truncated to a lower one
        var before = new byte[16];
        BlockFile.ReadAt(handle, offset - before.Length, before, path);
        Assert.All(before, b => Assert.Equal(0, b));
    }
}
