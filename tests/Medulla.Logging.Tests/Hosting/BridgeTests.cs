using Medulla.Logging;
using Medulla.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Medulla.Logging.Tests.Hosting;

public class BridgeTests
{
    private static (IHost Host, CapturingFormatter Events, LogSystem System) Start(Dictionary<string, string?>? settings = null)
    {
        var formatter = new CapturingFormatter();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddMedulla(o => o.AddHandler(new HandlerConfig { Id = "capture", Sink = () => new MemorySink(), Formatter = formatter }));
        IHost host = builder.Build();
        return (host, formatter, host.Services.GetRequiredService<LogSystem>());
    }

    [Fact]
    public void Scopes_event_id_exception_and_structured_properties_reach_the_event()
    {
        var (host, capture, system) = Start();
        using (host)
        {
            ILogger<BridgeTests> log = host.Services.GetRequiredService<ILogger<BridgeTests>>();
            var failure = new IOException("fan stalled");
            using (log.BeginScope("outer"))
            using (log.BeginScope(new Dictionary<string, object?> { ["boot"] = 3 }))
            {
                log.LogWarning(new EventId(7, "FanSlow"), failure, "Fan at {Rpm} rpm on {Board}", 900, "main");
            }
            Assert.True(system.Flush(TimeSpan.FromSeconds(10)));

            LogEvent e = Assert.Single(capture.Events);
            Assert.Equal(Level.Warning, e.Level);
            Assert.Equal(typeof(BridgeTests).FullName, e.Category);
            Assert.Equal("Fan at 900 rpm on main", e.Message);
            Assert.Equal("Fan at {Rpm} rpm on {Board}", e.Template);
            Assert.Equal(7, e.EventId.Id);
            Assert.Equal("FanSlow", e.EventId.Name);
            Assert.Same(failure, e.Exception);
            Assert.Equal(2, e.PropertyCount);
            Assert.True(e.TryGetProperty("Rpm", out LogProperty rpm));
            Assert.Equal(900, rpm.Value);
            Assert.Equal(PropertyKind.Number, rpm.Kind);
            Assert.True(e.TryGetProperty("Board", out LogProperty board));
            Assert.Equal("main", board.Value);
            Assert.True(e.TryGetMetadata("boot", out object? boot));
            Assert.Equal(3, boot);
            var scopes = new List<object?>();
            e.ForEachScope((s, list) => list.Add(s), scopes);
            Assert.Equal("outer", scopes[0]);
            Assert.Equal(2, scopes.Count);
        }
    }

    [Fact]
    public void Trace_becomes_debug_and_keeps_the_original_level()
    {
        var (host, capture, system) = Start(new() { ["Medulla:Logging:Level"] = "debug", ["Logging:LogLevel:Default"] = "Trace" });
        using (host)
        {
            host.Services.GetRequiredService<ILogger<BridgeTests>>().LogTrace("fine detail");
            system.Flush(TimeSpan.FromSeconds(10));
            LogEvent e = Assert.Single(capture.Events);
            Assert.Equal(Level.Debug, e.Level);
            Assert.Equal("trace", e.OriginalLevel);
        }
    }

    [Fact]
    public void The_factory_level_applies_even_when_Medulla_allows_more()
    {
        var (host, capture, system) = Start(new() { ["Medulla:Logging:Level"] = "debug", ["Logging:LogLevel:Default"] = "Warning" });
        using (host)
        {
            host.Services.GetRequiredService<ILogger<BridgeTests>>().LogDebug("silenced by Logging:LogLevel");
            host.Services.GetRequiredService<ILogger<BridgeTests>>().LogWarning("visible");
            system.Flush(TimeSpan.FromSeconds(10));
            Assert.Equal("visible", Assert.Single(capture.Events).Message);
        }
    }

    private static readonly Action<ILogger, int, string, double, Exception?> Processed =
        LoggerMessage.Define<int, string, double>(LogLevel.Debug, new EventId(1), "Processed {Id} for {Who} in {Ms}");

    [Fact]
    public void IsEnabled_and_a_call_below_the_level_allocate_nothing()
    {
        var (host, _, _) = Start();
        using (host)
        {
            ILogger<BridgeTests> log = host.Services.GetRequiredService<ILogger<BridgeTests>>();
            Processed(log, 1, "warm", 1.0, null);
            _ = log.IsEnabled(LogLevel.Debug);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                _ = log.IsEnabled(LogLevel.Debug);
                Processed(log, i, "who", 2.5, null);
            }
            long after = GC.GetAllocatedBytesForCurrentThread();

            Assert.Equal(0, after - before);
        }
    }

    [Fact]
    public void Disposing_the_host_writes_everything_queued()
    {
        var (host, capture, _) = Start();
        ILogger<BridgeTests> log = host.Services.GetRequiredService<ILogger<BridgeTests>>();
        for (int i = 0; i < 5000; i++)
        {
            log.LogInformation("event {N}", i);
        }
        host.Dispose();
        Assert.Equal(5000, capture.Events.Count(e => e.Category == typeof(BridgeTests).FullName));
    }
}
