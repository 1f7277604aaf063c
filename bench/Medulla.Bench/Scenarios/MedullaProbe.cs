using System.Diagnostics;
using System.Globalization;
using Medulla.Bench.Measurement;
using Medulla.Bench.Targets;
using Medulla.Logging;

namespace Medulla.Bench.Scenarios;

/// <summary>
/// Diagnostic (`probe` command): where a Medulla event's time and allocations go, stage by stage, on
/// the calling thread. Each stage adds one part of the pipeline to the previous one, so the differences
/// between rows are the cost of that part.
/// </summary>
internal static class MedullaProbe
{
    private const int Events = 200_000;
    private const int Repeats = 5;

    /// <summary>Thresholds so high that callers never wait: the caller's own cost, apart from the writer's.</summary>
    private static readonly OverloadOptions NeverWait = new()
    {
        SyncModeQueueLength = 10_000_000,
        DropModeQueueLength = 10_000_000,
        FlushQueueLength = 10_000_000,
    };

    /// <summary>Runs every stage, prints a table, and writes the stages as JSON to <paramref name="outFile"/> if given.</summary>
    internal static int Run(string? outFile = null)
    {
        Console.WriteLine($"Medulla stage probe: {Events:N0} events per measurement, median of {Repeats}, caller thread only unless noted");
        Console.WriteLine();
        string dir = Path.Combine(Path.GetTempPath(), $"medulla-probe-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "probe.log");
        LogFilter stop = new("stop", (_, _) => FilterResult.Stop);
        (string Name, Func<(double, double, double)> Measure)[] stages =
        [
            ("clock: TimeProvider.System.GetUtcNow().UtcDateTime", Clock),
            ("formatter alone: default TemplateFormatter on a built event", Formatter),
            ("filtered call (logger at warning)", () => Pipeline(Level.Warning, null, null, NeverWait)),
            ("event built, primary filter stops it", () => Pipeline(Level.Info, null, () => new DiscardSink(), NeverWait, primary: stop)),
            ("event built + dispatched, handler filter stops it", () => Pipeline(Level.Info, stop, () => new DiscardSink(), NeverWait)),
            ("+ format + enqueue, sink discards, never waits", () => Pipeline(Level.Info, null, () => new DiscardSink(), NeverWait)),
            ("+ format + enqueue, sink discards, default overload", () => Pipeline(Level.Info, null, () => new DiscardSink(), new OverloadOptions())),
            ("+ format + enqueue, sink sleeps 1 ms per batch, never waits", () => Pipeline(Level.Info, null, () => new SlowDiscardSink(), NeverWait)),
            ("+ format + enqueue, sink spins 1 ms per batch, never waits", () => Pipeline(Level.Info, null, () => new BusyDiscardSink(), NeverWait)),
            ("+ format + enqueue, sink only copies the bytes, never waits", () => Pipeline(Level.Info, null, () => new CopyOnlySink(), NeverWait)),
            ("bench RawFileSink (FileStream), never waits", () => Pipeline(Level.Info, null, () => new RawFileSink(path), NeverWait)),
            ("bench RawFileSink (FileStream), default overload", () => Pipeline(Level.Info, null, () => new RawFileSink(path), new OverloadOptions())),
            ("FileSink, never waits", () => Pipeline(Level.Info, null, () => NewFileSink(path), NeverWait)),
            ("FileSink, default overload", () => Pipeline(Level.Info, null, () => NewFileSink(path), new OverloadOptions())),
            ("FileSink, SyncOnFlush = false, default overload", () => Pipeline(Level.Info, null,
                () => new FileSink(new FileSinkOptions { Path = path, MaxBytes = null, SyncOnFlush = false }), new OverloadOptions())),
        ];
        try
        {
            // Every stage twice before any is measured, so all of them run tier-1 code.
            for (int pass = 0; pass < 2; pass++)
            {
                foreach ((_, Func<(double, double, double)> measure) in stages)
                {
                    measure();
                }
                Thread.Sleep(300);
            }
            Console.WriteLine($"{"stage",-64} {"ns/event",10} {"B/event",9} {"wall ns/ev",11}");
            var results = stages.Select(stage => Stage(stage.Name, stage.Measure)).ToList();
            if (outFile is not null)
            {
                File.WriteAllText(outFile, System.Text.Json.JsonSerializer.Serialize(results, ResultJson.Default.ListProbeStage));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    private static FileSink NewFileSink(string path)
    {
        File.Delete(path);
        return new FileSink(new FileSinkOptions { Path = path, MaxBytes = null });
    }

    private static ProbeStage Stage(string name, Func<(double CallerNs, double Bytes, double WallNs)> measure)
    {
        BatchCounter.Reset();
        var results = Enumerable.Range(0, Repeats).Select(_ => measure()).ToList();
        double Median(Func<(double, double, double), double> f) => results.Select(f).Order().ElementAt(Repeats / 2);
        var stage = new ProbeStage(name, Median(r => r.Item1), Median(r => r.Item2), Median(r => r.Item3),
            BatchCounter.MeanBatch > 0 ? BatchCounter.MeanBatch : null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-64} {stage.CallerNs,10:F1} {stage.BytesPerEvent,9:F1} {stage.WallNs,11:F1}") +
            (stage.MeanBatch is { } batch ? string.Create(CultureInfo.InvariantCulture, $"   mean batch {batch:F1} records") : ""));
        return stage;
    }

    private static (double, double, double) Clock()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        long sum = 0;
        for (int i = 0; i < Events; i++)
        {
            sum += TimeProvider.System.GetUtcNow().UtcDateTime.Ticks;
        }
        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Events;
        GC.KeepAlive(sum);
        return (ns, (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Events, ns);
    }

    private static (double, double, double) Formatter()
    {
        var formatter = new TemplateFormatter();
        var output = new Utf8Buffer(1024);
        var e = new LogEvent(Level.Info, BenchEvent.Category, "Processed order 12345 for alice in 12.25 ms") { Timestamp = DateTime.UtcNow };
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Events; i++)
        {
            output.Clear();
            formatter.Format(e, output);
        }
        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Events;
        return (ns, (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Events, ns);
    }

    private static (double, double, double) Pipeline(
        Level level, LogFilter? filter, Func<ILogSink>? sink, OverloadOptions overload, LogFilter? primary = null)
    {
        using var system = new LogSystem(new LoggerConfig { Level = level, Filters = primary is null ? [] : [primary] });
        system.AddHandler(new HandlerConfig
        {
            Id = "probe",
            Sink = sink ?? (() => new DiscardSink()),
            Filters = filter is null ? [] : [filter],
            Overload = overload,
        });
        CategoryLogger log = system.GetLogger(BenchEvent.Category);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        Loop(log);
        TimeSpan caller = Stopwatch.GetElapsedTime(start);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        system.Flush(TimeSpan.FromMinutes(1));
        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        return (caller.TotalNanoseconds / Events, (double)bytes / Events, wall.TotalNanoseconds / Events);
    }

    private static void Loop(CategoryLogger log)
    {
        for (long i = 0; i < Events; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            log.Log(Level.Info, $"Processed order {orderId} for {customer} in {elapsed} ms");
        }
    }
}

/// <summary>One probe stage: caller ns and bytes per event, wall ns per event until flushed, mean batch where counted.</summary>
internal sealed record ProbeStage(string Stage, double CallerNs, double BytesPerEvent, double WallNs, double? MeanBatch);
