using System.Diagnostics;
using System.Globalization;
using Medulla.Bench.Measurement;

namespace Medulla.Bench.Firmware;

/// <summary>The wall times of one program over the runs, and what it printed.</summary>
internal sealed record ProgramTimes(PrintenvProgram Program, IReadOnlyList<double> WallMs, string Output, long? PeakResidentKiB)
{
    internal double Median => Percentile(0.5);

    internal double Min => WallMs.Min();

    internal double Max => WallMs.Max();

    private double Percentile(double p)
    {
        double[] sorted = [.. WallMs.Order()];
        double at = p * (sorted.Length - 1);
        int low = (int)Math.Floor(at);
        int high = (int)Math.Ceiling(at);
        return sorted[low] + ((sorted[high] - sorted[low]) * (at - low));
    }
}

/// <summary>
/// Runs whole programs and times them from start to exit, as a shell would: the programs take turns
/// (the order rotating every run, so none always follows another), each with its output read to the end.
/// </summary>
internal static class ProcessTimer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>Runs every program <paramref name="runs"/> times after <paramref name="warmups"/> untimed runs each (page cache, disk).</summary>
    internal static List<ProgramTimes> Race(IReadOnlyList<PrintenvProgram> programs, int runs, int warmups)
    {
        var outputs = new string[programs.Count];
        for (int w = 0; w < warmups; w++)
        {
            for (int p = 0; p < programs.Count; p++)
            {
                outputs[p] = Run(programs[p]).Output;
            }
        }
        var times = programs.Select(_ => new List<double>(runs)).ToArray();
        for (int r = 0; r < runs; r++)
        {
            // The machine is shared: start each round once it is idle, as the logging harness does before each child.
            CpuTime.WaitForQuiet(TimeSpan.FromSeconds(5));
            for (int k = 0; k < programs.Count; k++)
            {
                int p = (r + k) % programs.Count;
                (double ms, string output) = Run(programs[p]);
                times[p].Add(ms);
                outputs[p] = output;
            }
            if ((r + 1) % 10 == 0 || r + 1 == runs)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r + 1}/{runs} runs"));
            }
        }
        return [.. programs.Select((program, p) => new ProgramTimes(program, times[p], outputs[p], PeakResidentKiB(program)))];
    }

    private static (double Ms, string Output) Run(PrintenvProgram program)
    {
        ProcessStartInfo start = StartInfo(program.FileName, program.Arguments);
        long begin = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program.FileName}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"{program.Name} did not finish within {Timeout}");
        }
        process.WaitForExit();
        double ms = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program.Name} exited with {process.ExitCode}: {stderr.Result}");
        }
        return (ms, stdout.Result);
    }

    /// <summary>The largest resident set of one more run, as GNU time reports it; null when /usr/bin/time is missing.</summary>
    private static long? PeakResidentKiB(PrintenvProgram program)
    {
        const string time = "/usr/bin/time";
        if (!File.Exists(time))
        {
            return null;
        }
        ProcessStartInfo start = StartInfo(time, ["-f", "%M", program.FileName, .. program.Arguments]);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string report = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        string last = report.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out long kib) ? kib : null;
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
