using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Core;

/// <summary>
/// Each overload mode entered and left, with the exact counts reported. A gated sink makes the writer
/// hold its first batch, so the test knows exactly how many events are queued.
/// </summary>
public class OverloadTests
{
    private sealed class Rig : IDisposable
    {
        public Rig(OverloadOptions overload, TimeProvider? time = null, Func<ILogSink>? sink = null)
        {
            System = new LogSystem(time: time, stderr: TextWriter.Null);
            System.AddHandler(new HandlerConfig
            {
                Id = "reports",
                Sink = () => Reports,
                Formatter = new TestFormatter(),
                Filters = [LogFilters.Category("self", FilterAction.Log, LogSystem.SelfCategory)],
                FilterDefault = FilterDefault.Stop,
            });
            System.AddHandler(new HandlerConfig
            {
                Id = "slow",
                Sink = sink ?? (() => Slow),
                Formatter = new TestFormatter(),
                Overload = overload,
                Filters = [LogFilters.Category("not-self", FilterAction.Stop, LogSystem.SelfCategory)],
            });
            Log = System.GetLogger("App");
        }

        public LogSystem System { get; }
        public MemorySink Reports { get; } = new();
        public GatedSink Slow { get; } = new();
        public CategoryLogger Log { get; }
        public HandlerStatus Status => System.GetHandlerStatus("slow")!.Value;

        public IEnumerable<string> ReportTexts => Reports.Records.Select(r => r["notice|Medulla.Logging|".Length..]);

        /// <summary>Logs e1 and waits until the writer holds it, so the queue is empty and the writer busy.</summary>
        public async Task HoldWriter()
        {
            Log.Log(Level.Info, "e1");
            await Slow.WaitUntilWriting();
        }

        public void Dispose()
        {
            Slow.OpenForever();
            System.Dispose();
        }
    }

