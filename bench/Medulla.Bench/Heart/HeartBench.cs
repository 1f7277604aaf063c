using System.Diagnostics;
using System.Globalization;
using Medulla.Bench.Orchestration;

namespace Medulla.Bench.Heart;

/// <summary>Everything the report says about one program.</summary>
/// <param name="Program">The program.</param>
/// <param name="Version">Its version (medulla-heart's from its own status report).</param>
/// <param name="Pid">The measured process, host PID.</param>
/// <param name="AppPid">The guarded sleep, host PID.</param>
/// <param name="Namespace">Its PID namespace.</param>
/// <param name="Window">What it did in the window.</param>
/// <param name="ForbiddenFiles">Descriptors it held on /dev/watchdog* or /dev/kmsg at the end of the window (must be none).</param>
/// <param name="ExitStatus">unshare's exit status after SHUT_DOWN (the heart's); null when it had to be killed.</param>
/// <param name="LeftOver">Whether the heart or its sleep still existed after the cleanup.</param>
/// <param name="Log">What it wrote to stderr.</param>
internal sealed record HeartResult(
    HeartProgram Program, string Version, int Pid, int AppPid, string Namespace, WindowResult Window,
    IReadOnlyList<string> ForbiddenFiles, int? ExitStatus, bool LeftOver, IReadOnlyList<string> Log);

/// <summary>The whole run, for the report.</summary>
internal sealed record HeartRun(
    DateTime Started, TimeSpan Took, MachineInfo Machine, string BenchNamespace, TimeSpan Window, TimeSpan MinimumWarmup, TimeSpan Warmup, WarmupOutcome WarmupOutcome,
    TimeSpan BeatInterval, int HeartbeatTimeoutSeconds, TimeSpan LongestBeatGap, double? OtherCores, IReadOnlyList<HeartResult> Results);

/// <summary>
/// The `heart` command: idle memory and wakeups of medulla-heart against OTP's heart, both running at the
/// same time, each as the init of its own PID namespace, beaten on one schedule. Writes
/// docs/benchmarks-heart.md (and nothing else in docs/).
/// </summary>
internal static class HeartBench
{
    internal const int DefaultSeconds = 60;

    /// <summary>
    /// 64 beats: .NET's tiered compilation with dynamic PGO recompiles code that runs once per beat at the
    /// 30th and again at the 60th call; in trials the last compilation thread exited about 305 s after the
    /// first beat, none came in the five minutes after.
    /// </summary>
    internal const int DefaultWarmupSeconds = 320;

    internal const int HeartbeatTimeoutSeconds = 60;
    internal static readonly TimeSpan BeatInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ShutDownTimeout = TimeSpan.FromSeconds(10);

