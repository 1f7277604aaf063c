using System.Globalization;
using System.Text;
using Medulla.Bench.Measurement;
using Medulla.Bench.Scenarios;
using Medulla.Bench.Targets;

namespace Medulla.Bench.Orchestration;

/// <summary>
/// Writes docs/benchmarks.md from the medians of a run. Everything with a number in it comes from the
/// results; the fixed text only says how things were measured and how each peer was set up.
/// </summary>
internal sealed class ReportWriter
{
    private const double MiB = 1024 * 1024;

    /// <summary>Peers configured never to drop (the "lossless" ones the throughput target compares with).</summary>
    /// <summary>The side reports whose ratio tables docs/benchmarks.md carries, in this order.</summary>
    private static readonly string[] SideReports = ["benchmarks-syslog.md", "benchmarks-kmsg.md", "benchmarks-coldplug.md", "benchmarks-boot.md"];

    /// <summary>The paragraph of docs/benchmarks.md that lists the side benchmarks; their ratio tables follow it.</summary>
    private const string SideBenchmarksParagraph =
        "The kernel-events benchmarks run on their own, as root: `dotnet run -c Release --project bench/Medulla.Bench -- syslog` (/dev/log receivers: Medulla.SystemLog against rsyslog and busybox syslogd), " +
        "`... -- kmsg` (reading the /dev/kmsg ring: Medulla against `dmesg -r`) and `... -- coldplug` (Medulla.Devices' scan of /sys/devices against reading every `uevent` file); " +
        "they are in [benchmarks-syslog.md](benchmarks-syslog.md), [benchmarks-kmsg.md](benchmarks-kmsg.md) and [benchmarks-coldplug.md](benchmarks-coldplug.md). " +
        "The boot-time benchmark of the device in a box (qemu start to the demo app's first log line and to 'validated', under TCG) runs with " +
        "`dotnet run -c Release --project bench/Medulla.Bench -- box-boot` (after `box/box build`) and is in [benchmarks-boot.md](benchmarks-boot.md). " +
        "Their ratios, copied from those reports when this one was written:";

