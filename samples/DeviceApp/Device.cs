using Medulla.Logging;
using Medulla.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeviceApp;

/// <summary>The device's main loop: a few demo actions that show Medulla's logging.</summary>
internal sealed partial class Device(DemoScript script, ILogger<Device> log, LogSystem logs, IHostApplicationLifetime lifetime, DeviceOptions options, DevicePower power)
    : BackgroundService
{
    /// <summary>Exit status of a <c>reboot</c> or <c>poweroff</c> action when the power actions are off.</summary>
    public const int PowerActionsOffExitCode = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The actions wait until every service has started (the previous boot's pstore reported, the kernel
        // log's backlog logged, coldplug done): run beside that start-up work, the flood shared a one-core
        // device's CPU and thread pool with it and missed its responsiveness bound.
        await HostStarted(stoppingToken);
        foreach (DemoStep step in script.Steps)
        {
            if (!await RunStep(step, stoppingToken))
            {
                return;
            }
        }
        lifetime.StopApplication();
    }

    /// <summary>Completes when the host has started (<see cref="IHostApplicationLifetime.ApplicationStarted"/>).</summary>
    private async Task HostStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using CancellationTokenRegistration registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>Runs one action; false when the device must not go on to the next one.</summary>
    private async Task<bool> RunStep(DemoStep step, CancellationToken stoppingToken)
    {
        switch (step.Action)
        {
            case "demo":
                Demo(step.CountOr(20_000));
                return true;
            case "run":
                await Run(stoppingToken);
                return false;
            case "burst":
                Burst(step.CountOr(20_000));
                return true;
            case "crash":
                Crash();
                return false;
            case "hang":
                Hang();
                return false;
            case "reboot":
            case "poweroff":
                PowerAction(step.Action);
                return false;
            case "report":
                return true;
            case "pmsg-lines":
                PmsgLines(step.CountOr(300));
                return true;
            case "mark":
                // DeviceApp.Pmsg is kept off the console: seeing this line again proves it came from pstore.
                logs.GetLogger("DeviceApp.Pmsg").Log(Level.Warning, $"boot mark {step.Count}");
                return true;
            case "flood":
                return await Flood(step.CountOr(100_000), stoppingToken);
            case "help":
                Console.WriteLine(DemoScript.Usage);
                return true;
            default:
                Console.Error.WriteLine($"unknown action '{step.Action}'\n{DemoScript.Usage}");
                Environment.ExitCode = 2;
                lifetime.StopApplication();
                return false;
        }
    }

    /// <summary>
    /// Reboots or powers off through Medulla's power path, which stops this host first (so the action is
    /// not awaited here: that would wait for this service's own stop).
    /// </summary>
    private void PowerAction(string action)
    {
        if (!options.PowerActions)
        {
            log.LogWarning("The device app would {Action} the device now; power actions are off (Device:PowerActions), so it only exits", action);
            Environment.ExitCode = PowerActionsOffExitCode;
            lifetime.StopApplication();
            return;
        }
        log.LogWarning("The device app asks for a {Action}", action);
        _ = RequestPower(action);
    }

    private async Task RequestPower(string action)
    {
        try
        {
            await (action == "reboot" ? power.RebootAsync("demo") : power.PoweroffAsync());
        }
        catch (Exception ex)
        {
            log.LogCritical(ex, "The {Action} failed", action);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// Lines for the pmsg round-trip test: warning level (the pmsg handler's default), with non-ASCII
    /// text so the byte-for-byte comparison covers UTF-8.
    /// </summary>
    private void PmsgLines(int count)
    {
        CategoryLogger pmsg = logs.GetLogger("DeviceApp.Pmsg");
        for (int i = 1; i <= count; i++)
        {
            pmsg.Log(Level.Warning, $"pmsg line {i} of {count}: température {i % 40} °C, état ok");
        }
        logs.Flush(TimeSpan.FromSeconds(30));
        log.LogInformation("Wrote {Count} pmsg lines", count);
    }

    /// <summary>
    /// Floods the pmsg handler from one thread while a timer on the thread pool measures how late its
    /// ticks come: overload protection must keep the rest of the app running.
    /// </summary>
    private async Task<bool> Flood(int count, CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromMilliseconds(20);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // What start-up logged (the kernel's backlog among it) is written before the flood: the handlers'
        // writers then have only the flood to do.
        bool startupWritten = logs.Flush(TimeSpan.FromSeconds(30));
        long maxGapTicks = 0;
        long maxGapAt = 0;
        long start = TimeProvider.System.GetTimestamp();
        TimeSpan gcPauseBefore = GC.GetTotalPauseDuration();
        TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        long jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        int gen0Before = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
        double sinceProcessStart = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        Task watcher = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(tick);
            long last = TimeProvider.System.GetTimestamp();
            try
            {
                while (await timer.WaitForNextTickAsync(done.Token))
                {
                    long now = TimeProvider.System.GetTimestamp();
                    if (now - last > maxGapTicks)
                    {
                        maxGapTicks = now - last;
                        maxGapAt = now - start;
                    }
                    last = now;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        CategoryLogger flood = logs.GetLogger("DeviceApp.Flood");
        // A thread of its own, not a pool thread: in sync mode the handler makes this producer wait,
        // and a waiting pool thread on a one-core device would starve the pool (the timer included).
        await Task.Factory.StartNew(() =>
        {
            for (int i = 1; i <= count; i++)
            {
                flood.Log(Level.Warning, $"flood event {i} of {count}");
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        TimeSpan calls = TimeProvider.System.GetElapsedTime(start);
        await done.CancelAsync();
        await watcher;
        TimeSpan gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
        long jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore;
        int gen0 = GC.CollectionCount(0) - gen0Before, gen2 = GC.CollectionCount(2) - gen2Before;
        flood.Log(Level.Warning, $"flood done: {count} events");
        logs.Flush(TimeSpan.FromMinutes(5));
        static double Seconds(long timestampTicks) => (double)timestampTicks / TimeProvider.System.TimestampFrequency;
        TimeSpan maxGap = TimeSpan.FromTicks(maxGapTicks * TimeSpan.TicksPerSecond / TimeProvider.System.TimestampFrequency);
        bool responsive = maxGap < TimeSpan.FromSeconds(1);
        HandlerStatus? pmsg = logs.GetHandlerStatus("pmsg");
        Console.WriteLine($"flood responsive: {(responsive ? "yes" : "no")} (calls took {calls.TotalSeconds:F1} s; " +
            $"largest gap between {tick.TotalMilliseconds} ms timer ticks {maxGap.TotalMilliseconds:F0} ms; " +
            $"pmsg handler: handled {pmsg?.Handled}, dropped {pmsg?.Dropped})");
        Console.WriteLine($"flood diagnostics: largest gap ended {Seconds(maxGapAt):F2} s into the flood; during the flood " +
            $"GC paused {gcPause.TotalMilliseconds:F0} ms ({gen0} gen0, {gen2} gen2 collections), JIT compiled {jitMethods} methods in {jit.TotalMilliseconds:F0} ms; " +
            $"flood began {sinceProcessStart:F2} s after process start, start-up lines written before it: {(startupWritten ? "yes" : "no")}; " +
            $"thread pool: {ThreadPool.ThreadCount} threads, {ThreadPool.CompletedWorkItemCount} work items done");
        if (!responsive)
        {
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
        return responsive;
    }

    private void Demo(int burst)
    {
        using (log.BeginScope(new Dictionary<string, object?> { ["boot"] = 1 }))
        {
            Started(log, Environment.ProcessId, Environment.Version.ToString());
            log.LogInformation("Sensor {Sensor} reads {Celsius:F1} °C", "board", 41.5);
            log.LogWarning(new EventId(7, "FanSlow"), "Fan at {Rpm} rpm, below {MinRpm}", 900, 1200);
            try
            {
                throw new IOException("modem did not answer on /dev/ttyUSB2");
            }
            catch (IOException ex)
            {
                log.LogError(ex, "Modem check failed after {Attempts} attempts", 3);
            }
        }
        Burst(burst);
        foreach (string id in logs.HandlerIds)
        {
            HandlerStatus status = logs.GetHandlerStatus(id)!.Value;
            log.LogInformation("Handler {Handler}: handled {Handled}, dropped {Dropped}, mode {Mode}", id, status.Handled, status.Dropped, status.Mode);
        }
        log.LogInformation("Demo finished: logs are in {Directory}", Path.GetFullPath(options.LogDirectory));
    }

    private void Burst(int count)
    {
        // The zero-allocation path: interpolated holes are written straight into pooled UTF-8 buffers.
        CategoryLogger burst = logs.GetLogger("DeviceApp.Burst");
        string customer = "ACME";
        for (int i = 0; i < count; i++)
        {
            double elapsed = i * 0.25;
            burst.Log(Level.Info, $"Processed order {i} for {customer} in {elapsed} ms");
        }
        log.LogInformation("Logged a burst of {Count} events", count);
    }

    private async Task Run(CancellationToken stoppingToken)
    {
        long tick = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            log.LogInformation("Alive, tick {Tick}", tick++);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Crash()
    {
        log.LogCritical("About to crash on purpose");
        var thread = new Thread(() => throw new InvalidOperationException("demo crash: unhandled exception on a worker thread"));
        thread.Start();
        thread.Join();
    }

    private void Hang()
    {
        log.LogWarning("About to hang on purpose (a deadlock)");
        object a = new(), b = new();
        using var ready = new Barrier(2);
        var other = new Thread(() => { lock (b) { ready.SignalAndWait(); lock (a) { } } });
        other.Start();
        lock (a)
        {
            ready.SignalAndWait();
            lock (b) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device started: pid {Pid}, .NET {Runtime}")]
    private static partial void Started(ILogger logger, int pid, string runtime);
}
