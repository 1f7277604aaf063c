using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Medulla.Bench.Measurement;
using Medulla.Bench.Scenarios;

namespace Medulla.Bench.Orchestration;

/// <summary>
/// The parent: runs every planned (library, scenario, config) in a fresh child process, for several
/// rounds with the order reversed every other round (so neither warm caches nor a slowly heating machine
/// favour whoever runs first), keeps the raw results and writes the report from the medians.
/// </summary>
internal static class Orchestrator
{
    internal static int RunAll(int rounds, ISet<string>? only, ISet<string>? scenarios, bool writeDoc, bool sweep = true)
    {
        string root = RepositoryRoot();
        List<PlannedRun> plan = RunPlan.Build(only, scenarios, sweep);
        if (plan.Count == 0)
        {
            Console.Error.WriteLine("nothing to run");
            return 2;
        }
        DateTime started = DateTime.UtcNow;
        string resultsDir = Path.Combine(root, "bench", "results", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(resultsDir);
        string rawPath = Path.Combine(resultsDir, "runs.jsonl");
        Console.WriteLine($"{plan.Count} runs x {rounds} rounds (the rows the targets compare {rounds + RunPlan.ExtraRounds}); raw results in {rawPath}");

        string binaries = Path.Combine(Path.GetTempPath(), $"medulla-bench-bin-{Environment.ProcessId}");
        ChildProcess.UseCopyOf(AppContext.BaseDirectory, binaries);
        SourceState source = SourceState.Read(root);
        var all = new List<RunResult>();
        var total = Stopwatch.StartNew();
        List<ProbeStage>? probe = null;
        try
        {
            using (var raw = new StreamWriter(rawPath))
            {
                // The sweep rows compare Medulla with itself, and the floor is the targets' reference; their
                // differences are smaller than this machine's run-to-run noise, so they get extra rounds at the
                // end (the other runs keep `rounds`).
                int totalRounds = rounds + RunPlan.ExtraRounds;
                for (int round = 1; round <= totalRounds; round++)
                {
                    List<PlannedRun> thisRound = round <= rounds ? plan : [.. plan.Where(RunPlan.HasExtraRounds)];
                    IEnumerable<PlannedRun> order = round % 2 == 1 ? thisRound : Enumerable.Reverse(thisRound);
                    int position = 0;
                    foreach (PlannedRun run in order)
                    {
                        position++;
                        string outFile = Path.Combine(resultsDir, $"child-{Environment.ProcessId}.json");
                        CpuTime.WaitForQuiet(TimeSpan.FromSeconds(5));
                        RunResult result = ChildProcess.Run(run, outFile) with { Round = round, Position = position };
                        File.Delete(outFile);
                        all.Add(result);
                        raw.WriteLine(JsonSerializer.Serialize(result, ResultJson.Default.RunResult));
                        raw.Flush();
                        Console.WriteLine($"[round {round}/{totalRounds} {position,2}/{thisRound.Count} {total.Elapsed:mm\\:ss}] {Describe(result)}");
                    }
                }
            }

            if (only is null && scenarios is null)
            {
                // Once, after the rounds: Medulla's cost stage by stage, for the report's breakdown.
                CpuTime.WaitForQuiet(TimeSpan.FromSeconds(5));
                Console.WriteLine("probe: Medulla stage by stage");
                probe = ChildProcess.RunProbe(Path.Combine(resultsDir, $"probe-{Environment.ProcessId}.json"));
                if (probe is not null)
                {
                    File.WriteAllText(Path.Combine(resultsDir, "probe.json"), JsonSerializer.Serialize(probe, ResultJson.Default.ListProbeStage));
                }
            }
        }
        finally
        {
            Directory.Delete(binaries, recursive: true);
        }
        var summaries = plan
            .Select(p => new Summary(p, [.. all.Where(r => r.Library == p.Library && r.Scenario == p.Scenario && r.Config == p.Config)]))
            .ToList();
        var machine = MachineInfo.Collect() with { Source = source.Describe() };
        File.WriteAllText(Path.Combine(resultsDir, "source.txt"), source.Describe() + "\n");
        string report = ReportWriter.Write(summaries, probe, machine, started, rounds, total.Elapsed);
        File.WriteAllText(Path.Combine(resultsDir, "benchmarks.md"), report);
        if (writeDoc)
        {
            string doc = Path.Combine(root, "docs", "benchmarks.md");
            File.WriteAllText(doc, report);
            Console.WriteLine($"wrote {doc}");
        }
        Console.WriteLine($"done in {total.Elapsed:mm\\:ss}; report also in {resultsDir}");
        return summaries.Any(s => s.Failed) ? 1 : 0;
    }

    /// <summary>Writes the report again from a run's raw results (to check a change to the report itself).</summary>
    internal static int Rewrite(string rawPath, string outPath)
    {
        List<RunResult> all = [.. File.ReadLines(rawPath)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize(line, ResultJson.Default.RunResult)!)];
        var summaries = RunPlan.Build(null, null)
            .Select(p => new Summary(p, [.. all.Where(r => r.Library == p.Library && r.Scenario == p.Scenario && r.Config == p.Config)]))
            .Where(s => s.Rounds.Count > 0)
            .ToList();
        int rounds = all.Where(r => !RunPlan.HasExtraRounds(new PlannedRun(r.Library, r.Scenario, r.Config))).Select(r => r.Round).DefaultIfEmpty(0).Max();
        string resultsDir = Path.GetDirectoryName(Path.GetFullPath(rawPath))!;
        // The results folder is named after the run's start (see RunAll); the file's own times are not.
        DateTime started = DateTime.TryParseExact(Path.GetFileName(resultsDir), "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime fromName)
            ? fromName
            : File.GetCreationTimeUtc(rawPath);
        string probePath = Path.Combine(resultsDir, "probe.json");
        List<ProbeStage>? probe = File.Exists(probePath)
            ? JsonSerializer.Deserialize(File.ReadAllText(probePath), ResultJson.Default.ListProbeStage)
            : null;
        string sourcePath = Path.Combine(resultsDir, "source.txt");
        var machine = MachineInfo.Collect() with { Source = File.Exists(sourcePath) ? File.ReadAllText(sourcePath).Trim() : null };
        File.WriteAllText(outPath, ReportWriter.Write(summaries, probe, machine, started, rounds, TimeSpan.Zero));
        Console.WriteLine($"wrote {outPath}");
        return 0;
    }

    private static string Describe(RunResult r)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{r.Library} {r.Scenario} {r.Config} (other load {r.ForeignCpuCores:F2} cores)");
        if (r.Error is not null)
        {
            return $"{name}: FAILED {r.Error}";
        }
        if (r.NsPerCall is { } ns)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name}: {ns:F2} ns/call, {r.BytesPerCall:F2} B/call");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {r.EventsPerSecond:N0} ev/s, lines {r.EventLines:N0} (+{r.OtherLines} other), dropped {(r.Dropped is { } d ? d.ToString("N0", CultureInfo.InvariantCulture) : "?")}, " +
            $"{r.ProcessBytesPerEvent:F1} B/ev, peak +{r.PeakAboveIdleBytes / 1048576.0:F1} MiB");
    }

    /// <summary>The directory holding Medulla.slnx, found upwards from the executable (or the working directory).</summary>
    internal static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Medulla.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Medulla.slnx not found above the bench executable or the working directory");
    }
}
