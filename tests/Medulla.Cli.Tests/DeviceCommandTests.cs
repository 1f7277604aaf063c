using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Medulla.Cli.Tests;

/// <summary>
/// <c>medulla devices</c> and <c>medulla uevent monitor</c> against this machine's real sysfs and kernel:
/// the monitor runs as a process, the test makes the kernel send events (writing <c>add</c> to a uevent
/// file, attaching a loop device) and reads them back from its JSON lines.
/// </summary>
public class DeviceCommandTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void devices_lists_every_entry_of_sys_class_mem_with_its_properties()
    {
        CliRun run = CliRun.InProcess("devices", "--subsystem", "mem", "--json");

        Assert.Equal(0, run.ExitCode);
        var devices = run.StdoutLines.Select(l => JsonSerializer.Deserialize<Dictionary<string, string>>(l)!).ToList();
        Assert.All(devices, d => Assert.Equal("mem", d["SUBSYSTEM"]));
        string[] expected = [.. Directory.EnumerateFileSystemEntries("/sys/class/mem").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(expected, devices.Select(d => d["DEVNAME"]).Order(StringComparer.Ordinal));
        Dictionary<string, string> nul = Assert.Single(devices, d => d["DEVNAME"] == "null");
        Assert.Equal("/devices/virtual/mem/null", nul["DEVPATH"]);
        Assert.Equal(("1", "3"), (nul["MAJOR"], nul["MINOR"]));
    }

    [Fact]
    public void devices_lists_every_entry_of_sys_class_block_as_text()
    {
        // Listed before the run: loop devices of other tests may come and go, so only this direction is checked.
        string[] before = [.. Directory.EnumerateFileSystemEntries("/sys/class/block").Select(Path.GetFileName)!];

        CliRun run = CliRun.InProcess("devices", "--subsystem", "block");

        Assert.Equal(0, run.ExitCode);
        var names = run.StdoutLines.Select(l => l.Split(' ')).Select(f => (Subsystem: f[1], DevName: f[2])).ToList();
        Assert.All(names, n => Assert.Equal("block", n.Subsystem));
        foreach (string name in before.Where(n => File.Exists($"/sys/class/block/{n}/uevent")))
        {
            Assert.Contains(names, n => n.DevName == name);
        }
    }

    [Fact]
    public void devices_without_sysfs_is_one_line_and_status_1()
    {
        using var dir = new TempDirectory("medulla-cli-tests");

        CliRun run = CliRun.InProcess("devices", "--sysfs", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.StderrLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void a_property_filter_that_is_not_key_value_is_a_usage_error()
    {
        CliRun run = CliRun.InProcess("uevent", "monitor", "--property", "DEVNAME");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not KEY=VALUE", run.StderrLine);
    }

    [Fact]
    public async Task uevent_monitor_json_prints_the_event_of_writing_add_to_a_uevent_file()
    {
        using var monitor = await MonitorProcess.StartAsync("--subsystem", "mem", "--json");

        await File.WriteAllTextAsync("/sys/class/mem/null/uevent", "add");

        Dictionary<string, string> e = await monitor.NextAsync(d => d["DEVPATH"] == "/devices/virtual/mem/null" && d["ACTION"] == "add");
        Assert.Equal("mem", e["SUBSYSTEM"]);
        Assert.Equal("null", e["DEVNAME"]);
        Assert.Equal(("1", "3"), (e["MAJOR"], e["MINOR"]));
        Assert.True(ulong.TryParse(e["SEQNUM"], out _), $"SEQNUM '{e["SEQNUM"]}' is not a number");
    }

    [Fact]
    public async Task uevent_monitor_json_prints_the_events_of_attaching_and_detaching_a_loop_device()
    {
        using var dir = new TempDirectory("medulla-cli-tests");
        string image = dir.File("disk.img");
        await using (FileStream f = File.Create(image))
        {
            f.SetLength(1 << 20);
        }
        using var monitor = await MonitorProcess.StartAsync("--subsystem", "block", "--json");

        using LoopDevice loop = LoopDevice.Attach(image);
        string name = Path.GetFileName(loop.Path);
        // The attachment's disk sequence number tells this attachment's events from those of earlier users of the same loop device.
        string diskseq = (await File.ReadAllTextAsync($"/sys/block/{name}/diskseq")).Trim();
        bool Ours(Dictionary<string, string> d) =>
            d.GetValueOrDefault("DEVNAME") == name && d.GetValueOrDefault("DISKSEQ") == diskseq && d["ACTION"] == "change";

        Dictionary<string, string> attached = await monitor.NextAsync(Ours);
        Assert.Equal("block", attached["SUBSYSTEM"]);
        Assert.Equal("disk", attached["DEVTYPE"]);
        Assert.Equal("7", attached["MAJOR"]);
        Assert.EndsWith("/block/" + name, attached["DEVPATH"]);

        loop.Dispose();
        Dictionary<string, string> detached = await monitor.NextAsync(Ours);
        Assert.Equal(attached["DEVPATH"], detached["DEVPATH"]);
        Assert.True(ulong.Parse(detached["SEQNUM"]) > ulong.Parse(attached["SEQNUM"]), "the detach event should come after the attach event");
    }

    /// <summary><c>medulla uevent monitor ARGS</c> as a process; its stdout lines parsed as JSON objects.</summary>
    private sealed class MonitorProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private MonitorProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    _lines.Writer.TryWrite(line);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    _ready.TrySetResult(line);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>Starts the monitor and waits for its "listening" line: from then on, events are seen.</summary>
        public static async Task<MonitorProcess> StartAsync(params string[] args)
        {
            var start = new ProcessStartInfo(CliRun.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in (string[])["uevent", "monitor", .. args])
            {
                start.ArgumentList.Add(a);
            }
            var monitor = new MonitorProcess(Process.Start(start)!);
            string first = await monitor._ready.Task.WaitAsync(EventTimeout);
            Assert.Contains("listening for kernel uevents", first);
            return monitor;
        }

        /// <summary>The next event printed that matches, skipping the machine's other events.</summary>
        public async Task<Dictionary<string, string>> NextAsync(Func<Dictionary<string, string>, bool> wanted)
        {
            using var timeout = new CancellationTokenSource(EventTimeout);
            while (true)
            {
                string line = await _lines.Reader.ReadAsync(timeout.Token);
                Dictionary<string, string> e = JsonSerializer.Deserialize<Dictionary<string, string>>(line)
                    ?? throw new InvalidDataException($"not a JSON object: {line}");
                if (wanted(e))
                {
                    return e;
                }
            }
        }

        public void Dispose()
        {
            // Only the process this test started, by its PID.
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
