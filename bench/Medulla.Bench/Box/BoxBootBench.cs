using System.Diagnostics;
using System.Globalization;
using System.Text;
using Medulla.Bench.Kernel;
using Medulla.Bench.Orchestration;

namespace Medulla.Bench.Box;

/// <summary>One run of the boot-time scenario: box/box's exit status, its markers, how long it took in all.</summary>
internal sealed record BootRun(int Run, int ExitCode, BootMarkers Markers, double TotalSeconds, string LogFile, string LoadAfter)
{
    internal string? Failure => Markers.Failure(ExitCode);

    internal double Kernel => Markers.Init1!.Value - Markers.QemuStart!.Value;
    internal double ColdApp => Markers.App1!.Value - Markers.QemuStart!.Value;
    internal double WarmInit => Markers.Init2!.Value - Markers.Reset!.Value;
    internal double WarmApp => Markers.App2!.Value - Markers.Reset!.Value;
    internal double WarmValidated => Markers.Validated!.Value - Markers.Reset!.Value;
}

/// <summary>
/// The device in a box from power-on to the demo app's first log line and to "validated": runs
/// <c>box/box run boot-time</c> (qemu under TCG, two boots: a cold start that formats the data disk, then
/// a warm reset into unvalidated firmware that the app validates) several times, one after the other,
/// and times the console's lines on arrival. Writes docs/benchmarks-boot.md.
/// </summary>
internal static class BoxBootBench
{
    internal const int DefaultRuns = 5;

    /// <summary>The issue's goal: the app's first log line within 3 s of qemu starting.</summary>
    internal const double GoalSeconds = 3.0;

    private const int BoxTimeoutSeconds = 240;

    internal static int Run(int runs, string box, bool writeDoc)
    {
        box = Path.GetFullPath(box);
        if (!File.Exists(box))
        {
            throw new ArgumentException($"no box script at {box}");
        }
        DateTime started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        string resultsDir = Path.Combine(Orchestrator.RepositoryRoot(), "bench", "results",
            "boot-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(resultsDir);
        var results = new List<BootRun>();
        for (int run = 1; run <= runs; run++)
        {
            BootRun r = Measure(run, box, resultsDir);
            results.Add(r);
            Console.WriteLine(r.Failure is { } failure
                ? $"[run {run}/{runs}] FAILED: {failure}; reached: {r.Markers.Reached()} (log {r.LogFile})"
                : string.Create(CultureInfo.InvariantCulture,
                    $"[run {run}/{runs}] kernel {r.Kernel:F2} s, first app line {r.ColdApp:F2} s; after the reset: init {r.WarmInit:F2} s, first app line {r.WarmApp:F2} s, validated {r.WarmValidated:F2} s; whole run {r.TotalSeconds:F1} s"));
        }
        string report = BoxBootReport.Write(results, BoxFacts.Collect(box, results), MachineInfo.Collect(), started, total.Elapsed);
        bool anyGood = results.Any(r => r.Failure is null);
        if (writeDoc && !anyGood)
        {
            Console.Error.WriteLine("no run succeeded: docs/benchmarks-boot.md left as it was");
        }
        BenchRun.Save("benchmarks-boot.md", report, started, writeDoc && anyGood);
        if (writeDoc && anyGood)
        {
            ReportWriter.RefreshSideReportRatios();
        }
        return anyGood ? 0 : 1;
    }

    private static BootRun Measure(int run, string box, string resultsDir)
    {
        // stdin redirected and closed at once: box/box and qemu read an empty stdin, as a batch caller's.
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { box, "run", "boot-time", "--no-build", "--timeout", BoxTimeoutSeconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        var lines = new List<StampedLine>();
        var clock = Stopwatch.StartNew();
        void Stamp(string? text, bool stderr)
        {
            if (text is null)
            {
                return;
            }
            double at = clock.Elapsed.TotalSeconds;
            lock (lines)
            {
                lines.Add(new StampedLine(at, stderr, text));
            }
        }
        using Process p = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        p.StandardInput.Close();
        p.OutputDataReceived += (_, e) => Stamp(e.Data, stderr: false);
        p.ErrorDataReceived += (_, e) => Stamp(e.Data, stderr: true);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        // box/box's own timeout ends qemu; this one only guards against box/box itself hanging.
        if (!p.WaitForExit(TimeSpan.FromSeconds(BoxTimeoutSeconds + 60)))
        {
            p.Kill(entireProcessTree: true);
        }
        p.WaitForExit(); // drains both streams
        clock.Stop();
        StampedLine[] ordered;
        lock (lines)
        {
            ordered = [.. lines.OrderBy(l => l.Seconds)];
        }
        string logFile = Path.Combine(resultsDir, $"run-{run}.log");
        var log = new StringBuilder();
        foreach (StampedLine line in ordered)
        {
            log.Append(string.Create(CultureInfo.InvariantCulture, $"{line.Seconds,10:F4} {(line.Stderr ? "err" : "out")}| {line.Text}\n"));
        }
        File.WriteAllText(logFile, log.ToString());
        // The machine is shared: the 1-minute load average when the run ended says whether something else ran beside qemu.
        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return new BootRun(run, p.ExitCode, BootMarkers.Find(ordered), clock.Elapsed.TotalSeconds, logFile, load);
    }
}
