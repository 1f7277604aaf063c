using System.Globalization;

namespace Medulla.Bench.Heart;

/// <summary>One thread's scheduler counters at one moment.</summary>
/// <param name="Tid">Thread id (host namespace).</param>
/// <param name="Name">/proc/PID/task/TID/comm (.NET names its threads: ".NET Finalizer", ".NET SynchManag").</param>
/// <param name="Voluntary">voluntary_ctxt_switches: the thread blocked (poll, read, a wait); each is followed by a wakeup.</param>
/// <param name="Involuntary">nonvoluntary_ctxt_switches: the thread was runnable and preempted.</param>
/// <param name="Timeslices">The third field of /proc/PID/task/TID/schedstat: how many times it was put on a CPU; null without CONFIG_SCHED_INFO.</param>
internal readonly record struct ThreadSample(int Tid, string Name, long Voluntary, long Involuntary, long? Timeslices);

/// <summary>
/// Reads every thread's counters from /proc/PID/task/*. Per thread because /proc/PID/status shows the
/// main thread's context switches only (checked on this kernel: its voluntary_ctxt_switches is not the
/// sum of the threads'), and nothing in /proc keeps the counts of threads that exited.
/// </summary>
internal static class ThreadCounters
{
    internal static List<ThreadSample> Read(int pid)
    {
        var threads = new List<ThreadSample>();
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return threads;
        }
        foreach (string task in tasks)
        {
            string? status = ProcFs.Read(Path.Combine(task, "status"));
            if (ProcFs.Number(status, "voluntary_ctxt_switches") is not { } voluntary || ProcFs.Number(status, "nonvoluntary_ctxt_switches") is not { } involuntary)
            {
                continue; // exited between the directory listing and the read
            }
            string name = ProcFs.Read(Path.Combine(task, "comm"))?.TrimEnd('\n') ?? "?";
            string[]? schedstat = ProcFs.Read(Path.Combine(task, "schedstat"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long? slices = schedstat is { Length: >= 3 } ? long.Parse(schedstat[2], CultureInfo.InvariantCulture) : null;
            threads.Add(new ThreadSample(int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), name, voluntary, involuntary, slices));
        }
        return threads;
    }
}
