using System.Runtime.ExceptionServices;
using Medulla.Linux;

namespace Medulla.Runtime.Tests.Support;

/// <summary>
/// Runs test code on a thread of its own in a new, private mount namespace: what it mounts is seen by no
/// other process and is gone when the thread ends, so a failing test cannot leave a mount on the host.
/// </summary>
internal static class PrivateMounts
{
    public static void Run(Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                MountNamespace.EnterPrivateForThisThread();
                action();
            }
#pragma warning disable CA1031 // rethrown on the test's thread
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }) { Name = "private mount namespace" };
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}

/// <summary>A loop device over a fresh image file of zeros (a blank partition), in a temporary directory.</summary>
internal sealed class BlankPartition : IDisposable
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