    internal static int Run(int seconds, int warmupSeconds, bool writeDoc)
    {
        string root = Orchestrator.RepositoryRoot();
        DateTime started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        string resultsDir = Path.Combine(root, "bench", "results", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-heart");
        Directory.CreateDirectory(resultsDir);
        SourceState source = SourceState.Read(root);
        string work = Path.Combine(Path.GetTempPath(), $"medulla-bench-heart-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            HeartProgram otp = HeartPrograms.FindOtpHeart();
            HeartProgram medulla = HeartPrograms.PublishMedullaHeart(root, Path.Combine(work, "build"), work);
            HeartRun run = Measure([medulla, otp], TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmupSeconds), started, total,
                MachineInfo.Collect() with { Source = source.Describe() });
            string report = HeartReportWriter.Write(run);
            File.WriteAllText(Path.Combine(resultsDir, "benchmarks-heart.md"), report);
            if (writeDoc)
            {
                string doc = Path.Combine(root, "docs", "benchmarks-heart.md");
                File.WriteAllText(doc, report);
                Console.WriteLine($"wrote {doc}");
            }
            Console.WriteLine($"done in {total.Elapsed:mm\\:ss}; report also in {resultsDir}");
            return run.Results.All(r => r.ForbiddenFiles.Count == 0 && r.ExitStatus == 0 && !r.LeftOver) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static HeartRun Measure(HeartProgram[] programs, TimeSpan window, TimeSpan minimumWarmup, DateTime started, Stopwatch total, MachineInfo machine)
    {
        string benchNamespace = PidNamespace.OfThisProcess();
        var hearts = new List<NamespacedHeart>();
        try
        {
            foreach (HeartProgram program in programs)
            {
                NamespacedHeart heart = NamespacedHeart.Start(program, HeartbeatTimeoutSeconds);
                hearts.Add(heart);
                Console.WriteLine($"{program.Name}: pid {heart.Pid} in {heart.Namespace} (the bench: {benchNamespace}), guarding sleep pid {heart.AppPid}");
            }
            var results = new List<HeartResult>();
            string[] versions = [.. hearts.Select(h => VersionOf(h))];
            List<WindowResult> measured;
            TimeSpan length;
            double? otherCores;
            TimeSpan warmup;
            WarmupOutcome warmupOutcome;
            TimeSpan longestGap;
            List<string>[] forbidden;
            using (var beats = new BeatLoop(hearts, BeatInterval))
            {
                Console.WriteLine($"warming up for at least {minimumWarmup.TotalSeconds:F0} s");
                warmupOutcome = WarmUp.Run(hearts, beats, minimumWarmup);
                long start = beats.MidpointAtOrAfter(Stopwatch.GetTimestamp());
                warmup = TimeSpan.FromSeconds((double)(start - beats.Origin) / Stopwatch.Frequency);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {warmup.TotalSeconds:F1} s; measuring both for {window.TotalSeconds:F0} s"));
                (measured, length, otherCores) = IdleWindow.Measure(hearts, beats, start, window);
                forbidden = [.. hearts.Select(h => ProcFs.OpenFiles(h.Pid).Where(IsForbidden).Distinct().ToList())];
                longestGap = beats.LongestGap();
                if (beats.Failure is { } failure)
                {
                    throw new InvalidOperationException(failure);
                }
            }
            for (int i = 0; i < hearts.Count; i++)
            {
                NamespacedHeart heart = hearts[i];
                int? status = heart.ShutDown(ShutDownTimeout);
                heart.Dispose();
                bool leftOver = IsRunning(heart.Pid, heart.Program.Path) || IsSleep(heart.AppPid);
                results.Add(new HeartResult(heart.Program, versions[i], heart.Pid, heart.AppPid, heart.Namespace, measured[i],
                    forbidden[i], status, leftOver, [.. heart.LogLines]));
                Print(results[^1], length);
            }
            return new HeartRun(started, total.Elapsed, machine, benchNamespace, length, minimumWarmup, warmup, warmupOutcome, BeatInterval, HeartbeatTimeoutSeconds,
                longestGap, otherCores, results);
        }
        finally
        {
            // After an error: SHUT_DOWN, then by PID whatever did not go (nothing, after a clean run).
            foreach (NamespacedHeart heart in hearts)
            {
                heart.ShutDown(ShutDownTimeout);
                heart.Dispose();
            }
        }
    }

    /// <summary>medulla-heart's program_version from its status report; OTP's heart answers GET_CMD with its command, so its version is the package's.</summary>
    private static string VersionOf(NamespacedHeart heart)
    {
        string answer = heart.RequestStatus();
        return WarmUp.StatusValue(answer, "program_version") ?? heart.Program.Version;
    }

    private static bool IsForbidden(string target) =>
        target.StartsWith("/dev/watchdog", StringComparison.Ordinal) || target == "/dev/kmsg";

    /// <summary>Whether <paramref name="pid"/> is still that program (a reused PID runs something else).</summary>
    private static bool IsRunning(int pid, string executable) =>
        pid > 0 && ProcFs.Executable(pid) is { } exe &&
        exe == (new FileInfo(executable).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? executable);

    private static bool IsSleep(int pid) => pid > 0 && ProcFs.Read($"/proc/{pid}/comm")?.TrimEnd('\n') == "sleep";

    private static void Print(HeartResult r, TimeSpan window)
    {
        WindowResult w = r.Window;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Program.Name} {r.Version}: VmRSS {w.Memory.ResidentKiB} KiB, PSS {w.Memory.ProportionalKiB?.ToString(CultureInfo.InvariantCulture) ?? "-"} KiB, " +
            $"{w.Memory.Threads} threads, {w.Switches / window.TotalMinutes:F1} wakeups/min, CPU {w.CpuMs:F2} ms in {window.TotalSeconds:F1} s, " +
            $"exit {r.ExitStatus?.ToString(CultureInfo.InvariantCulture) ?? "killed"}{(r.LeftOver ? ", LEFT OVER" : "")}{(r.ForbiddenFiles.Count > 0 ? ", HELD " + string.Join(", ", r.ForbiddenFiles) : "")}"));
    }
}
