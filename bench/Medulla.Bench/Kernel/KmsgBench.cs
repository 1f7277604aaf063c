using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Medulla.Bench.Orchestration;
using Medulla.Linux.Interop;
using Medulla.SystemLog;

namespace Medulla.Bench.Kernel;

/// <summary>
/// Reading the whole /dev/kmsg ring once: Medulla's <see cref="KmsgReader"/> (records parsed, nothing
/// printed), util-linux's <c>dmesg -r</c> (a process of its own, output counted by the bench) and a raw
/// read(2) loop (the floor: one read per record, nothing parsed). Records per second, side by side on
/// the same ring, several rounds. Writes docs/benchmarks-kmsg.md.
/// </summary>
internal static class KmsgBench
{
    internal const int DefaultRounds = 7;

    private const string Device = "/dev/kmsg";
    private const int EAGAIN = 11;
    private const int EPIPE = 32;
    private const int EINTR = 4;

    internal static int Run(int rounds, bool writeDoc)
    {
        DateTime started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        // The first pass of each in-process reader pays for JIT; a device reads the ring after start-up too.
        MeasureMedulla(0);
        MeasureFloor(0);
        (string, Func<int, KernelResult>)[] readers = [("medulla", MeasureMedulla), ("dmesg", MeasureDmesg), ("read(2) floor", MeasureFloor)];
        List<KernelResult> results = BenchRun.Rounds(rounds, readers, "records");
        string report = Write(results, MachineInfo.Collect(), started, total.Elapsed, DmesgVersion());
        BenchRun.Save("benchmarks-kmsg.md", report, started, writeDoc);
        return 0;
    }

    private static KernelResult MeasureMedulla(int round)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        using KmsgReader reader = KmsgReader.Open(KmsgStart.Beginning);
        long count = 0;
        reader.ReadAvailable(_ => count++);
        clock.Stop();
        return new KernelResult("medulla", round, count, clock.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static unsafe KernelResult MeasureFloor(int round)
    {
        var clock = Stopwatch.StartNew();
        byte[] path = Encoding.ASCII.GetBytes(Device + "\0");
        int fd;
        fixed (byte* p = path)
        {
            fd = Libc.open64(p, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        }
        if (fd < 0)
        {
            throw new IOException($"open {Device}: errno {Marshal.GetLastPInvokeError()}");
        }
        long count = 0;
        byte* buffer = stackalloc byte[16 * 1024];
        try
        {
            while (true)
            {
                nint n = Libc.read(fd, buffer, 16 * 1024);
                if (n > 0)
                {
                    count++;
                    continue;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (n < 0 && (errno == EPIPE || errno == EINTR))
                {
                    continue;
                }
                if (n < 0 && errno != EAGAIN)
                {
                    throw new IOException($"read {Device}: errno {errno}");
                }
                break;
            }
        }
        finally
        {
            Libc.close(fd);
        }
        clock.Stop();
        return new KernelResult("read(2) floor", round, count, clock.Elapsed.TotalSeconds, 0);
    }

    /// <summary><c>dmesg -r</c> from start to exit; its records are its output lines that begin with '&lt;'.</summary>
    private static KernelResult MeasureDmesg(int round)
    {
        var start = new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-r");
        var clock = Stopwatch.StartNew();
        using Process p = Process.Start(start) ?? throw new InvalidOperationException("could not start dmesg");
        Task<string> error = p.StandardError.ReadToEndAsync();
        long count = 0;
        while (p.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith('<'))
            {
                count++;
            }
        }
        p.WaitForExit();
        clock.Stop();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"dmesg -r failed ({p.ExitCode}): {error.Result.Trim()}");
        }
        return new KernelResult("dmesg", round, count, clock.Elapsed.TotalSeconds, null);
    }

