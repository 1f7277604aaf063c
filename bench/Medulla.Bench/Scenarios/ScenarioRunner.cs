using System.Diagnostics;
using Medulla.Bench.Measurement;
using Medulla.Bench.Targets;

namespace Medulla.Bench.Scenarios;

/// <summary>
/// Runs one (library, scenario, config) in this process, which the parent started for just that:
/// warm up on a throw-away logger, settle the GC, note the idle memory, then measure a fresh logger.
/// </summary>
internal static class ScenarioRunner
{
    /// <summary>Events per call during warm-up: many calls, so the loop methods reach tier-1 code.</summary>
    internal const int WarmupChunk = 100;
    internal const int WarmupEventsPerThread = 20_000;
    internal const int MinWarmupPasses = 4;
    internal const int MaxWarmupPasses = 60;
    internal const int QuietPassesNeeded = 2;
    internal const int WarmupPauseMs = 150;
    internal const int WarmupDisabledChunk = 20_000;
    internal const int FilteredSegments = 5;

    internal static RunResult Run(string library, string scenarioName, string config)
    {
        Scenario scenario = Scenario.Parse(scenarioName);
        return scenario.DisabledCalls > 0
            ? RunFiltered(library, scenario, config)
            : RunWriting(library, scenario, config);
    }

    private static RunResult RunWriting(string library, Scenario scenario, string config)
    {
        int warmupPasses = WarmUntilJitQuiet(() =>
        {
            IBenchTarget warm = TargetCatalog.Create(library, config);
            string warmDir = NewDirectory(library + "-warmup");
            warm.Open(warmDir, infoEnabled: true, scenario.Threads);
            RunThreads(scenario.Threads, t =>
            {
                for (int done = 0; done < WarmupEventsPerThread; done += WarmupChunk)
                {
                    warm.Log(((long)t * WarmupEventsPerThread) + done, WarmupChunk);
                }
            });
            warm.Dispose();
            Directory.Delete(warmDir, recursive: true);
        });

        IBenchTarget target = TargetCatalog.Create(library, config);
        string dir = NewDirectory(library);
        Settle();
        long idle = ProcessMemory.ResidentBytes();
        bool reset = ProcessMemory.TryResetPeak();
        target.Open(dir, infoEnabled: true, scenario.Threads);

        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long processBefore = GC.GetTotalAllocatedBytes(precise: true);
        long callerBytes = 0;
        int perThread = scenario.EventsPerThread;
        var stopwatch = new Stopwatch();
        RunThreads(scenario.Threads, t =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            target.Log((long)t * perThread, perThread);
            Interlocked.Add(ref callerBytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }, stopwatch);
        TimeSpan callersDone = stopwatch.Elapsed;
        target.Dispose();
        stopwatch.Stop();
        long processAfter = GC.GetTotalAllocatedBytes(precise: true);
        long peak = ProcessMemory.PeakResidentBytes();

        LogFileCount count = LogFileCounter.Count(dir);
        Directory.Delete(dir, recursive: true);
        long events = scenario.TotalEvents;
        return new RunResult
        {
            Library = library,
            Scenario = scenario.Name,
            Config = config,
            Description = target.Description,
            Threads = scenario.Threads,
            Events = events,
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
            CallersDoneMs = callersDone.TotalMilliseconds,
            EventsPerSecond = events / stopwatch.Elapsed.TotalSeconds,
            EventLines = count.EventLines,
            OtherLines = count.OtherLines,
            Dropped = target.Dropped,
            FileBytes = count.Bytes,
            CallerBytesPerEvent = (double)callerBytes / events,
            ProcessBytesPerEvent = (double)(processAfter - processBefore) / events,
            IdleResidentBytes = idle,
            PeakResidentBytes = peak,
            PeakAboveIdleBytes = peak - idle,
            PeakWasReset = reset,
            Gen0Collections = GC.CollectionCount(0) - gen0,
            Gen1Collections = GC.CollectionCount(1) - gen1,
            Gen2Collections = GC.CollectionCount(2) - gen2,
            SampleLine = count.SampleLine,
            SampleOtherLine = count.SampleOtherLine,
            ChildCpuMs = CpuTime.OwnMs(),
            WarmupPasses = warmupPasses,
        };
    }

