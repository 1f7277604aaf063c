using Medulla.Logging;
using Medulla.Logging.Handlers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeviceApp;

/// <summary>The device's main loop: a few demo actions that show Medulla's logging.</summary>
internal sealed partial class Device(DemoScript script, ILogger<Device> log, LogSystem logs, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        switch (script.Action)
        {
            case "demo":
                Demo();
                lifetime.StopApplication();
                break;
            case "run":
                await Run(stoppingToken);
                break;
            case "burst":
                Burst(script.Count);
                lifetime.StopApplication();
                break;
            case "crash":
                Crash();
                break;
            case "hang":
                Hang();
                break;
            default:
                Console.WriteLine("usage: DeviceApp [demo | run | burst [N] | crash | hang | help]");
                lifetime.StopApplication();
                break;
        }
    }

    private void Demo()
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
        Burst(script.Count);
        foreach (string id in logs.HandlerIds)
        {
            HandlerStatus status = logs.GetHandlerStatus(id)!.Value;
            log.LogInformation("Handler {Handler}: handled {Handled}, dropped {Dropped}, mode {Mode}", id, status.Handled, status.Dropped, status.Mode);
        }
        log.LogInformation("Demo finished: logs are in {Directory}", Path.GetFullPath("data/logs"));
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
