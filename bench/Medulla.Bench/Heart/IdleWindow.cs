using System.Diagnostics;
using Medulla.Bench.Measurement;

namespace Medulla.Bench.Heart;

/// <summary>What one heart did during the window.</summary>
/// <param name="Memory">Its memory at the end of the window.</param>
/// <param name="Threads">Every thread seen in the window with its counts.</param>
/// <param name="ThreadsAtStart">Threads when the window opened.</param>
/// <param name="ThreadsAtEnd">Threads when it closed.</param>
/// <param name="CpuMs">CPU time in the window from the process CPU clock.</param>
/// <param name="CpuTickMs">The same from utime + stime (10 ms steps).</param>
/// <param name="Beats">Beats it was sent in the window.</param>
internal sealed record WindowResult(
    MemorySnapshot Memory, IReadOnlyList<ThreadWakeups> Threads, int ThreadsAtStart, int ThreadsAtEnd, double? CpuMs, double? CpuTickMs, int Beats)
{
    internal long Switches => Threads.Sum(t => t.Switches);

    internal long? Timeslices => Threads.All(t => t.Timeslices is not null) ? Threads.Sum(t => t.Timeslices!.Value) : null;
}

/// <summary>
/// Measures all hearts over the same window, at the same time: counters at the start, a thread sample of
/// each every second (so threads that exit keep their counts), counters and memory at the end. Whatever
/// else the machine does in the window hits both programs alike.
/// </summary>
internal static class IdleWindow
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    /// <summary>Waits for <paramref name="start"/> (a Stopwatch timestamp), then measures for <paramref name="length"/>.</summary>
    /// <returns>The results in the order of <paramref name="hearts"/>, the window's real length, and the CPU the rest of the machine (not the hearts, not the bench) used, in cores.</returns>
    internal static (List<WindowResult> Results, TimeSpan Length, double? OtherCores) Measure(
        IReadOnlyList<NamespacedHeart> hearts, BeatLoop beats, long start, TimeSpan length)
    {
        SleepUntil(start);
        long opened = Stopwatch.GetTimestamp();
        double? machineBefore = CpuTime.MachineBusyMs();
        double ownBefore = CpuTime.OwnMs();
        var trackers = hearts.Select(h => new WakeupTracker(h.Pid)).ToList();
        var cpuBefore = hearts.Select(h => (Clock: ProcessCpu.Nanoseconds(h.Pid), Ticks: ProcessCpu.TickMilliseconds(h.Pid))).ToList();

        long end = opened + (long)(length.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() + (long)(SampleEvery.TotalSeconds * Stopwatch.Frequency) < end)
        {
            Thread.Sleep(SampleEvery);
            trackers.ForEach(t => t.Sample());
        }
        SleepUntil(end);

        var threads = trackers.Select(t => t.Finish()).ToList();
        var cpuAfter = hearts.Select(h => (Clock: ProcessCpu.Nanoseconds(h.Pid), Ticks: ProcessCpu.TickMilliseconds(h.Pid))).ToList();
        long closed = Stopwatch.GetTimestamp();
        double? machineAfter = CpuTime.MachineBusyMs();
        double ownMs = CpuTime.OwnMs() - ownBefore;
        var memory = hearts.Select(h => MemorySnapshot.Read(h.Pid)).ToList();

        TimeSpan measured = Stopwatch.GetElapsedTime(opened, closed);
        var results = new List<WindowResult>();
        for (int i = 0; i < hearts.Count; i++)
        {
            double? clockMs = cpuAfter[i].Clock - cpuBefore[i].Clock is { } ns ? ns / 1e6 : null;
            results.Add(new WindowResult(memory[i], threads[i], trackers[i].ThreadsAtStart, trackers[i].ThreadsAtEnd,
                clockMs, cpuAfter[i].Ticks - cpuBefore[i].Ticks, beats.BeatsBetween(opened, closed)));
        }
        double heartsMs = results.Sum(r => r.CpuMs ?? 0);
        double? otherCores = machineAfter - machineBefore is { } busy ? Math.Max(0, busy - heartsMs - ownMs) / measured.TotalMilliseconds : null;
        return (results, measured, otherCores);
    }

    private static void SleepUntil(long timestamp)
    {
        long wait = timestamp - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
        }
    }
}
