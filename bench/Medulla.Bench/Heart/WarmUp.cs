using System.Diagnostics;

namespace Medulla.Bench.Heart;

/// <summary>A thread that started or exited during the warm-up, seconds after the first beat.</summary>
/// <param name="Program">Whose thread.</param>
/// <param name="Thread">Its name.</param>
/// <param name="StartedAt">Null: it was there when the warm-up started.</param>
/// <param name="ExitedAt">Null: still there when the warm-up ended.</param>
internal sealed record ThreadEvent(string Program, string Thread, double? StartedAt, double? ExitedAt);

/// <summary>How the warm-up went.</summary>
/// <param name="WatchdogGivenUpAfter">When medulla-heart reported no watchdog, after the first beat; null if it had not by the end.</param>
/// <param name="ThreadEvents">Threads that started (and maybe exited) after the first beat.</param>
internal sealed record WarmupOutcome(TimeSpan? WatchdogGivenUpAfter, IReadOnlyList<ThreadEvent> ThreadEvents);

/// <summary>
/// Waits until both hearts idle as they would for months. Two things settle only after a while:
/// medulla-heart, given no watchdog, retries opening it on its pets (10 times) before running without one;
/// and .NET's tiered compilation recompiles a method at its 30th call, with dynamic PGO twice (first an
/// instrumented version, 30 calls later the final one), so code that runs once per beat settles only after
/// about 60 beats: until then a compilation thread starts and exits now and then. The warm-up lasts the
/// minimum asked for, and at least until the watchdog was given up; it notes every thread that came or went.
/// </summary>
internal static class WarmUp
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(2);

    /// <summary>medulla-heart gives up after 10 failed opens, at most two per beat interval: well within this.</summary>
    private static readonly TimeSpan WatchdogGiveUpLimit = TimeSpan.FromSeconds(120);

    internal static WarmupOutcome Run(IReadOnlyList<NamespacedHeart> hearts, BeatLoop beats, TimeSpan minimum)
    {
        var known = hearts.Select(h => ThreadCounters.Read(h.Pid).ToDictionary(t => t.Tid, t => (Name: t.Name, Since: (double?)null))).ToList();
        var events = new List<ThreadEvent>();
        TimeSpan? gaveUp = null;
        long nextStatus = Stopwatch.GetTimestamp();
        while (true)
        {
            TimeSpan since = Stopwatch.GetElapsedTime(beats.Origin);
            // GET_CMD goes to both hearts alike, and stops once medulla-heart reports no watchdog.
            if (gaveUp is null && Stopwatch.GetTimestamp() >= nextStatus)
            {
                string[] answers = [.. hearts.Select(h => h.RequestStatus())];
                if (hearts.Zip(answers).Any(x => x.First.Program.Name == HeartPrograms.MedullaName && StatusValue(x.Second, "wdt_timeout") == "0"))
                {
                    gaveUp = since;
                }
                nextStatus = Stopwatch.GetTimestamp() + (long)(StatusEvery.TotalSeconds * Stopwatch.Frequency);
            }
            for (int i = 0; i < hearts.Count; i++)
            {
                Follow(hearts[i], known[i], since.TotalSeconds, events);
            }
            bool watchdogSettled = gaveUp is not null || since > WatchdogGiveUpLimit;
            if (since >= minimum && watchdogSettled)
            {
                // Threads that started and are still there: reported as such.
                for (int i = 0; i < hearts.Count; i++)
                {
                    events.AddRange(known[i].Values.Where(t => t.Since is not null).Select(t => new ThreadEvent(hearts[i].Program.Name, t.Name, t.Since, null)));
                }
                return new WarmupOutcome(gaveUp, [.. events.OrderBy(e => e.StartedAt ?? 0)]);
            }
            Thread.Sleep(PollEvery);
        }
    }

    /// <summary>medulla-heart's status value for <paramref name="key"/>; null when absent (OTP's heart answers with its command).</summary>
    internal static string? StatusValue(string report, string key) =>
        report.Split('\n').Select(l => l.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == key)?[1];

    private static void Follow(NamespacedHeart heart, Dictionary<int, (string Name, double? Since)> known, double now, List<ThreadEvent> events)
    {
        List<ThreadSample> threads = ThreadCounters.Read(heart.Pid);
        foreach (ThreadSample t in threads)
        {
            // A new thread carries its creator's name until the runtime renames it: keep the latest.
            known[t.Tid] = known.TryGetValue(t.Tid, out var seen) ? (t.Name, seen.Since) : (t.Name, now);
        }
        foreach (int gone in known.Keys.Except(threads.Select(t => t.Tid)).ToList())
        {
            (string name, double? since) = known[gone];
            known.Remove(gone);
            events.Add(new ThreadEvent(heart.Program.Name, name, since, now));
        }
    }
}