    /// <summary>
    /// Rewrites, in docs/benchmarks.md as it is, only the paragraph that lists the side benchmarks and the
    /// ratio tables after it (up to the next heading), from the side reports now in docs/: what a side
    /// command does after writing its report, without regenerating the logging benchmarks' numbers.
    /// </summary>
    internal static void RefreshSideReportRatios()
    {
        string path = Path.Combine(Orchestrator.RepositoryRoot(), "docs", "benchmarks.md");
        if (!File.Exists(path))
        {
            return;
        }
        List<string> lines = [.. File.ReadAllLines(path)];
        int start = lines.FindIndex(l => l.StartsWith("The kernel-events benchmarks run on their own", StringComparison.Ordinal));
        int end = start < 0 ? -1 : lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (start < 0 || end < 0)
        {
            Console.Error.WriteLine($"{path}: no side-benchmarks paragraph followed by a heading; left as it was");
            return;
        }
        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, [SideBenchmarksParagraph, "", .. SideReportRatios(SideReports)]);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        Console.WriteLine($"wrote the side reports' ratios into {path}");
    }

    /// <summary>
    /// The ratio tables of the reports the separate benchmark commands wrote to docs/ (each report's
    /// "## Ratio..." section, with the run it came from), so this summary shows every comparison.
    /// </summary>
    private static IEnumerable<string> SideReportRatios(params string[] files)
    {
        foreach (string file in files)
        {
            string path = Path.Combine(Orchestrator.RepositoryRoot(), "docs", file);
            if (!File.Exists(path))
            {
                continue;
            }
            string[] lines = File.ReadAllLines(path);
            string title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..] ?? file;
            string run = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"the run started ([0-9-]+ [0-9:]+ UTC)")).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "unknown run";
            int start = Array.FindIndex(lines, l => l.StartsWith("## Ratio", StringComparison.Ordinal));
            if (start < 0)
            {
                continue;
            }
            yield return $"**{title.Replace("Benchmarks: ", "", StringComparison.Ordinal)}** ([{file}]({file}), run of {run}):";
            yield return "";
            foreach (string line in lines.Skip(start + 1).SkipWhile(string.IsNullOrWhiteSpace).TakeWhile(l => l.StartsWith('|')))
            {
                yield return line;
            }
            yield return "";
        }
    }

    /// <summary>How far apart two rows that run the same code may measure and still count as equal.</summary>
    private const double DisabledCallTolerance = 0.05;

    private static readonly string[] Peers = ["serilog-lossless", "serilog-default", "nlog-lossless", "nlog-default", "mel-console"];

    private readonly List<Summary> _summaries;
    private readonly List<ProbeStage>? _probe;
    private readonly StringBuilder _out = new();

    private ReportWriter(List<Summary> summaries, List<ProbeStage>? probe)
    {
        _summaries = summaries;
        _probe = probe;
    }

    internal static string Write(List<Summary> summaries, List<ProbeStage>? probe, MachineInfo machine, DateTime started, int rounds, TimeSpan took)
    {
        var w = new ReportWriter(summaries, probe);
        w.Header(machine, started, rounds, took);
        w.Targets();
        w.Configurations();
        w.ScenarioA();
        w.ScenarioB();
        w.ILoggerRows();
        w.ScenarioC();
        w.Sweep();
        w.Diagnostics();
        w.Probe();
        w.Discussion();
        w.Samples();
        return w._out.ToString();
    }

    // ---- sections ----

    private void Header(MachineInfo m, DateTime started, int rounds, TimeSpan took)
    {
        L("# Benchmarks: Medulla.Logging against Serilog, NLog and Microsoft.Extensions.Logging");
        L();
        L($"Generated by `bench/Medulla.Bench` from the run started {started:yyyy-MM-dd HH:mm} UTC ({rounds} rounds{(took > TimeSpan.Zero ? $", {took.TotalMinutes:F1} minutes" : "")}). " +
          "Do not edit the numbers by hand: rerun the benchmark, which rewrites this file.");
        L();
        foreach (string line in m.MachineSection())
        {
            L(line);
        }
        L($"- Runtime: {m.Runtime}, {m.Gc} GC, tiered compilation with dynamic PGO (defaults), Release build");
        L($"- Log files: {m.LogDirectory}");
        L($"- Libraries: {string.Join(", ", m.Libraries.Select(l => $"{l.Name} {l.Version}"))}");
        if (m.Source is not null)
        {
            L($"- Medulla source: {m.Source}");
        }
        L();
        L("## How to run");
        L();
        L("```");
        L("dotnet run -c Release --project bench/Medulla.Bench -- all");
        L("```");
        L();
        L("`all` accepts `--rounds N` (default 3), `--only lib,lib`, `--scenarios a,b,c` and `--no-doc` (keep docs/benchmarks.md). " +
          "One measurement on its own: `dotnet run -c Release --project bench/Medulla.Bench -- run <library> <a|b|c> <default|sync=N> <out.json>`; " +
          "Medulla's stage-by-stage breakdown alone: `... -- probe`; this report again from raw results: `... -- report <runs.jsonl> <out.md>`. " +
          "Raw results (one JSON line per child run) go to `bench/results/<date>/runs.jsonl`, which git ignores.");
        L();
        L("The firmware benchmarks (reading the U-Boot environment, `medulla fw printenv` against `fw_printenv`) run on their own with " +
          "`dotnet run -c Release --project bench/Medulla.Bench -- firmware` and are in [benchmarks-firmware.md](benchmarks-firmware.md).");
        L();
        L("The heart benchmark (idle resident memory and CPU wakeups of `medulla-heart` against Erlang/OTP's `heart`, side by side) runs on its own with " +
          "`dotnet run -c Release --project bench/Medulla.Bench -- heart` and is in [benchmarks-heart.md](benchmarks-heart.md).");
        L();
        L(SideBenchmarksParagraph);
        L();
        foreach (string line in SideReportRatios(SideReports))
        {
            L(line);
        }
        L("## Method");
        L();
        L("- Every (library, scenario, configuration) runs in a fresh child process of the bench executable, so JIT state, GC heap and peak " +
          $"memory belong to one library. The parent runs {rounds} rounds, the order reversed every other round, and reports the **median**; " +
          $"the rows the targets compare get {rounds + RunPlan.ExtraRounds} rounds, because their differences are small against the noise: Medulla's default and sweep runs of scenarios a and c, the floor of a and c, and in (a) the lossless peers and every ILogger row. " +
          "\"spread\" is (max - min) / median over the rounds.");
        L("- The event, for every library: one info message with an int, a string and a double, `Processed order {OrderId} for {Customer} in {Elapsed} ms` " +
          "(Medulla: `log.Log(Level.Info, $\"Processed order {orderId} for {customer} in {elapsed} ms\")`; Serilog `log.Information(template, i, s, d)` on its sealed `Logger` class; " +
          "NLog `logger.Info(template, i, s, d)` with `{Customer:l}` so the string is not quoted; M.E.Logging a `LoggerMessage.Define<int, string, double>` delegate). " +
          "Each library writes one line per event with timestamp, level, category and message to a file in the temp directory.");
        L("- The ILogger rows (`<library>-ilogger-<shape>`) put Microsoft.Extensions.Logging's `LoggerFactory` in front of the same library set-ups " +
          "(Medulla's `MedullaLoggerProvider`, Serilog.Extensions.Logging, NLog.Extensions.Logging, MEL's console provider) and call `ILogger` in three shapes: " +
          "a `LoggerMessage.Define<int, string, double>` delegate (`define`), a `[LoggerMessage]` source-generated method (`generated`) and " +
          "`LogInformation(template, orderId, customer, elapsed)` (`template`, a params array per call). The factory's minimum level is Information " +
          "(Warning in scenario b), as `Logging:LogLevel:Default` would set it.");
        int[] warmups = [.. _summaries.SelectMany(x => x.Good).Select(r => r.WarmupPasses).Where(p => p > 0).Order()];
        string warmupSpan = warmups.Length == 0 ? "" : $" Here the children needed {warmups[0]} to {warmups[^1]} passes (median {warmups[warmups.Length / 2]}).";
        L($"- Before measuring, each child warms up on a throw-away logger in passes ({ScenarioRunner.WarmupEventsPerThread:N0} events " +
          $"per thread in calls of {ScenarioRunner.WarmupChunk}; scenario b: 100 calls of {ScenarioRunner.WarmupDisabledChunk:N0}), each followed by a " +
          $"{ScenarioRunner.WarmupPauseMs} ms pause, until the JIT compiled nothing in {ScenarioRunner.QuietPassesNeeded} passes in a row " +
          $"(`JitInfo.GetCompiledMethodCount`; at least {ScenarioRunner.MinWarmupPasses}, at most {ScenarioRunner.MaxWarmupPasses} passes).{warmupSpan} " +
          "A fixed 4 passes, used before, left the hot paths in instrumented tier-0 code that was promoted to tier 1 only during the measurement " +
          "(seen with `DOTNET_JitStdOutFile`), which made every library look several times slower than it is. Then the child collects garbage, " +
          "notes its resident memory (idle) and resets the peak (`/proc/self/clear_refs`).");
        L("- Time runs from the first call until everything is flushed and the logger disposed (Medulla: `Flush(1 min)` then `Dispose`; Serilog and " +
          "M.E.Logging: dispose; NLog: `Flush` then dispose; floor: dispose the FileStream). Medulla's FileSink also fsyncs on flush and close " +
          "(`SyncOnFlush` defaults to true), which no peer does: its time includes making the file durable. *ms callers done* is when the " +
          "logging threads returned from their last call.");
        L("- Lines are counted exactly in the files afterwards. *Event lines* contain the message; *other lines* are what a library added on its " +
          "own (Medulla's overload reports). *Dropped* is what the library reports: Medulla `GetHandlerStatus(id)` Dropped + Flushed, Serilog the " +
          "async sink's `DroppedMessagesCount`, NLog `AsyncTargetWrapper.LogEventDropped` events; M.E.Logging's console provider has no counter (\"-\").");
        L("- Allocation: *callers* is `GC.GetAllocatedBytesForCurrentThread` on the logging threads around their loops; *process* is " +
          "`GC.GetTotalAllocatedBytes(precise: true)` from the first event to disposal, so it includes background writer threads and shutdown.");
        L("- Memory: peak resident set (VmHWM) minus the idle resident set measured in the same process before the logger was created.");
        double[] foreign = [.. _summaries.SelectMany(x => x.Good).Select(r => r.ForeignCpuCores).OfType<double>().Order()];
        if (foreign.Length > 0)
        {
            int busy = foreign.Count(f => f > 0.25);
            L($"- The machine is shared. While the children ran, other processes used {F2(foreign[foreign.Length / 2])} cores' worth of CPU " +
              $"in the median run (max {F2(foreign[^1])}; {busy} of {foreign.Length} runs above 0.25 cores), measured from /proc/stat minus the child's own CPU time. " +
              "Before each child the parent waits up to 5 s for the machine to be idle (under 0.3 cores busy over 250 ms). The spread column shows how much the rest moved the results.");
        }
        bool swept = _summaries.Any(x => x.Run.Library == "medulla" && x.Run.Config != "default");
        if (!Has("c") || !swept)
        {
            string scenarios = string.Join(", ", new[] { "a", "b", "c" }.Where(Has).Select(x => $"({x})"));
            L($"- This run was kept short: scenarios {scenarios}, " + (swept ? "with" : "no") + " sync-mode sweep (`--no-sweep`), the rounds above.");
        }
        L();
    }

    private void Targets()
    {
        L("## Targets from the issue");
        L();
        L("| scenario | target | measured (median) | met |");
        L("|---|---|---|---|");
        Summary? a = Get("medulla", "a");
        Summary? floorA = Get("floor", "a");
        if (a is not null && !a.Failed)
        {
            bool lossless = a.AllRounds(r => r.EventLines == r.Events && r.Dropped == 0);
            Row("(a)", "Medulla loses nothing (200,000 event lines, 0 dropped, every round)",
                $"{Lines(a)} event lines, {Dropped(a)} dropped; {RoundsWhere(a, r => r.EventLines == r.Events && r.Dropped == 0)} rounds complete", Met(lossless));
            (string name, double eps)? fastest = FastestLosslessPeer("a");
            if (fastest is { } f)
            {
                double ratio = Eps(a) / f.eps;
                Row("(a)", "events/s >= 1.5x the fastest lossless peer", $"{N0(Eps(a))} ev/s = {X(ratio)} {f.name} ({N0(f.eps)} ev/s)", Met(ratio >= 1.5));
            }
            if (floorA is not null && !floorA.Failed)
            {
                double share = Eps(a) / Eps(floorA);
                Row("(a)", "events/s >= 50% of the floor", $"{P(share)} of the floor ({N0(Eps(floorA))} ev/s)", Met(share >= 0.5));
            }
            double bytes = a.Median(r => r.ProcessBytesPerEvent) ?? double.NaN;
            double caller = a.Median(r => r.CallerBytesPerEvent) ?? double.NaN;
            Row("(a)", "<= 32 bytes allocated per event (whole process)", $"{F1(bytes)} B/event (callers alone {F1(caller)})", Met(bytes <= 32));
        }
        Summary? b = Get("medulla", "b");
        if (b is not null && !b.Failed)
        {
            double ns = b.Median(r => r.NsPerCall) ?? double.NaN;
            double bytes = b.Max(r => r.BytesPerCall) ?? double.NaN;
            Row("(b)", "< 5 ns per filtered call", $"{F2(ns)} ns", Met(ns < 5));
            Row("(b)", "0 bytes per filtered call (every round)", $"{bytes.ToString("0.####", CultureInfo.InvariantCulture)} B (worst round)", Met(bytes == 0));
        }
        if (Get("medulla-ilogger-define", "a") is { Failed: false } define)
        {
            double bytes = define.Median(r => r.ProcessBytesPerEvent) ?? double.NaN;
            double caller = define.Median(r => r.CallerBytesPerEvent) ?? double.NaN;
            Row("(a) ILogger", "LoggerMessage.Define through Medulla: <= 32 bytes per event (whole process)", $"{F1(bytes)} B/event (callers alone {F1(caller)})", Met(bytes <= 32));
            // The issue's target compares with the lossless peers' rows of (a); the same peers behind
            // ILogger are reported too, because NLog is faster through its MEL provider than natively.
            if (FastestLosslessPeer("a") is { } f)
            {
                double ratio = Eps(define) / f.eps;
                Row("(a) ILogger", "LoggerMessage.Define through Medulla: events/s >= 3x the fastest lossless peer of (a)",
                    $"{N0(Eps(define))} ev/s = {X(ratio)} `{f.name}` ({N0(f.eps)} ev/s)", Met(ratio >= 3));
            }
            (string Name, double Eps)? throughILogger = TargetCatalog.ILoggerNames.Where(n => !n.StartsWith("medulla-", StringComparison.Ordinal))
                .Select(n => Get(n, "a")).Where(x => x is { Failed: false }).Select(x => (x!.Run.Library, Eps(x))).MaxBy(x => x.Item2);
            if (throughILogger is { } g)
            {
                double ratio = Eps(define) / g.Eps;
                Row("(a) ILogger", "like for like: the same, against the fastest lossless peer through ILogger",
                    $"{N0(Eps(define))} ev/s = {X(ratio)} `{g.Name}` ({N0(g.Eps)} ev/s)", Met(ratio >= 3));
            }
        }
        if (Get("medulla-ilogger-define", "b") is { Failed: false } mb && Get("mel-console-ilogger-define", "b") is { Failed: false } cb)
        {
            double ours = mb.Median(r => r.NsPerCall) ?? double.NaN;
            double theirs = cb.Median(r => r.NsPerCall) ?? double.NaN;
            // MEL's rules reject the level before any provider is called, so both rows run the same code
            // and can differ only by noise: within DisabledCallTolerance counts as equal.
            Row("(b) ILogger", $"disabled ILogger call through Medulla <= through MEL's console provider (equal within {P(DisabledCallTolerance)}: the same MEL code runs for both)",
                $"{F2(ours)} ns vs {F2(theirs)} ns ({X(ours / theirs)})", Met(ours <= theirs * (1 + DisabledCallTolerance)));
        }
        Summary? c = Get("medulla", "c");
        if (c is not null && !c.Failed)
        {
            bool exact = c.AllRounds(r => r.EventLines + r.Dropped == r.Events);
            Row("(c)", "event lines + dropped = 400,000 exactly (every round)",
                $"{Lines(c)} + {Dropped(c)}; exact in {RoundsWhere(c, r => r.EventLines + r.Dropped == r.Events)} rounds", Met(exact));
            double peak = (c.Median(r => r.PeakAboveIdleBytes) ?? double.NaN) / MiB;
            Row("(c)", "peak working set < 64 MiB above idle", $"{F1(peak)} MiB", Met(peak < 64));
        }
        L();
        L("The lossless peers are the ones configured not to drop: " + string.Join(", ", RunPlan.LosslessPeers.Select(p => $"`{p}`")) +
          " (M.E.Logging's console queue waits when full by default).");
        L();
    }

    private void Configurations()
    {
        L("## Configurations");
        L();
        L("| name | set-up |");
        L("|---|---|");
        foreach (string name in TargetCatalog.Names.Concat(TargetCatalog.DiagnosticNames).Concat(TargetCatalog.ILoggerNames).Append(TargetCatalog.SerilogViaInterface))
        {
            Summary? s = _summaries.FirstOrDefault(x => x.Run.Library == name && x.Run.Config == "default" && !x.Failed);
            if (s?.First?.Description is { } d)
            {
                L($"| `{name}` | {Escape(d)} |");
            }
        }
        L();
    }

    private void ScenarioA()
    {
        if (!Has("a"))
        {
            return;
        }
        L($"## (a) {Scenario.Throughput.Title}");
        L();
        L("| library | events/s | spread | ms callers done | ms until flushed | event lines | other lines | dropped | B/event callers | B/event process | medulla / this | this / floor |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Summary? medulla = Get("medulla", "a");
        Summary? floor = Get("floor", "a");
        foreach (string name in TargetCatalog.Names)
        {
            if (Get(name, "a") is not { } s)
            {
                continue;
            }
            if (s.Failed)
            {
                L($"| `{name}` | failed: {Escape(Short(s.FirstError))} | | | | | | | | | | |");
                continue;
            }
            L($"| `{name}` | {N0(Eps(s))} | {Spread(s, r => r.EventsPerSecond)} | {N0(s.Median(r => r.CallersDoneMs))} | {N0(s.Median(r => r.ElapsedMs))} | {Lines(s)} | {N0(s.Median(r => r.OtherLines))} | {Dropped(s)} | " +
              $"{F1(s.Median(r => r.CallerBytesPerEvent))} | {F1(s.Median(r => r.ProcessBytesPerEvent))} | {Ratio(medulla, s)} | {Ratio(s, floor)} |");
        }
        L();
        L("*events/s* is events logged divided by the time until they were all flushed; for a library that drops, that counts calls, not lines written.");
        L();
        RatioLine("a", medulla, floor);
    }

    private void ScenarioB()
    {
        if (!Has("b"))
        {
            return;
        }
        L($"## (b) {Scenario.Filtered.Title}");
        L();
        L($"{Scenario.Filtered.DisabledCalls:N0} calls in a tight loop after warm-up, timed in {ScenarioRunner.FilteredSegments} segments of {Scenario.Filtered.DisabledCalls / ScenarioRunner.FilteredSegments:N0} (the median segment is reported, bytes are counted over all); nothing subtracted (the loop itself and computing the three " +
          "arguments are included). Serilog, NLog and M.E.Logging evaluate the arguments before their level check; Medulla's interpolated-string " +
          "handler evaluates nothing when the level is off. The floor reads a level field (volatile) and compares.");
        L();
        L("| library | ns/call | spread | bytes/call | this / medulla (time) | this / floor (time) |");
        L("|---|---:|---:|---:|---:|---:|");
        Summary? medulla = Get("medulla", "b");
        Summary? floor = Get("floor", "b");
        foreach (string name in RunPlan.FilteredLibraries)
        {
            if (Get(name, "b") is not { } s)
            {
                continue;
            }
            if (s.Failed)
            {
                L($"| `{LibraryOnly(name)}` | failed: {Escape(Short(s.FirstError))} | | | | |");
                continue;
            }
            L($"| `{LibraryOnly(name)}` | {F2(s.Median(r => r.NsPerCall))} | {Spread(s, r => r.NsPerCall)} | {s.Max(r => r.BytesPerCall)?.ToString("0.####", CultureInfo.InvariantCulture)} | " +
              $"{TimeRatio(s, medulla)} | {TimeRatio(s, floor)} |");
        }
        L();
        L("The level check does not depend on the sink, so one configuration per library is measured (Serilog and NLog: the lossless set-up).");
        L();
        if (Get(TargetCatalog.SerilogViaInterface, "b") is { Failed: false } viaInterface && Get("serilog-lossless", "b") is { Failed: false } concrete)
        {
            L($"What changed for Serilog: an earlier report measured 7.66 ns because the bench called `Information<T0, T1, T2>` through Serilog's `ILogger` " +
              $"interface, where a generic method is a generic virtual method resolved by a run-time lookup on every call; calling it on the sealed `Logger` " +
              $"class, as an independent harness did, costs {F2(concrete.Median(r => r.NsPerCall))} ns in this run, against {F2(viaInterface.Median(r => r.NsPerCall))} ns " +
              $"through the interface (`{TargetCatalog.SerilogViaInterface}`, same run); the arguments, the overload and the absence of boxing are the same in both.");
            L();
        }
    }

    private void ILoggerRows()
    {
        if (!TargetCatalog.ILoggerNames.Any(n => Get(n, "a") is not null || Get(n, "b") is not null))
        {
            return;
        }
        L("## Through ILogger (Microsoft.Extensions.Logging)");
        L();
        L("Scenario (a), one thread, 200,000 events to a file, each library behind `LoggerFactory`:");
        L();
        L("| library | call | events/s | spread | event lines | dropped | B/event callers | B/event process | medulla define / this |");
        L("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        Summary? define = Get("medulla-ilogger-define", "a");
        foreach (string name in TargetCatalog.ILoggerNames)
        {
            if (Get(name, "a") is not { } s)
            {
                continue;
            }
            int at = name.IndexOf("-ilogger-", StringComparison.Ordinal);
            string library = name[..at], call = name[(at + 9)..];
            if (s.Failed)
            {
                L($"| `{library}` | {call} | failed: {Escape(Short(s.FirstError))} | | | | | | |");
                continue;
            }
            L($"| `{library}` | {call} | {N0(Eps(s))} | {Spread(s, r => r.EventsPerSecond)} | {Lines(s)} | {Dropped(s)} | " +
              $"{F1(s.Median(r => r.CallerBytesPerEvent))} | {F1(s.Median(r => r.ProcessBytesPerEvent))} | {Ratio(define, s)} |");
        }
        if (Get("medulla", "a") is { Failed: false } native && define is { Failed: false })
        {
            L();
            L($"For comparison, Medulla's own API (`medulla`, same run): {N0(Eps(native))} ev/s, {F1(native.Median(r => r.ProcessBytesPerEvent))} B/event; " +
              $"the ILogger `define` path reaches {P(Eps(define) / Eps(native))} of it.");
        }
        L();
        L("Scenario (b), the call below the level through ILogger (`LoggerMessage.Define`, factory at Warning):");
        L();
        L("| library | ns/call | spread | bytes/call | this / medulla (time) |");
        L("|---|---:|---:|---:|---:|");
        Summary? mb = Get("medulla-ilogger-define", "b");
        foreach (string name in RunPlan.FilteredILoggerLibraries.Where(n => n != TargetCatalog.SerilogViaInterface))
        {
            if (Get(name, "b") is not { } s)
            {
                continue;
            }
            string library = name[..name.IndexOf("-ilogger-", StringComparison.Ordinal)];
            if (s.Failed)
            {
                L($"| `{library}` | failed: {Escape(Short(s.FirstError))} | | | |");
                continue;
            }
            L($"| `{library}` | {F2(s.Median(r => r.NsPerCall))} | {Spread(s, r => r.NsPerCall)} | {s.Max(r => r.BytesPerCall)?.ToString("0.####", CultureInfo.InvariantCulture)} | {TimeRatio(s, mb)} |");
        }
        L();
        L("When MEL's rules reject the level, no provider is called: the cost is MEL's own `Logger` and is the same whichever provider is behind it. " +
          "The lines the ILogger rows wrote are in the samples below.");
        L();
    }

    private void ScenarioC()
    {
        if (!Has("c"))
        {
            return;
        }
        L($"## (c) {Scenario.Concurrent.Title}");
        L();
        L("| library | events/s | spread | ms callers done | ms until flushed | event lines | other lines | dropped | lines + dropped | peak MiB above idle | B/event process | medulla / this | this / floor |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Summary? medulla = Get("medulla", "c");
        Summary? floor = Get("floor", "c");
        foreach (string name in TargetCatalog.Names)
        {
            if (Get(name, "c") is not { } s)
            {
                continue;
            }
            if (s.Failed)
            {
                L($"| `{name}` | failed: {Escape(Short(s.FirstError))} | | | | | | | | | | | |");
                continue;
            }
            string sum = s.First!.Dropped is null ? "-" : N0(s.Median(r => r.EventLines + r.Dropped));
            L($"| `{name}` | {N0(Eps(s))} | {Spread(s, r => r.EventsPerSecond)} | {N0(s.Median(r => r.CallersDoneMs))} | {N0(s.Median(r => r.ElapsedMs))} | {Lines(s)} | {N0(s.Median(r => r.OtherLines))} | {Dropped(s)} | {sum} | " +
              $"{F1(s.Median(r => r.PeakAboveIdleBytes) / MiB)} | {F1(s.Median(r => r.ProcessBytesPerEvent))} | {Ratio(medulla, s)} | {Ratio(s, floor)} |");
        }
        L();
        L("The floor serialises the four threads' writes with a lock around one FileStream.");
        L();
        RatioLine("c", medulla, floor);
    }

    private void Sweep()
    {
        var rows = RunPlan.SyncSweep
            .Select(sync => (sync, a: SweepRun("a", sync), c: SweepRun("c", sync)))
            .Where(x => x.a is not null && !x.a.Failed)
            .ToList();
        // Only the default measured (a run with --no-sweep): nothing to compare, so no recommendation.
        if (rows.Count < 2)
        {
            return;
        }
        L("## Sync-mode threshold sweep (Medulla, default options otherwise)");
        L();
        L("`SyncModeQueueLength` is the queue length at which callers start waiting for the handler's writer. Lower keeps less queued (memory, " +
          "latency to disk); higher lets a fast caller run ahead of the writer. OTP uses 10.");
        L();
        L("| SyncModeQueueLength | (a) events/s | (a) spread | (a) / best | (a) B/event process | (c) events/s | (c) lines + dropped | (c) peak MiB above idle |");
        L("|---:|---:|---:|---:|---:|---:|---:|---:|");
        double best = rows.Max(x => Eps(x.a!));
        foreach ((int sync, Summary? a, Summary? c) in rows)
        {
            bool cOk = c is not null && !c.Failed;
            L($"| {sync:N0}{(sync == RunPlan.DefaultSyncModeQueueLength ? " (current default)" : "")} | {N0(Eps(a!))} | {Spread(a!, r => r.EventsPerSecond)} | {P(Eps(a!) / best)} | {F1(a!.Median(r => r.ProcessBytesPerEvent))} | " +
              $"{(cOk ? N0(Eps(c!)) : "-")} | {(cOk ? N0(c!.Median(r => r.EventLines + r.Dropped)) : "-")} | {(cOk ? F1(c!.Median(r => r.PeakAboveIdleBytes) / MiB) : "-")} |");
        }
        L();
        // The rule: among the thresholds this run cannot tell from the best in single-thread throughput
        // (median within 5%, or middle range over the rounds overlapping the best one's) and that kept (c)
        // lossless and under the memory target, the smallest. Smaller is preferred because it bounds what
        // is queued; the middle range (without the highest and lowest round, given five or more) keeps one
        // noisy round from deciding either way.
        Summary bestRow = rows.MaxBy(x => Eps(x.a!)).a!;
        double bestLow = MiddleRange(bestRow).Low;
        bool Alike((int sync, Summary? a, Summary? c) x) => Eps(x.a!) >= 0.95 * best || MiddleRange(x.a!).High >= bestLow;
        var alike = rows.Where(Alike).ToList();
        var eligible = alike
            .Where(x => x.c is null || x.c.Failed || (x.c.AllRounds(r => r.EventLines + r.Dropped == r.Events) && (x.c.Median(r => r.PeakAboveIdleBytes) ?? 0) < 64 * MiB))
            .ToList();
        int recommended = eligible.Count > 0 ? eligible.Min(x => x.sync) : rows.MaxBy(x => Eps(x.a!)).sync;
        L($"**Recommended default: {recommended:N0}** (rule: the smallest threshold whose single-thread throughput this run cannot tell from the best " +
          "one's - median within 5%, or a middle range over the rounds (without the highest and lowest of five or more) that overlaps the best's - " +
          "with scenario (c) still lossless and under 64 MiB above idle; " +
          "smaller is preferred because it bounds the queue). " +
          (recommended == RunPlan.DefaultSyncModeQueueLength
              ? $"This is the current default ({RunPlan.DefaultSyncModeQueueLength:N0})."
              : recommended < RunPlan.DefaultSyncModeQueueLength
                  ? $"The default stays at {RunPlan.DefaultSyncModeQueueLength:N0}: this rule ranks a flood's throughput only, and a higher threshold " +
                    $"also lets a burst of up to {RunPlan.DefaultSyncModeQueueLength:N0} events pass without making the application's thread wait for the " +
                    "medium (a slow SD card, a full disk being rotated), at the cost of holding that burst in memory (about 100 bytes per event)."
                  : $"The current default is {RunPlan.DefaultSyncModeQueueLength:N0}."));
        if (alike.Count > 1)
        {
            L();
            L($"In (a), thresholds {string.Join(", ", alike.Select(x => x.sync.ToString("N0", CultureInfo.InvariantCulture)))} perform alike within " +
              "this run's noise, so single-thread throughput does not rank them" +
              (alike.Count < rows.Count
                  ? $"; {string.Join(", ", rows.Except(alike).Select(x => x.sync.ToString("N0", CultureInfo.InvariantCulture)))} {(rows.Count - alike.Count == 1 ? "is" : "are")} clearly slower."
                  : "."));
        }
        L();
    }

    private void Diagnostics()
    {
        var rows = new List<(string scenario, string name, Summary s)>();
        foreach (string scenario in new[] { "a", "c" })
        {
            string[] variants = ["medulla", .. TargetCatalog.DiagnosticNames];
            foreach (string name in variants)
            {
                if (Get(name, scenario) is { Failed: false } s)
                {
                    rows.Add((scenario, name, s));
                }
            }
        }
        if (!rows.Any(r => TargetCatalog.DiagnosticNames.Contains(r.name)))
        {
            return;
        }
        L("## Where Medulla's time goes");
        L();
        L("The same pipeline with two bench-only sinks: `medulla-rawsink` writes each block to a FileStream (64 KiB buffer, no fsync), " +
          "`medulla-discard` throws the records away. The gap between discard and raw sink is the cost of writing the file; between raw sink " +
          "and `medulla` the cost of the product's FileSink beyond a plain FileStream, mostly its fsync on flush (visible as the time between " +
          "callers done and flushed). The `probe` command (run once at the end of `all`) breaks the caller's cost down further, stage by stage.");
        L();
        L("| scenario | variant | events/s | ms callers done | ms until flushed | ns/event until flushed | B/event callers | B/event process |");
        L("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach ((string scenario, string name, Summary s) in rows)
        {
            L($"| ({scenario}) | `{name}` | {N0(Eps(s))} | {N0(s.Median(r => r.CallersDoneMs))} | {N0(s.Median(r => r.ElapsedMs))} | {F1(1e9 / Eps(s))} | " +
              $"{F1(s.Median(r => r.CallerBytesPerEvent))} | {F1(s.Median(r => r.ProcessBytesPerEvent))} |");
        }
        L();
    }

    private void Probe()
    {
        if (_probe is not { Count: > 0 } stages)
        {
            return;
        }
        L("### Stage by stage (the `probe` command)");
        L();
        L("One child process, Medulla only, 200,000 events per measurement on one thread, median of 5 after every stage has been warmed up. " +
          "Each row adds one part of the pipeline, or swaps the sink; *never waits* means overload thresholds so high that the caller never " +
          "waits for the writer. *caller* is the logging thread's own time; *until flushed* adds `Flush`.");
        L();
        L("| stage | caller ns/event | B/event (caller) | ns/event until flushed | mean batch (records) |");
        L("|---|---:|---:|---:|---:|");
        foreach (ProbeStage st in stages)
        {
            L($"| {Escape(st.Stage)} | {F1(st.CallerNs)} | {F1(st.BytesPerEvent)} | {F1(st.WallNs)} | {(st.MeanBatch is { } b ? F1(b) : "")} |");
        }
        L();
        ProbeStage? S(string prefix) => stages.FirstOrDefault(x => x.Stage.StartsWith(prefix, StringComparison.Ordinal));
        ProbeStage? clock = S("clock"), formatter = S("formatter alone"), built = S("event built, primary"), handler = S("event built + dispatched"),
            discard = S("+ format + enqueue, sink discards, never"), sleeps = S("+ format + enqueue, sink sleeps"), spins = S("+ format + enqueue, sink spins"),
            copies = S("+ format + enqueue, sink only copies"), fileSink = S("FileSink, default"), noSync = S("FileSink, SyncOnFlush = false");
        if (clock is null || built is null || handler is null || discard is null || copies is null)
        {
            return;
        }
        L("Read from the table:");
        L();
        L($"- Building the event (clock {F1(clock.CallerNs)} ns, then the message with its int, string and double) and passing the primary filters costs " +
          $"{F1(built.CallerNs)} ns per event" +
          (built.BytesPerEvent >= 1
              ? $" and already allocates {F1(built.BytesPerEvent)} B per event: that allocation happens before any handler runs."
              : $" and allocates nothing; what is allocated later ({F1(discard.BytesPerEvent)} B per event with a discarding sink) comes from queueing."));
        double handlerNs = handler.CallerNs - built.CallerNs;
        L($"- The handler's level and filter checks add {(handlerNs < 5 ? "nothing measurable" : F1(handlerNs) + " ns")}; formatting " +
          (formatter is null ? "" : $"(the formatter alone: {F1(formatter.CallerNs)} ns) ") +
          $"and queueing add {F1(discard.CallerNs - Math.Min(handler.CallerNs, built.CallerNs))} ns, for {F1(discard.CallerNs)} ns per event on the caller when the writer throws records away.");
        if (sleeps is not null && spins is not null)
        {
            bool nothingExtra = Math.Max(sleeps.CallerNs, spins.CallerNs) <= discard.CallerNs * 1.1;
            L($"- A writer that takes long per batch but rarely waits for work costs the caller " +
              (nothingExtra ? "nothing extra" : $"up to {F1(Math.Max(sleeps.CallerNs, spins.CallerNs) - discard.CallerNs)} ns more") +
              $": {F1(sleeps.CallerNs)} ns with a sink that sleeps 1 ms per batch and {F1(spins.CallerNs)} ns with one that spins (keeping the other core busy), " +
              $"at mean batches of {F1(sleeps.MeanBatch)} and {F1(spins.MeanBatch)} records.");
        }
        L($"- A writer that only reads the queued bytes (copies them, no system call) raises the caller to {F1(copies.CallerNs)} ns per event " +
          $"({(copies.CallerNs >= discard.CallerNs ? "+" : "")}{F1(copies.CallerNs - discard.CallerNs)} ns), with batches of {F1(copies.MeanBatch)} records" +
          (copies.CallerNs > discard.CallerNs * 1.1
              ? "; a writer that keeps up takes small batches, so its core reads queue memory right next to where the caller is writing."
              : ": on this machine, the writer's core reading what the caller wrote costs the caller nothing measurable."));
        if (fileSink is not null && noSync is not null)
        {
            L($"- With the FileSink the caller pays {F1(fileSink.CallerNs)} ns per event; the flush (fsync) adds {F1(fileSink.WallNs - fileSink.CallerNs)} ns per event " +
              $"of the 200,000 (with `SyncOnFlush = false`: {F1(noSync.WallNs - noSync.CallerNs)} ns).");
        }
        L();
    }

    private void Discussion()
    {
        L("## Discussion");
        L();
        Summary? a = Get("medulla", "a");
        if (a is { Failed: false })
        {
            var peers = Peers.Select(p => Get(p, "a")).Where(s => s is { Failed: false }).Select(s => s!).ToList();
            var lossless = peers.Where(p => RunPlan.LosslessPeers.Contains(p.Run.Library)).ToList();
            var lossy = peers.Except(lossless).ToList();
            if (lossless.Count > 0)
            {
                Summary best = lossless.MaxBy(Eps)!;
                L($"- (a) Among the set-ups that keep every event, Medulla ({N0(Eps(a))} ev/s) is {X(Eps(a) / Eps(best))} the fastest peer, `{best.Run.Library}` ({N0(Eps(best))} ev/s).");
            }
            foreach (Summary p in lossy)
            {
                double written = (p.Median(r => r.EventLines) ?? 0) / ((p.Median(r => r.ElapsedMs) ?? double.NaN) / 1000);
                L($"- (a) `{p.Run.Library}` returns after {N0(p.Median(r => r.ElapsedMs))} ms but wrote only {Lines(p)} of {p.First!.Events:N0} lines " +
                  $"({Dropped(p)} reported dropped): {N0(written)} lines written per second, against Medulla's {N0(Eps(a))}.");
            }
            if (Get("serilog-default", "a") is { Failed: false } && Get("serilog-lossless", "a") is { Failed: false })
            {
                L("- Serilog.Sinks.File is unbuffered by default (it flushes its stream after every event), which is what makes the default " +
                  "async buffer (10,000 events) fill and drop; NLog's FileTarget has AutoFlush on by default and its async queue (10,000) discards when full.");
            }
        }
        if (Get("medulla-otp", "a") is { Failed: false } otp && a is { Failed: false })
        {
            L($"- OTP's thresholds make the caller wait for the writer thread whenever 10 events are queued: " +
              $"`medulla-otp` reaches {P(Eps(otp) / Eps(a))} of the default configuration's rate in (a) and writes {N0(otp.Median(r => r.OtherLines))} " +
              "overload report lines of its own.");
        }
        if (a is { Failed: false } && Get("medulla-discard", "a") is { Failed: false } discard && Get("medulla-rawsink", "a") is { Failed: false } raw)
        {
            double events = a.First!.Events;
            double fsyncMs = (a.Median(r => r.ElapsedMs - r.CallersDoneMs) ?? double.NaN) - (raw.Median(r => r.ElapsedMs - r.CallersDoneMs) ?? double.NaN);
            L($"- (a) Where Medulla's time goes: with the records thrown away the pipeline runs at {N0(Eps(discard))} ev/s " +
              $"({F1(discard.Median(r => r.CallersDoneMs) * 1e6 / events)} ns per event on the caller); writing them through a plain FileStream on the handler's thread " +
              $"brings the caller to {F1(raw.Median(r => r.CallersDoneMs) * 1e6 / events)} ns per event; the FileSink's flush at the end (fsync) takes about " +
              $"{F1(fsyncMs)} ms more than the FileStream's. The floor spends {F1(Get("floor", "a") is { Failed: false } f ? f.Median(r => r.ElapsedMs) * 1e6 / events : null)} ns per event in all." +
              (raw.Median(r => r.CallersDoneMs) < discard.Median(r => r.CallersDoneMs)
                  ? $" (Writing to a file came out cheaper than throwing the records away: these two diagnostic rows have {discard.Rounds.Count} rounds, " +
                    "fewer than the pipeline's noise on this machine needs; the stage-by-stage probe above measures them in one process.)"
                  : ""));
        }
        Summary? b = Get("medulla", "b");
        if (b is { Failed: false })
        {
            var others = RunPlan.FilteredLibraries.Where(n => n != "medulla" && n != "floor").Select(n => Get(n, "b")).Where(s => s is { Failed: false }).ToList();
            if (others.Count > 0)
            {
                L($"- (b) A filtered Medulla call costs {F2(b.Median(r => r.NsPerCall))} ns; the peers {string.Join(", ", others.Select(s => $"`{LibraryOnly(s!.Run.Library)}` {F2(s.Median(r => r.NsPerCall))} ns"))}.");
            }
        }
        Summary? c = Get("medulla", "c");
        if (c is { Failed: false })
        {
            var peersC = Peers.Select(p => Get(p, "c")).Where(s => s is { Failed: false }).Select(s => s!).ToList();
            var lossyC = peersC.Where(p => p.Median(r => r.EventLines) < p.First!.Events).ToList();
            L($"- (c) With four threads on {Environment.ProcessorCount} cores, Medulla wrote {Lines(c)} event lines and reported {Dropped(c)} dropped " +
              $"at {N0(Eps(c))} ev/s, peaking {F1(c.Median(r => r.PeakAboveIdleBytes) / MiB)} MiB above idle." +
              (lossyC.Count > 0 ? $" Peers that lost events: {string.Join(", ", lossyC.Select(p => $"`{p.Run.Library}` ({Lines(p)} lines, {Dropped(p)} dropped)"))}." : ""));
        }
        L("- The machine has two cores: a library's background writer competes with the logging threads for them, so scenario (c) measures " +
          "contention as much as throughput, and results on a larger machine will differ.");
        L();
    }

    private void Samples()
    {
        L("## What each library wrote (last event line of scenario a)");
        L();
        L("```");
        foreach (string name in TargetCatalog.Names.Concat(TargetCatalog.ILoggerNames))
        {
            if (Get(name, "a")?.First?.SampleLine is { } line)
            {
                L($"{name,-29} {line}");
            }
        }
        L("```");
        if (Get("medulla-otp", "a")?.First?.SampleOtherLine is { } other)
        {
            L();
            L("An overload report line (medulla-otp):");
            L();
            L("```");
            L(other);
            L("```");
        }
        L();
    }

    // ---- helpers ----

    private void RatioLine(string scenario, Summary? medulla, Summary? floor)
    {
        if (medulla is null || medulla.Failed)
        {
            return;
        }
        var parts = Peers
            .Select(p => Get(p, scenario))
            .Where(s => s is { Failed: false })
            .Select(s => $"Medulla / {s!.Run.Library} = {X(Eps(medulla) / Eps(s))}")
            .ToList();
        if (floor is { Failed: false })
        {
            parts.Add($"Medulla / floor = {X(Eps(medulla) / Eps(floor))}");
        }
        L("Throughput ratios: " + string.Join("; ", parts) + ".");
        L();
    }

    private (string name, double eps)? FastestLosslessPeer(string scenario)
    {
        var peers = RunPlan.LosslessPeers.Select(p => Get(p, scenario)).Where(s => s is { Failed: false }).Select(s => (s!.Run.Library, Eps(s))).ToList();
        return peers.Count == 0 ? null : peers.MaxBy(p => p.Item2);
    }

    private Summary? SweepRun(string scenario, int sync) =>
        sync == RunPlan.DefaultSyncModeQueueLength ? Get("medulla", scenario) : Get("medulla", scenario, $"sync={sync}");

    private Summary? Get(string library, string scenario, string config = "default") =>
        _summaries.FirstOrDefault(s => s.Run.Library == library && s.Run.Scenario == scenario && s.Run.Config == config);

    private bool Has(string scenario) => _summaries.Any(s => s.Run.Scenario == scenario);

    private static double Eps(Summary s) => s.Median(r => r.EventsPerSecond) ?? double.NaN;

    private static string Ratio(Summary? numerator, Summary? denominator) =>
        numerator is { Failed: false } && denominator is { Failed: false } ? X(Eps(numerator) / Eps(denominator)) : "-";

    private static string TimeRatio(Summary s, Summary? baseline) =>
        baseline is { Failed: false } ? X((s.Median(r => r.NsPerCall) ?? double.NaN) / (baseline.Median(r => r.NsPerCall) ?? double.NaN)) : "-";

    private static string Lines(Summary s) => N0(s.Median(r => r.EventLines));

    private static string Dropped(Summary s) => s.First?.Dropped is null ? "-" : N0(s.Median(r => r.Dropped));

    private static string RoundsWhere(Summary s, Func<RunResult, bool> condition) =>
        $"{s.Good.Count(condition)}/{s.Rounds.Count}";

    private static string Spread(Summary s, Func<RunResult, double?> value)
    {
        double? median = s.Median(value), min = s.Min(value), max = s.Max(value);
        return median is > 0 && min is { } lo && max is { } hi ? P((hi - lo) / median.Value) : "-";
    }

    /// <summary>Lowest and highest events/s over the rounds, leaving out the extremes when there are five or more.</summary>
    private static (double Low, double High) MiddleRange(Summary s)
    {
        double[] v = [.. s.Good.Select(r => r.EventsPerSecond).Order()];
        if (v.Length == 0)
        {
            return (double.NaN, double.NaN);
        }
        int trim = v.Length >= 5 ? 1 : 0;
        return (v[trim], v[^(1 + trim)]);
    }

    private static string LibraryOnly(string name) => name switch
    {
        "serilog-lossless" => "serilog",
        "nlog-lossless" => "nlog",
        "mel-console" => "mel",
        _ => name,
    };

    private static string Met(bool met) => met ? "**yes**" : "**no**";

    private void Row(string scenario, string target, string measured, string met) => L($"| {scenario} | {target} | {measured} | {met} |");

    private static string N0(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string F1(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string F2(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static string P(double v) => double.IsNaN(v) ? "-" : (v * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    private static string X(double v) => double.IsNaN(v) || double.IsInfinity(v) ? "-" : v.ToString("F2", CultureInfo.InvariantCulture) + "x";

    private static string Short(string? text) => text is null ? "" : text.Length > 120 ? text[..120] + "..." : text;

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private void L(string line = "") => _out.Append(line).Append('\n');
}
