using System.Diagnostics.Metrics;
using Medulla.Logging;
using Medulla.Logging.Tests.Core;
using Medulla.Logging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Medulla.Logging.Tests.Hosting;

/// <summary>The logging metrics on the host's meter factory, and the logging health check.</summary>
public class LoggingHealthAndMetricsTests
{
    private sealed class ThrowingSink : ILogSink
    {
        public void Write(in LogBatch batch) => throw new IOException("disk on fire");
        public void Flush() { }
        public void Dispose() { }
    }

    private static async Task<HealthReport> CheckAsync(LogSystem system)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(system);
        services.AddHealthChecks().AddMedullaLogging();
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    [Fact]
    public void In_a_host_the_handler_counts_are_on_a_meter_from_the_hosts_meter_factory()
    {
        var sink = new MemorySink();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMetrics();
        builder.Logging.AddMedulla(o => o.Handlers.Add(new HandlerConfig { Id = "memory", Sink = () => sink, Formatter = new TestFormatter() }));
        using IHost host = builder.Build();
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var handled = new List<(object? Scope, long Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "medulla.logging.events.handled" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (tags.ToArray().Contains(new("handler.id", "memory")))
            {
                handled.Add((instrument.Meter.Scope, value));
            }
        });
        listener.Start();

        ILogger log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("App");
        log.LogInformation("one");
        log.LogInformation("two");
        log.LogInformation("three");
        Assert.True(host.Services.GetRequiredService<LogSystem>().Flush(TimeSpan.FromSeconds(10)));
        listener.RecordObservableInstruments();

        Assert.Equal([(factory, 3L)], handled);
    }

    [Fact]
    public async Task A_handler_removed_after_its_sink_threw_is_Unhealthy_with_its_id_and_reason_until_it_is_added_again()
    {
        using var system = new LogSystem(stderr: TextWriter.Null);
        var good = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "good", Sink = () => good, Formatter = new TestFormatter() });
        system.AddHandler(new HandlerConfig { Id = "bad", Sink = () => new ThrowingSink(), Formatter = new TestFormatter() });
        HealthReport before = await CheckAsync(system);

        system.GetLogger("App").Log(Level.Info, "one");
        await good.WaitForCount(2); // "one" and the removal report
        HealthReport broken = await CheckAsync(system);
        system.AddHandler(new HandlerConfig { Id = "bad", Sink = () => new MemorySink(), Formatter = new TestFormatter() });
        HealthReport again = await CheckAsync(system);

        Assert.Equal(HealthStatus.Healthy, before.Status);
        HealthReportEntry entry = broken.Entries[MedullaLoggingHealthChecksExtensions.CheckName];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("removed: its sink threw IOException: disk on fire", entry.Data["bad"]);
        Assert.Contains("handler 'bad' removed", entry.Description);
        Assert.Equal(HealthStatus.Healthy, again.Status);
    }

    [Theory]
    [InlineData(true, HealthStatus.Degraded, "restarts 5000 ms after the kill")]
    [InlineData(false, HealthStatus.Unhealthy, "no restart configured")]
    public async Task A_handler_killed_by_overload_protection_is_Degraded_when_it_restarts_and_Unhealthy_when_not(bool restarts, HealthStatus status, string text)
    {
        var gated = new GatedSink();
        using var system = new LogSystem(time: new ManualTime(), stderr: TextWriter.Null);
        system.AddHandler(new HandlerConfig
        {
            Id = "slow",
            Sink = () => gated,
            Formatter = new TestFormatter(),
            Overload = new OverloadOptions
            {
                OverloadKillEnabled = true,
                OverloadKillQueueLength = 3,
                OverloadKillRestartAfter = restarts ? TimeSpan.FromSeconds(5) : null,
            },
        });
        CategoryLogger log = system.GetLogger("App");
        log.Log(Level.Info, "e1");
        await gated.WaitUntilWriting();
        log.Log(Level.Info, "e2");
        log.Log(Level.Info, "e3");
        log.Log(Level.Info, "e4");
        Assert.True(system.GetHandlerStatus("slow")!.Value.Killed);

        HealthReport report = await CheckAsync(system);
        gated.OpenForever();

        HealthReportEntry entry = report.Entries[MedullaLoggingHealthChecksExtensions.CheckName];
        Assert.Equal(status, entry.Status);
        Assert.Contains("killed by overload protection", (string)entry.Data["slow"]);
        Assert.Contains(text, entry.Description);
    }
}