    /// <summary>
    /// Repeats <paramref name="pass"/> (each followed by a pause) until the JIT has been quiet, no method
    /// compiled, for <see cref="QuietPassesNeeded"/> passes in a row. Hot methods go from tier 0 through
    /// instrumented tier 0 to tier 1 by call counts, and call counting itself only starts once tier-0
    /// compilation has paused for a while, so a fixed number of passes measured a mix of tiers: a
    /// run checked with DOTNET_JitStdOutFile compiled Medulla's hot path at tier 1 only during the
    /// measurement. Returns how many passes it took.
    /// </summary>
    internal static int WarmUntilJitQuiet(Action pass)
    {
        int quiet = 0;
        int passes = 0;
        while (passes < MaxWarmupPasses)
        {
            long compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            pass();
            Thread.Sleep(WarmupPauseMs);
            passes++;
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() == compiledBefore ? quiet + 1 : 0;
            if (passes >= MinWarmupPasses && quiet >= QuietPassesNeeded)
            {
                break;
            }
        }
        return passes;
    }

    private static RunResult RunFiltered(string library, Scenario scenario, string config)
    {
        IBenchTarget target = TargetCatalog.Create(library, config);
        string dir = NewDirectory(library);
        target.Open(dir, infoEnabled: false, threads: 1);
        int warmupPasses = WarmUntilJitQuiet(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                target.LogDisabled(WarmupDisabledChunk);
            }
        });
        Settle();
        // The calls are timed in segments and the median segment reported, so a moment when another
        // process took the core does not skew the result; allocation is counted over all of them.
        long calls = scenario.DisabledCalls;
        long perSegment = calls / FilteredSegments;
        var segmentNs = new double[FilteredSegments];
        int gen0 = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < FilteredSegments; i++)
        {
            long segmentStart = Stopwatch.GetTimestamp();
            target.LogDisabled(perSegment);
            segmentNs[i] = Stopwatch.GetElapsedTime(segmentStart).TotalNanoseconds / perSegment;
        }
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.Sort(segmentNs);
        calls = perSegment * FilteredSegments;
        target.Dispose();
        LogFileCount count = LogFileCounter.Count(dir);
        Directory.Delete(dir, recursive: true);
        return new RunResult
        {
            Library = library,
            Scenario = scenario.Name,
            Config = config,
            Description = target.Description,
            Threads = 1,
            Events = calls,
            ElapsedMs = elapsed.TotalMilliseconds,
            EventsPerSecond = calls / elapsed.TotalSeconds,
            EventLines = count.EventLines,
            OtherLines = count.OtherLines,
            NsPerCall = segmentNs[FilteredSegments / 2],
            BytesPerCall = (double)allocated / calls,
            Gen0Collections = GC.CollectionCount(0) - gen0,
            SampleLine = count.SampleLine,
            ChildCpuMs = CpuTime.OwnMs(),
            WarmupPasses = warmupPasses,
        };
    }

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="threads"/> threads released together (the calling
    /// thread itself when there is one), starting <paramref name="stopwatch"/> at the release.
    /// </summary>
    private static void RunThreads(int threads, Action<int> body, Stopwatch? stopwatch = null)
    {
        if (threads == 1)
        {
            stopwatch?.Start();
            body(0);
            return;
        }
        using var go = new ManualResetEventSlim(false);
        using var ready = new CountdownEvent(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                ready.Signal();
                go.Wait();
                body(index);
            })
            { Name = $"bench-{t}" };
            workers[t].Start();
        }
        ready.Wait();
        stopwatch?.Start();
        go.Set();
        foreach (Thread worker in workers)
        {
            worker.Join();
        }
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string NewDirectory(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"medulla-bench-{Environment.ProcessId}-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
