using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Handlers;

public sealed class FileSinkDurabilityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTime _time = new();
    private FileSink? _sink;

    public void Dispose() => _dir.Dispose();

    private SinkRig Rig(FileSinkOptions options) => new(() => _sink = new FileSink(options, _time));

    private FileSinkOptions Options => new() { Path = _dir.File("app.log") };

    [Fact]
    public void A_flush_after_writing_fsyncs_once_and_an_idle_flush_with_nothing_new_does_not()
    {
        // given a sink that syncs on flush
        using var rig = Rig(Options);

        // when a line is written and the handler flushed
        rig.LogLines(0, 1);
        rig.Flush();

        // then the file was fsynced once
        Assert.Equal(1, _sink!.SyncCount);

        // when the handler is flushed again with nothing written
        rig.Flush();

        // then there is no further fsync
        Assert.Equal(1, _sink.SyncCount);
    }

    [Fact]
    public void Under_continuous_writing_the_file_is_fsynced_at_most_once_per_SyncInterval()
    {
        // given a sink that does not sync on flush, with a 5 s interval
        using var rig = Rig(Options with { SyncOnFlush = false, SyncInterval = TimeSpan.FromSeconds(5) });

        // when lines keep coming for 4.9 s
        rig.LogLines(0, 1);
        rig.Flush();
        _time.Advance(TimeSpan.FromSeconds(4.9));
        rig.LogLines(1, 2);
        rig.Flush();

        // then nothing was fsynced yet
        Assert.Equal(0, _sink!.SyncCount);

        // when the interval has passed and the next batch is written
        _time.Advance(TimeSpan.FromSeconds(0.1));
        rig.LogLines(2, 3);
        rig.Flush();

        // then it was fsynced once, and the interval starts again
        Assert.Equal(1, _sink.SyncCount);
        rig.LogLines(3, 4);
        rig.Flush();
        Assert.Equal(1, _sink.SyncCount);
    }

    [Fact]
    public void A_zero_SyncInterval_fsyncs_after_every_batch()
    {
        // given a zero interval and no sync on flush
        using var rig = Rig(Options with { SyncOnFlush = false, SyncInterval = TimeSpan.Zero });

        // when two batches are written
        rig.LogLines(0, 1);
        rig.Flush();
        rig.LogLines(1, 2);
        rig.Flush();

        // then each was fsynced
        Assert.Equal(2, _sink!.SyncCount);
    }

    [Fact]
    public void Disposing_fsyncs_what_is_unsynced_and_closes_the_file()
    {
        // given a sink that never syncs on its own before disposal
        var rig = Rig(Options with { SyncOnFlush = false, SyncInterval = TimeSpan.FromHours(1) });
        rig.LogLines(0, 3);
        rig.Flush();
        Assert.Equal(0, _sink!.SyncCount);

        // when the logging system is disposed
        rig.Dispose();

        // then the sink fsynced once and its file is complete
        Assert.Equal(1, _sink.SyncCount);
        Assert.Equal(SinkRig.Lines(0, 3), File.ReadAllText(_dir.File("app.log")));
        Assert.Throws<ObjectDisposedException>(() => _sink.Write(default));
    }

    [Fact]
    public void Under_continuous_writing_the_file_is_fsynced_in_the_background_after_every_SyncEveryBytes()
    {
        // given a sink that syncs every 10 lines' worth of bytes, and neither on flush nor on the interval
        using var rig = Rig(Options with
        {
            SyncEveryBytes = 10 * SinkRig.LineBytes,
            SyncOnFlush = false,
            SyncInterval = TimeSpan.FromHours(1),
        });

        // when 9 lines are written
        rig.LogLines(0, 9);
        rig.Flush();

        // then nothing was fsynced yet
        Assert.Equal(0, BackgroundSyncs());

        // when the 10th line is written
        rig.LogLines(9, 10);
        rig.Flush();

        // then the file was fsynced once, off the writer's thread, and the count of bytes starts again
        Assert.Equal(1, BackgroundSyncs());
        Assert.Equal(0, _sink!.SyncCount);
        rig.LogLines(10, 19);
        rig.Flush();
        Assert.Equal(1, BackgroundSyncs());
        rig.LogLines(19, 20);
        rig.Flush();
        Assert.Equal(2, BackgroundSyncs());
    }

    [Fact]
    public void Without_SyncEveryBytes_nothing_is_synced_in_the_background()
    {
        using var rig = Rig(Options with { SyncEveryBytes = null, SyncOnFlush = false, SyncInterval = TimeSpan.FromHours(1) });
        rig.LogLines(0, 50);
        rig.Flush();
        Assert.Null(_sink!.BackgroundSync);
        Assert.Equal(0, _sink.SyncCount);
    }

    private long BackgroundSyncs()
    {
        BackgroundFileSync background = _sink!.BackgroundSync!;
        background.WaitIdle();
        return background.SyncCount;
    }
}
