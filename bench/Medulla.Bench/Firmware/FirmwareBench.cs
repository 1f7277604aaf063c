using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Medulla.Bench.Orchestration;
using Medulla.Firmware;

namespace Medulla.Bench.Firmware;

/// <summary>
/// The `firmware` command: (a) reading and parsing a 128 KiB redundant environment in this process with
/// Medulla.Firmware, (b) `medulla fw printenv` against libubootenv's `fw_printenv` as whole processes on
/// the same image. Writes docs/benchmarks-firmware.md (and nothing else in docs/).
/// </summary>
internal static class FirmwareBench
{
    internal const int DefaultRuns = 30;
    private const int Warmups = 3;

    internal static int Run(int runs, bool writeDoc)
    {
        string root = Orchestrator.RepositoryRoot();
        DateTime started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        string resultsDir = Path.Combine(root, "bench", "results", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-firmware");
        Directory.CreateDirectory(resultsDir);
        SourceState source = SourceState.Read(root);
        string fwPrintenv = OnPath("fw_printenv") ?? throw new InvalidOperationException("fw_printenv is not installed: apt-get install -y libubootenv-tool");

        using BenchEnvironment env = BenchEnvironment.Create();
        Console.WriteLine($"environment: {env.ImagePath}, {env.Variables.Count} variables, {env.DataBytes} bytes per copy");

        List<EnvReadResult> inProcess = MeasureInProcess(env);

        string builds = Path.Combine(Path.GetTempPath(), $"medulla-bench-fw-build-{Environment.ProcessId}");
        List<ProgramTimes> programs;
        try
        {
            (PrintenvProgram singleFile, PrintenvProgram frameworkDependent) = MedullaBuilds.Publish(root, builds, env.ConfigPath);
            var reference = new PrintenvProgram("fw_printenv", "libubootenv-tool (C)", fwPrintenv, ["-c", env.ConfigPath], new FileInfo(fwPrintenv).Length);
            Console.WriteLine($"{runs} runs each of fw_printenv, medulla (single file), medulla (framework-dependent)");
            programs = ProcessTimer.Race([reference, singleFile, frameworkDependent], runs, Warmups);
        }
        finally
        {
            if (Directory.Exists(builds))
            {
                Directory.Delete(builds, recursive: true);
            }
        }
        foreach (ProgramTimes p in programs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Program.Name} ({p.Program.Build}): median {p.Median:F2} ms, min {p.Min:F2}, max {p.Max:F2}"));
        }

        var machine = MachineInfo.Collect() with { Source = source.Describe() };
        var run = new FirmwareRun(started, total.Elapsed, machine, PackageVersion("libubootenv-tool"), env, inProcess, programs, runs, Warmups);
        string report = FirmwareReportWriter.Write(run);
        File.WriteAllText(Path.Combine(resultsDir, "benchmarks-firmware.md"), report);
        File.WriteAllText(Path.Combine(resultsDir, "firmware.json"), JsonSerializer.Serialize(
            new FirmwareRawResults(inProcess, [.. programs.Select(p => new RawProgramTimes(p.Program.Name, p.Program.Build, [.. p.WallMs], p.PeakResidentKiB))]),
            FirmwareJson.Default.FirmwareRawResults));
        if (writeDoc)
        {
            string doc = Path.Combine(root, "docs", "benchmarks-firmware.md");
            File.WriteAllText(doc, report);
            Console.WriteLine($"wrote {doc}");
        }
        Console.WriteLine($"done in {total.Elapsed:mm\\:ss}; report also in {resultsDir}");
        return programs.All(p => p.Output == programs[0].Output) ? 0 : 1;
    }

    private static List<EnvReadResult> MeasureInProcess(BenchEnvironment env)
    {
        byte[] copy = env.CurrentCopy();
        byte[] corrupt = (byte[])copy.Clone();
        corrupt[^1] ^= 0x01;
        var noLock = new UBootEnvironment(env.Config, lockPath: null);
        var locked = new UBootEnvironment(env.Config, UBootEnvironment.DefaultLockPath);
        int expected = env.Variables.Count;
        if (noLock.Read().Variables.Count != expected || UBootEnvCodec.Decode(copy, EnvLayout.Redundant).Variables.Count != expected)
        {
            throw new InvalidOperationException("the bench environment does not read back as written");
        }
        (string Name, Func<object?> Call)[] operations =
        [
            ("`UBootEnvCodec.Decode`, one valid copy in memory (CRC + parse)", () => UBootEnvCodec.Decode(copy, EnvLayout.Redundant)),
            ("`UBootEnvCodec.Decode`, one corrupt copy in memory (the CRC alone: decoding stops at the mismatch)", () => UBootEnvCodec.Decode(corrupt, EnvLayout.Redundant)),
            ("`UBootEnvironment.Read()`, no lock file (open, read and decode both copies, choose)", () => noLock.Read()),
            ($"`UBootEnvironment.Read()`, with the lock file {UBootEnvironment.DefaultLockPath} (as `medulla fw printenv` and `fw_printenv`)", () => locked.Read()),
        ];
        var results = new List<EnvReadResult>();
        foreach ((string name, Func<object?> call) in operations)
        {
            EnvReadResult result = EnvReadMeasurement.Measure(name, call);
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {result.MedianNs / 1000:F1} µs, {result.BytesPerOperation:N0} B"));
        }
        return results;
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);

    /// <summary>The installed version of a Debian package, from dpkg-query; "(version unknown)" when it cannot tell.</summary>
    internal static string PackageVersion(string package)
    {
        try
        {
            var start = new ProcessStartInfo("dpkg-query") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { "-W", "-f", "${Version}", package })
            {
                start.ArgumentList.Add(argument);
            }
            using Process dpkg = Process.Start(start)!;
            string version = dpkg.StandardOutput.ReadToEnd().Trim();
            dpkg.WaitForExit();
            return dpkg.ExitCode == 0 && version.Length > 0 ? version : "(version unknown)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "(version unknown)";
        }
    }
}

/// <summary>The raw results of a firmware run, kept beside the report.</summary>
internal sealed record FirmwareRawResults(List<EnvReadResult> InProcess, List<RawProgramTimes> Programs);

/// <summary>One program's wall times in run order.</summary>
internal sealed record RawProgramTimes(string Name, string Build, List<double> WallMs, long? PeakResidentKiB);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(FirmwareRawResults))]
internal sealed partial class FirmwareJson : JsonSerializerContext;
