using System.Diagnostics;
using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Hosting;

/// <summary>
/// The way a .NET app usually hangs: its thread pool is starved. AddMedullaHeart beats from the pool, so
/// the beats stop and the heart reboots. The app (tests/StarvedApp) is its own process, with the heart in
/// a new PID namespace through heart-in-namespace.sh; its reboot(2) ends that namespace, never the host.
/// </summary>
public class ThreadPoolStarvationTests
{
    private const int HeartbeatTimeout = 11;

    /// <summary>
    /// Starting two .NET processes (the app, then the heart it starts) while 8 tests run on 2 cores beside
    /// another CPU-bound process took more than 10 s here: a bound that only a stuck start misses.
    /// </summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_starved_thread_pool_stops_the_beats_and_the_heart_reboots()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        using StarvedApp app = StarvedApp.Start(dir, watchdog.Path);
        await app.Output.WaitForAsync("started", StartBound);
        // A 120 s watchdog is petted every 110 s on the heart's own schedule: within this test only the
        // start and the beats (every 100 ms) pet it, so pets show that beats arrive.
        int atStart = await watchdog.SyncAsync();
        await watchdog.WaitForPetsAsync(atStart + 5, HeartProcess.Prompt);

        app.Starve();
        await app.Output.WaitForAsync("starved", StartBound);
        var sinceStarved = Stopwatch.StartNew();
        int whenStarved = await watchdog.SyncAsync();

        await app.Log.WaitForAsync("rebooting", TimeSpan.FromSeconds(HeartbeatTimeout) + TimeSpan.FromSeconds(30));
        TimeSpan toReboot = sinceStarved.Elapsed;

        // No beat for the whole timeout, by the heart's own clock: the beats stopped with the pool.
        ProtocolBounds.NoBeatFor(app.Log.Text, HeartbeatTimeout, toReboot + TimeSpan.FromSeconds(1));
        Assert.Contains("sent SIGKILL to the app", app.Log.Text);
        Assert.Contains("reboot: heartbeat timeout", File.ReadAllText(dir.Combine("pmsg0")));
        // At most one beat already in the pipe when the pool stopped; none after it.
        Assert.InRange(await watchdog.SyncAsync(), whenStarved, whenStarved + 2);
        Assert.True(app.IsRunning, "the app should be starved, not dead");
    }

    /// <summary>tests/StarvedApp, started with the heart's configuration in its environment.</summary>
    private sealed class StarvedApp : IDisposable
    {
        private readonly Process _process;

        private StarvedApp(Process process) => _process = process;

        /// <summary>Its stdout: "started", "starved N".</summary>
        public LineLog Output { get; } = new();

        /// <summary>Its stderr, which the heart (and ns-init) inherit: the heart's log.</summary>
        public LineLog Log { get; } = new();

        public bool IsRunning => !_process.HasExited;

        public static StarvedApp Start(TempDirectory dir, string watchdogPath)
        {
            PidNamespaceGuard.AssertTestRunsInHostNamespace();
            var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "StarvedApp"))
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // The heart runs under heart-in-namespace.sh (a new PID namespace) with the interlock; the app
            // passes its environment on to it.
            start.Environment["Medulla__Heart__DaemonPath"] = Paths.HeartInNamespace;
            start.Environment["Medulla__Heart__HeartbeatTimeout"] = $"{HeartbeatTimeout}";
            start.Environment["Medulla__Heart__BeatInterval"] = "100ms";
            start.Environment["Medulla__Heart__WatchdogPath"] = watchdogPath;
            start.Environment["Medulla__Heart__KernelTimeout"] = "120";
            start.Environment["Medulla__Heart__StartTimeout"] = $"{StartBound.TotalSeconds}";
            start.Environment["MEDULLA_HEART_TEST_DAEMON"] = Paths.Daemon;
            foreach ((string name, string value) in PidNamespaceGuard.SafeEnvironment(dir))
            {
                start.Environment[name] = value;
            }
            File.WriteAllText(dir.Combine("pmsg0"), "");
            Process process = Process.Start(start)!;
            var app = new StarvedApp(process);
            process.OutputDataReceived += (_, e) => Feed(app.Output, e.Data);
            process.ErrorDataReceived += (_, e) => Feed(app.Log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return app;
        }

        /// <summary>Asks the app to block every thread of its pool.</summary>
        public void Starve()
        {
            _process.StandardInput.WriteLine("starve");
            _process.StandardInput.Flush();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                // Its heart, if still up, sees the pipe close and ends its own namespace.
                _process.Kill();
                _process.WaitForExit();
            }
            _process.Dispose();
        }

        private static void Feed(LineLog log, string? line)
        {
            if (line is null)
            {
                log.Close();
            }
            else
            {
                log.Add(line);
            }
        }
    }
}