    private static string DmesgVersion()
    {
        try
        {
            var start = new ProcessStartInfo("dmesg", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using Process p = Process.Start(start)!;
            string version = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "dmesg (version unknown)";
        }
    }

    private static string Write(List<KernelResult> results, MachineInfo machine, DateTime started, TimeSpan took, string dmesgVersion)
    {
        var o = new StringBuilder();
        void L(string line = "") => o.Append(line).Append('\n');
        int rounds = results.Count == 0 ? 0 : results.Max(r => r.Round);
        L("# Benchmarks: reading the kernel log (/dev/kmsg)");
        L();
        L($"Generated by `bench/Medulla.Bench` (`kmsg` command) from the run started {started:yyyy-MM-dd HH:mm} UTC ({took.TotalSeconds:F0} s, {rounds} rounds). " +
          "Do not edit the numbers by hand: rerun `dotnet run -c Release --project bench/Medulla.Bench -- kmsg` (as root; `--rounds N`, `--no-doc` to keep this file), which rewrites it. " +
          "The logging benchmarks are in [benchmarks.md](benchmarks.md), the syslog and coldplug ones in [benchmarks-syslog.md](benchmarks-syslog.md) and [benchmarks-coldplug.md](benchmarks-coldplug.md).");
        L();
        foreach (string line in machine.MachineSection())
        {
            L(line);
        }
        L();
        L("## Method");
        L();
        L("Each reader reads the whole ring once, from the oldest record kept to the current end, one after the other on the same ring, the order reversed every other round. " +
          $"The median of {rounds} rounds is reported; *spread* is (max - min) / median.");
        L();
        L("| reader | what it does |");
        L("|---|---|");
        L("| `medulla` | `KmsgReader.Open(KmsgStart.Beginning)` + `ReadAvailable`: one read(2) per record, each parsed into a `KmsgRecord` (facility, severity, sequence, time, text, continuation lines); in the bench process, after one warm-up pass |");
        L($"| `dmesg` | `dmesg -r` ({dmesgVersion}): a process of its own, from start to exit, its output read by the bench; records are its lines starting with `<` |");
        L("| `read(2) floor` | open /dev/kmsg non-blocking, read(2) until EAGAIN, count: nothing parsed, the least any reader can do |");
        L();
        L("## Results");
        L();
        L("| reader | records | time | records/s | spread | allocated per record |");
        L("|---|---:|---:|---:|---:|---:|");
        var medians = new Dictionary<string, double>();
        foreach (string name in new[] { "medulla", "dmesg", "read(2) floor" })
        {
            var rows = results.Where(r => r.Reader == name).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            double rate = BenchRun.Median(rows.Select(r => r.PerSecond));
            medians[name] = rate;
            double spread = (rows.Max(r => r.PerSecond) - rows.Min(r => r.PerSecond)) / rate;
            string allocated = rows.All(r => r.AllocatedBytes is not null)
                ? string.Create(CultureInfo.InvariantCulture, $"{BenchRun.Median(rows.Select(r => (double)r.AllocatedBytes!.Value / Math.Max(1, r.Items))):F0} B")
                : "-";
            L(string.Create(CultureInfo.InvariantCulture,
                $"| `{name}` | {BenchRun.Median(rows.Select(r => (double)r.Items)):N0} | {BenchRun.Median(rows.Select(r => r.Seconds)) * 1000:F2} ms | {rate:N0} | {spread:P0} | {allocated} |"));
        }
        L();
        L("## Ratios (records/s)");
        L();
        L("| | ratio | goal |");
        L("|---|---:|---|");
        L($"| Medulla / dmesg | {BenchRun.Ratio(medians.GetValueOrDefault("medulla", double.NaN), medians.GetValueOrDefault("dmesg", double.NaN))} | at least 1x |");
        L($"| Medulla / read(2) floor | {BenchRun.Ratio(medians.GetValueOrDefault("medulla", double.NaN), medians.GetValueOrDefault("read(2) floor", double.NaN))} | |");
        L();
        L("`dmesg`'s time includes starting its process and writing its text; Medulla's does not include starting the .NET runtime (an app reads the ring from a process already running).");
        L();
        return o.ToString();
    }
}
