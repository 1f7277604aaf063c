namespace Medulla.TestSupport;

/// <summary>A loop device over a fresh image file of zeros (a blank partition), in a temporary directory.</summary>
public sealed class BlankPartition : IDisposable
{
    private readonly LoopDevice _loop;

    public BlankPartition(TempDirectory directory, string name, long bytes = 16 << 20)
    {
        string image = directory.File(name + ".img");
        using (FileStream file = File.Create(image))
        {
            file.SetLength(bytes);
        }
        _loop = LoopDevice.Attach(image);
    }

    public string Device => _loop.Path;

    /// <summary>The first bytes of the device (the superblock area), read past the page cache's stale view.</summary>
    public byte[] Head(int count = 4096)
    {
        using var stream = new FileStream(Device, FileMode.Open, FileAccess.Read);
        byte[] bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Overwrites <paramref name="count"/> bytes at <paramref name="offset"/> with 0xA5.</summary>
    public void Scribble(long offset, int count)
    {
        using var stream = new FileStream(Device, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(Enumerable.Repeat((byte)0xA5, count).ToArray());
        stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _loop.Dispose();
}
