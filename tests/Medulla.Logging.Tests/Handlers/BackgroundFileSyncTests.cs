using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Handlers;

public sealed class BackgroundFileSyncTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_requested_sync_runs_and_is_counted()
    {
        string path = _dir.File("a.log");
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        using var sync = new BackgroundFileSync(handle, path);

        sync.Request();
        sync.WaitIdle();

        Assert.Equal(1, sync.SyncCount);
        sync.ThrowIfFailed();
    }

    [Fact]
    public void A_failed_background_sync_is_handed_to_the_writer_once()
    {
        // given a file that cannot be fsynced (the kernel refuses fsync on /dev/null with EINVAL)
        using var handle = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        using var sync = new BackgroundFileSync(handle, "/dev/null");

        // when a background sync runs
        sync.Request();
        sync.WaitIdle();

        // then the writer gets the error, naming the file, once
        var error = Assert.Throws<IOException>(sync.ThrowIfFailed);
        Assert.Contains("background fsync of /dev/null failed", error.Message);
        sync.ThrowIfFailed();
        Assert.Equal(0, sync.SyncCount);
    }
}
