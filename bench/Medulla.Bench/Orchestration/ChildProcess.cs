using System.Diagnostics;
using System.Text.Json;
using Medulla.Bench.Measurement;
using Medulla.Bench.Scenarios;

namespace Medulla.Bench.Orchestration;

/// <summary>
/// Starts this same program as `run lib scenario config outfile` and reads the result it wrote. The
/// children run from a private copy of the build output (<see cref="UseCopyOf"/>): the bench project is
/// part of the solution, and a `dotnet build` elsewhere during a run would otherwise swap the libraries
/// under test half-way.
/// </summary>
internal static class ChildProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static string? s_directory;

    /// <summary>Copies <paramref name="buildOutput"/> to <paramref name="copy"/> and starts children from there.</summary>
    internal static void UseCopyOf(string buildOutput, string copy)
    {
        foreach (string file in Directory.EnumerateFiles(buildOutput, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(buildOutput, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
        s_directory = copy;
    }

    internal static RunResult Run(PlannedRun run, string outFile)
    {
        ProcessStartInfo start = StartInfo("run", run.Library, run.Scenario, run.Config, outFile);
        File.Delete(outFile);

        double? busyBefore = CpuTime.MachineBusyMs();
        long started = Stopwatch.GetTimestamp();
        using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child");
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        Task<string> stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(Timeout))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            return Failed(run, $"timed out after {Timeout.TotalMinutes} minutes");
        }
        child.WaitForExit();
        if (child.ExitCode != 0 || !File.Exists(outFile))
        {
            string err = stderr.Result.Trim();
            return Failed(run, $"exit code {child.ExitCode}: {(err.Length > 2000 ? err[^2000..] : err)}");
        }
        double wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        double? busyAfter = CpuTime.MachineBusyMs();
        _ = stdout.Result;
        RunResult? result = JsonSerializer.Deserialize(File.ReadAllText(outFile), ResultJson.Default.RunResult);
        if (result is null)
        {
            return Failed(run, "empty result file");
        }
        // Whatever the machine was busy with beyond the child itself (the parent only waits meanwhile).
        double? foreign = busyBefore is { } b && busyAfter is { } a ? Math.Max(0, (a - b - result.ChildCpuMs) / wallMs) : null;
        return result with { ForeignCpuCores = foreign };
    }

    /// <summary>Runs `probe outfile` in a child and returns its stages, or null (with the reason on stderr) if it failed.</summary>
    internal static List<ProbeStage>? RunProbe(string outFile)
    {
        ProcessStartInfo start = StartInfo("probe", outFile);
        File.Delete(outFile);
        using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe");
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        Task<string> stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(Timeout))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            Console.Error.WriteLine("probe timed out");
            return null;
        }
        child.WaitForExit();
        Console.Write(stdout.Result);
        if (child.ExitCode != 0 || !File.Exists(outFile))
        {
            Console.Error.WriteLine($"probe failed with exit code {child.ExitCode}: {stderr.Result}");
            return null;
        }
        List<ProbeStage>? stages = JsonSerializer.Deserialize(File.ReadAllText(outFile), ResultJson.Default.ListProbeStage);
        File.Delete(outFile);
        return stages;
    }

    /// <summary>How to start the bench executable itself with <paramref name="args"/> (the syslog receiver runs this way too).</summary>
    internal static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        string assembly = typeof(ChildProcess).Assembly.Location;
        string directory = s_directory ?? Path.GetDirectoryName(assembly)!;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as `dotnet Medulla.Bench.dll`: so is the child.
            start.FileName = self;
            start.ArgumentList.Add(Path.Combine(directory, Path.GetFileName(assembly)));
        }
        else
        {
            start.FileName = Path.Combine(directory, Path.GetFileName(self));
        }
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }

    private static RunResult Failed(PlannedRun run, string error) =>
        new() { Library = run.Library, Scenario = run.Scenario, Config = run.Config, Error = error };
}