    [Fact]
    public async Task Sync_mode_makes_the_caller_wait_until_the_queue_falls_below_the_threshold()
    {
        using var rig = new Rig(new OverloadOptions { SyncModeQueueLength = 3, DropModeQueueLength = 100, FlushQueueLength = 1000 });
        await rig.HoldWriter();
        rig.Log.Log(Level.Info, "e2");
        rig.Log.Log(Level.Info, "e3");
        rig.Log.Log(Level.Info, "e4");
        Assert.Equal(OverloadMode.Async, rig.Status.Mode);

        Task blocked = Task.Factory.StartNew(() => rig.Log.Log(Level.Info, "e5"), TaskCreationOptions.LongRunning);
        await rig.Reports.WaitForCount(1);

        // The writer is still held by the gate, so nothing can have released the caller.
        Assert.False(blocked.IsCompleted);
        Assert.Equal(OverloadMode.Sync, rig.Status.Mode);
        Assert.Equal(4, rig.Status.QueueLength);

        rig.Slow.Open(1);
        await blocked.WaitAsync(TimeSpan.FromSeconds(30));
        rig.Log.Log(Level.Info, "e6");
        rig.Slow.OpenForever();
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(
            ["handler 'slow': async mode -> sync mode at queue length 3", "handler 'slow': sync mode -> async mode at queue length 0"],
            rig.ReportTexts);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"info|App|e{i}"), rig.Slow.Records);
        Assert.Equal(0, rig.Status.Dropped);
    }

    [Fact]
    public async Task Drop_mode_drops_new_events_and_reports_the_exact_count_when_it_ends()
    {
        using var rig = new Rig(new OverloadOptions { SyncModeQueueLength = 3, DropModeQueueLength = 3, FlushQueueLength = 1000 });
        await rig.HoldWriter();
        for (int i = 2; i <= 9; i++)
        {
            rig.Log.Log(Level.Info, $"e{i}");
        }
        Assert.Equal(OverloadMode.Drop, rig.Status.Mode);
        Assert.Equal(5, rig.Status.Dropped);

        rig.Slow.OpenForever();
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));
        rig.Log.Log(Level.Info, "e10");
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(
            ["handler 'slow': async mode -> drop mode at queue length 3",
             "handler 'slow': drop mode -> async mode at queue length 0; 5 events were dropped in drop mode"],
            rig.ReportTexts);
        Assert.Equal(["info|App|e1", "info|App|e2", "info|App|e3", "info|App|e4", "info|App|e10"], rig.Slow.Records);
    }

    [Fact]
    public async Task Reaching_the_flush_threshold_discards_the_queue_and_reports_how_many()
    {
        using var rig = new Rig(new OverloadOptions { SyncModeQueueLength = 3, DropModeQueueLength = 3, FlushQueueLength = 3 });
        await rig.HoldWriter();
        for (int i = 2; i <= 5; i++)
        {
            rig.Log.Log(Level.Info, $"e{i}");
        }
        rig.Slow.OpenForever();
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(["handler 'slow': flushed 3 queued events (queue length reached 3)"], rig.ReportTexts);
        Assert.Equal(["info|App|e1", "info|App|e5"], rig.Slow.Records);
        Assert.Equal(3, rig.Status.Flushed);
    }

    [Fact]
    public async Task The_burst_limit_passes_at_most_max_count_events_per_window_and_reports_the_rest()
    {
        var time = new ManualTime();
        var sink = new MemorySink();
        using var rig = new Rig(new OverloadOptions { BurstLimitEnabled = true, BurstLimitMaxCount = 3, BurstLimitWindow = TimeSpan.FromSeconds(1) }, time, () => sink);
        for (int i = 1; i <= 5; i++)
        {
            rig.Log.Log(Level.Info, $"e{i}");
        }
        time.Advance(TimeSpan.FromMilliseconds(999));
        rig.Log.Log(Level.Info, "e6");
        time.Advance(TimeSpan.FromMilliseconds(1));
        rig.Log.Log(Level.Info, "e7");
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(["info|App|e1", "info|App|e2", "info|App|e3", "info|App|e7"], sink.Records);
        Assert.Equal(["handler 'slow': burst limit dropped 3 events (limit 3 per 1000 ms)"], rig.ReportTexts);
        Assert.Equal(3, rig.Status.Dropped);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Overload_kill_discards_the_queue_and_the_handler_restarts_after_the_delay()
    {
        var time = new ManualTime();
        var gated = new GatedSink();
        var fresh = new MemorySink();
        int created = 0;
        using var rig = new Rig(
            new OverloadOptions { OverloadKillEnabled = true, OverloadKillQueueLength = 3, OverloadKillRestartAfter = TimeSpan.FromSeconds(5) },
            time,
            () => ++created == 1 ? gated : fresh);
        rig.Log.Log(Level.Info, "e1");
        await gated.WaitUntilWriting();
        rig.Log.Log(Level.Info, "e2");
        rig.Log.Log(Level.Info, "e3");
        rig.Log.Log(Level.Info, "e4");
        Assert.True(rig.Status.Killed);
        rig.Log.Log(Level.Info, "e5");

        time.Advance(TimeSpan.FromSeconds(5));
        rig.Log.Log(Level.Info, "e6");
        gated.OpenForever();
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(
            [$"handler 'slow': overload kill with 3 queued events ({3 * "info|App|e2".Length} bytes) discarded; restart in 5000 ms",
             "handler 'slow': restarted after overload kill; 1 events were dropped while it was down"],
            rig.ReportTexts);
        Assert.Equal(["info|App|e6"], fresh.Records);
        Assert.Equal(4, rig.Status.Dropped);
        Assert.False(rig.Status.Killed);
    }

    [Fact]
    public async Task Mode_changes_beyond_two_per_interval_are_summed_into_one_report_at_the_end_of_the_interval()
    {
        var time = new ManualTime();
        using var rig = new Rig(new OverloadOptions { SyncModeQueueLength = 2, DropModeQueueLength = 2, FlushQueueLength = 1000 }, time);
        await rig.HoldWriter();
        rig.Log.Log(Level.Info, "e2");
        rig.Log.Log(Level.Info, "e3");
        rig.Log.Log(Level.Info, "e4"); // async -> drop, reported at once
        await rig.Reports.WaitForCount(1);
        rig.Slow.Open(1);
        await rig.Slow.WaitUntilWriting(); // the writer holds e2, e3
        rig.Log.Log(Level.Info, "e5"); // drop -> async, reported at once
        rig.Log.Log(Level.Info, "e6");
        rig.Log.Log(Level.Info, "e7"); // async -> drop, held back
        rig.Log.Log(Level.Info, "e8");
        rig.Slow.Open(1);
        await rig.Slow.WaitUntilWriting(); // the writer holds e5, e6
        rig.Log.Log(Level.Info, "e9"); // drop -> async, held back
        rig.Log.Log(Level.Info, "e10");
        rig.Log.Log(Level.Info, "e11"); // async -> drop, held back
        await rig.Reports.WaitForCount(2);

        time.Advance(TimeSpan.FromSeconds(5));
        await rig.Reports.WaitForCount(3);
        rig.Slow.OpenForever();
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));
        // A whole quiet interval later, changes are reported at once again.
        time.Advance(TimeSpan.FromSeconds(10));
        rig.Log.Log(Level.Info, "e12");
        Assert.True(rig.System.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(
            ["handler 'slow': async mode -> drop mode at queue length 2",
             "handler 'slow': drop mode -> async mode at queue length 0; 1 events were dropped in drop mode",
             "handler 'slow': 3 more mode changes in 5000 ms (0 to sync, 2 to drop, 1 to async); 2 events were dropped in drop mode; now drop mode at queue length 2",
             "handler 'slow': drop mode -> async mode at queue length 0; 1 events were dropped in drop mode"],
            rig.ReportTexts);
        Assert.Equal(["e1", "e2", "e3", "e5", "e6", "e9", "e10", "e12"], rig.Slow.Records.Select(r => r["info|App|".Length..]));
    }

    /// <summary>A <see cref="ManualTime"/> that runs a hook when a timer is created and records which timers were disposed.</summary>
    private sealed class HookedTime(ManualTime inner) : TimeProvider
    {
        public List<TrackedTimer> Timers { get; } = [];

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
        public override long GetTimestamp() => inner.GetTimestamp();
        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Exchange(ref _hook, null)?.Invoke();
            var timer = new TrackedTimer(inner.CreateTimer(callback, state, dueTime, period));
            lock (Timers)
            {
                Timers.Add(timer);
            }
            return timer;
        }

        private Action? _hook;

        public void ArmHook(Action hook) => _hook = hook;

        public sealed class TrackedTimer(ITimer inner) : ITimer
        {
            public bool Disposed { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                ObjectDisposedException.ThrowIf(Disposed, this); // as System.Threading.Timer does
                return inner.Change(dueTime, period);
            }

            public void Dispose()
            {
                Disposed = true;
                inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    [Fact]
    public async Task A_handler_removed_while_its_mode_summary_timer_is_being_created_disposes_that_timer()
    {
        var time = new HookedTime(new ManualTime());
        using var rig = new Rig(new OverloadOptions { SyncModeQueueLength = 2, DropModeQueueLength = 2, FlushQueueLength = 1000 }, time);
        await rig.HoldWriter();
        rig.Log.Log(Level.Info, "e2");
        rig.Log.Log(Level.Info, "e3");
        rig.Log.Log(Level.Info, "e4"); // async -> drop, reported at once
        rig.Slow.Open(1);
        await rig.Slow.WaitUntilWriting();
        rig.Log.Log(Level.Info, "e5"); // drop -> async, reported at once
        rig.Log.Log(Level.Info, "e6");
        Task? removal = null;
        // The removal runs while the producer of e7 creates the summary timer. The old code lets it finish
        // there; with the fix it waits for the timer lock, so the bounded wait here just ends.
        time.ArmHook(() =>
        {
            rig.Slow.OpenForever();
            removal = Task.Factory.StartNew(() => rig.System.RemoveHandler("slow"), TaskCreationOptions.LongRunning);
            removal.Wait(TimeSpan.FromSeconds(1));
        });
        rig.Log.Log(Level.Info, "e7"); // async -> drop, held back: the summary timer is created
        Assert.NotNull(removal);
        await removal!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEmpty(time.Timers);
        Assert.All(time.Timers, t => Assert.True(t.Disposed));
        HandlerStatus s = rig.Status;
        Assert.Equal(s.Offered, s.Handled + s.Dropped + s.Flushed + s.Lost);
    }

    [Fact]
    public async Task Four_producers_flooding_a_slow_sink_with_default_settings_write_a_handful_of_overload_reports()
    {
        const int Producers = 4;
        const int PerProducer = 100_000;
        var time = new ManualTime();
        var sink = new SlowSink(time);
        var system = new LogSystem(time: time, stderr: TextWriter.Null);
        system.AddHandler(new HandlerConfig { Id = "flood", Sink = () => sink, Formatter = new TestFormatter() });
        using var start = new Barrier(Producers + 1);
        Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Factory.StartNew(() =>
        {
            CategoryLogger log = system.GetLogger("App");
            start.SignalAndWait();
            for (int i = 0; i < PerProducer; i++)
            {
                log.Log(Level.Info, $"p{p} e{i}");
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        start.SignalAndWait();
        await Task.WhenAll(producers);
        system.Dispose();

        // At most two changes reported at once and one summary per 5 s window; the sink's clock covers
        // 400,000 x 20 us = 8 s, so at most two windows.
        Assert.InRange(sink.Reports.Count, 0, 5);
        Assert.All(sink.Reports, r => Assert.Matches(
            @"^handler 'flood': (\w+ mode -> \w+ mode at queue length \d+|\d+ more mode changes in \d+ ms \(\d+ to sync, \d+ to drop, \d+ to async\)(; \d+ events were dropped in drop mode)?; now \w+ mode at queue length \d+)$",
            r));
        HandlerStatus s = system.GetHandlerStatus("flood")!.Value;
        Assert.Equal(Producers * PerProducer, sink.AppEvents);
        Assert.Equal(s.Offered, s.Handled + s.Dropped + s.Flushed + s.Lost);
        Assert.Equal(0, s.Lost);
    }

    /// <summary>
    /// A sink slower than the producers (a millisecond per batch) whose writing moves the test clock by
    /// 20 us per application event, so the flood spans a known stretch of the handler's time.
    /// </summary>
    private sealed class SlowSink(ManualTime time) : ILogSink
    {
        private static readonly TimeSpan PerEvent = TimeSpan.FromTicks(200);

        public int AppEvents { get; private set; }
        public List<string> Reports { get; } = [];

        public void Write(in LogBatch batch)
        {
            int app = 0;
            foreach (LogRecord record in batch.Records)
            {
                if (record.Bytes.StartsWith("notice|Medulla.Logging|"u8))
                {
                    Reports.Add(System.Text.Encoding.UTF8.GetString(record.Bytes["notice|Medulla.Logging|".Length..]));
                }
                else
                {
                    app++;
                }
            }
            AppEvents += app;
            Thread.Sleep(1); // the slowness under test, not synchronisation
            time.Advance(PerEvent * app);
        }

        public void Flush() { }
        public void Dispose() { }
    }

    [Fact]
    public async Task Queue_length_and_counters_are_published_as_metrics()
    {
        using var rig = new Rig(new OverloadOptions { SyncModeQueueLength = 3, DropModeQueueLength = 3, FlushQueueLength = 1000 });
        await rig.HoldWriter();
        for (int i = 2; i <= 6; i++)
        {
            rig.Log.Log(Level.Info, $"e{i}");
        }
        Dictionary<string, long> seen = HandlerMetrics.Read("slow");

        Assert.Equal(3, seen["medulla.logging.queue.length"]);
        Assert.Equal(2, seen["medulla.logging.events.dropped"]);
        Assert.Equal(0, seen["medulla.logging.events.flushed"]);
    }
}
