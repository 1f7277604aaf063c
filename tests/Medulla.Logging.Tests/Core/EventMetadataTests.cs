using Medulla.Logging;
using Medulla.Logging.Tests.Hosting;
using Medulla.TestSupport;

namespace Medulla.Logging.Tests.Core;

public class EventMetadataTests
{
    private static (LogEvent Event, string Json) LogOne(Action<CategoryLogger> log)
    {
        var capture = new CapturingFormatter();
        var json = new MemorySink();
        using var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "c", Sink = () => new MemorySink(), Formatter = capture });
        system.AddHandler(new HandlerConfig { Id = "j", Sink = () => json, Formatter = new JsonLinesFormatter() });
        log(system.GetLogger("App"));
        system.Flush(TimeSpan.FromSeconds(10));
        return (Assert.Single(capture.Events), Assert.Single(json.Records));
    }

    [Fact]
    public void Metadata_of_one_event_is_found_by_key_and_is_its_innermost_scope()
    {
        KeyValuePair<string, object?>[] metadata = [new("mount", "/data"), new("free_bytes", 1024L)];

        (LogEvent e, string json) = LogOne(log =>
        {
            using (log.BeginScope(new KeyValuePair<string, object?>[] { new("mount", "/outer"), new("device", "sda") }))
            {
                log.Log(Level.Warning, "disk almost full", metadata, null);
            }
        });

        Assert.Equal("disk almost full", e.Message);
        Assert.True(e.HasScopes);
        Assert.True(e.TryGetMetadata("mount", out object? mount));
        Assert.Equal("/data", mount); // the event's own pairs win over the enclosing scope's
        Assert.True(e.TryGetMetadata("device", out object? device));
        Assert.Equal("sda", device);
        Assert.True(e.TryGetMetadata("free_bytes", out object? free));
        Assert.Equal(1024L, free);
        var scopes = new List<object?>();
        e.ForEachScope(static (scope, list) => list.Add(scope), scopes);
        Assert.Equal(2, scopes.Count);
        Assert.Same(metadata, scopes[1]);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("scopes").GetArrayLength());
    }

    [Fact]
    public void Metadata_is_not_left_on_the_thread_for_the_next_event()
    {
        var capture = new CapturingFormatter();
        using var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "c", Sink = () => new MemorySink(), Formatter = capture });
        CategoryLogger log = system.GetLogger("App");

        log.Log(Level.Info, "with", [new("k", "v")], null);
        log.Log(Level.Info, "without");
        system.Flush(TimeSpan.FromSeconds(10));

        Assert.Equal(2, capture.Events.Count);
        Assert.True(capture.Events[0].TryGetMetadata("k", out _));
        Assert.False(capture.Events[1].TryGetMetadata("k", out _));
        Assert.False(capture.Events[1].HasScopes);
    }

    [Fact]
    public void A_disabled_level_logs_nothing_and_null_metadata_is_refused()
    {
        var capture = new CapturingFormatter();
        using var system = new LogSystem(new LoggerConfig { Level = Level.Warning });
        system.AddHandler(new HandlerConfig { Id = "c", Sink = () => new MemorySink(), Formatter = capture });
        CategoryLogger log = system.GetLogger("App");

        log.Log(Level.Debug, "quiet", [new("k", "v")], null);
        system.Flush(TimeSpan.FromSeconds(10));

        Assert.Empty(capture.Events);
        Assert.Throws<ArgumentNullException>(() => log.Log(Level.Error, "x", null!, null));
    }
}
