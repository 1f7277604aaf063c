using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Core;

public class HandlerLifecycleTests
{
    private sealed class ThrowingSink : ILogSink
    {
        public void Write(in LogBatch batch) => throw new IOException("disk on fire");
        public void Flush() { }
        public void Dispose() { }
    }

    private sealed class ThrowingFormatter : ILogFormatter
    {
        public void Format(LogEvent logEvent, Utf8Buffer output) => throw new InvalidOperationException("cannot format");
    }

    [Fact]
    public void A_handler_started_for_a_reload_that_races_dispose_is_stopped_instead_of_installed()
    {
        var system = new LogSystem(stderr: TextWriter.Null);
        var sink = new MemorySink();
        // A reload started the handler before Dispose took its list of handlers to stop.
        var handler = system.StartDetached(new HandlerConfig { Id = "late-install", Sink = () => sink, Formatter = new TestFormatter() });
        system.Dispose();

        system.Install(handler);

        Assert.Empty(system.HandlerIds);
        Assert.True(sink.Disposed);
    }

    [Fact]
    public async Task A_throwing_sink_removes_its_handler_reports_on_stderr_and_the_others_keep_logging()
    {
        var stderr = new StringWriter();
        using var system = new LogSystem(stderr: TextWriter.Synchronized(stderr));
        var good = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "good", Sink = () => good, Formatter = new TestFormatter() });
        system.AddHandler(new HandlerConfig { Id = "bad", Sink = () => new ThrowingSink(), Formatter = new TestFormatter() });
        CategoryLogger log = system.GetLogger("App");

        log.Log(Level.Info, "one");
        await good.WaitForCount(2); // "one" and the removal report
        log.Log(Level.Info, "two");
        system.Flush(TimeSpan.FromSeconds(10));

        Assert.Equal(["good"], system.HandlerIds);
        Assert.Contains("handler 'bad' removed: its sink threw IOException: disk on fire", stderr.ToString());
        Assert.Contains("info|App|one", good.Records);
        Assert.Contains("info|App|two", good.Records);
        Assert.Single(good.Records, r => r.StartsWith("error|Medulla.Logging|handler 'bad' removed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_throwing_formatter_removes_its_handler_and_the_others_keep_logging()
    {
        var stderr = new StringWriter();
        using var system = new LogSystem(stderr: stderr);
        var good = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "bad", Sink = () => new MemorySink(), Formatter = new ThrowingFormatter() });
        system.AddHandler(new HandlerConfig { Id = "good", Sink = () => good, Formatter = new TestFormatter() });

        system.GetLogger("App").Log(Level.Info, "one");
        system.GetLogger("App").Log(Level.Info, "two");
        system.Flush(TimeSpan.FromSeconds(10));

        Assert.Equal(["good"], system.HandlerIds);
        Assert.Contains("handler 'bad' removed: its formatter threw", stderr.ToString());
        Assert.Contains("info|App|one", good.Records);
        Assert.Contains("info|App|two", good.Records);
    }

    [Fact]
    public void Handlers_are_added_reconfigured_and_removed_at_run_time()
    {
        using var system = new LogSystem();
        var sink = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "m", Sink = () => sink, Formatter = new TestFormatter() });
        CategoryLogger log = system.GetLogger("App");

        log.Log(Level.Info, "a");
        system.SetHandlerLevel("m", Level.Error);
        log.Log(Level.Info, "b");
        log.Log(Level.Error, "c");
        Assert.True(system.RemoveHandler("m"));
        log.Log(Level.Error, "d");

        Assert.Equal(["info|App|a", "error|App|c"], sink.Records);
        Assert.True(sink.Disposed);
        Assert.False(system.RemoveHandler("m"));
    }

    [Fact]
    public void A_duplicate_or_invalid_handler_is_refused_with_a_reason()
    {
        using var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "m", Sink = () => new MemorySink() });
        Assert.Contains("already exists", Assert.Throws<ArgumentException>(() => system.AddHandler(new HandlerConfig { Id = "m", Sink = () => new MemorySink() })).Message);
        var bad = new HandlerConfig { Id = "x", Sink = () => new MemorySink(), Overload = new() { SyncModeQueueLength = 50, DropModeQueueLength = 10 } };
        Assert.Contains("SyncModeQueueLength <= DropModeQueueLength", Assert.Throws<ArgumentException>(() => system.AddHandler(bad)).Message);
    }

    [Fact]
    public async Task Handlers_can_be_added_and_removed_while_other_threads_log()
    {
        using var system = new LogSystem(stderr: TextWriter.Null);
        var stable = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "stable", Sink = () => stable, Formatter = new TestFormatter() });
        const int Threads = 4;
        const int PerThread = 5_000;
        using var start = new Barrier(Threads + 1);
        Task[] loggers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            CategoryLogger log = system.GetLogger($"T{t}");
            start.SignalAndWait();
            for (int i = 0; i < PerThread; i++)
            {
                log.Log(Level.Info, $"{i}");
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        start.SignalAndWait();
        for (int round = 0; round < 50; round++)
        {
            system.AddHandler(new HandlerConfig { Id = "churn", Sink = () => new MemorySink() });
            system.RemoveHandler("churn");
        }
        await Task.WhenAll(loggers);
        system.Flush(TimeSpan.FromSeconds(30));

        Assert.Equal(Threads * PerThread, stable.Records.Count(r => r.StartsWith("info|T", StringComparison.Ordinal)));
    }

    [Fact]
    public void Dispose_writes_all_of_100000_events_queued_below_the_drop_threshold()
    {
        var sink = new CountingSink();
        var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "count", Sink = () => sink, Formatter = new TestFormatter() });
        CategoryLogger log = system.GetLogger("App");

        for (int i = 0; i < 100_000; i++)
        {
            log.Log(Level.Info, $"event {i}");
        }
        HandlerStatus status = system.GetHandlerStatus("count")!.Value;
        system.Dispose();

        Assert.Equal(0, status.Dropped);
        Assert.Equal(100_000, sink.Count);
        Assert.Equal("info|App|event 99999", sink.Last);
    }

    private sealed class CountingSink : ILogSink
    {
        public int Count { get; private set; }
        public string? Last { get; private set; }

        public void Write(in LogBatch batch)
        {
            foreach (LogRecord r in batch.Records)
            {
                // Overload notices (sync mode entered and left) also arrive here; count the app's events.
                if (r.Bytes.StartsWith("info|App|"u8))
                {
                    Count++;
                    Last = System.Text.Encoding.UTF8.GetString(r.Bytes);
                }
            }
        }

        public void Flush() { }
        public void Dispose() { }
    }
}
