using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Core;

public class LevelTests
{
    [Theory]
    [InlineData(Level.Emergency, Level.Info, true)]
    [InlineData(Level.Info, Level.Info, true)]
    [InlineData(Level.Debug, Level.Info, false)]
    [InlineData(Level.Emergency, Level.None, false)]
    [InlineData(Level.Debug, Level.All, true)]
    public void An_event_passes_a_threshold_when_its_integer_is_not_greater(Level level, Level threshold, bool passes) =>
        Assert.Equal(passes, level.Passes(threshold));

    [Theory]
    [InlineData("emerg", Level.Emergency)]
    [InlineData("CRIT", Level.Critical)]
    [InlineData("warn", Level.Warning)]
    [InlineData("Information", Level.Info)]
    [InlineData("trace", Level.Debug)]
    [InlineData("5", Level.Notice)]
    [InlineData("none", Level.None)]
    [InlineData("all", Level.All)]
    public void Level_names_and_aliases_parse(string text, Level expected) => Assert.Equal(expected, Levels.Parse(text));

    [Fact]
    public void An_unknown_level_name_is_an_error_listing_the_allowed_names()
    {
        var ex = Assert.Throws<FormatException>(() => Levels.Parse("verbose-ish"));
        Assert.Contains("emergency, alert, critical, error, warning, notice, info, debug, none, all", ex.Message);
    }

    [Fact]
    public void The_primary_level_defaults_to_info()
    {
        using var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "m", Sink = () => new MemorySink() });
        CategoryLogger log = system.GetLogger("App");
        Assert.True(log.IsEnabled(Level.Info));
        Assert.False(log.IsEnabled(Level.Debug));
    }

    [Fact]
    public void The_longest_matching_category_override_replaces_the_primary_level()
    {
        using var system = new LogSystem(new LoggerConfig { Level = Level.Warning });
        system.AddHandler(new HandlerConfig { Id = "m", Sink = () => new MemorySink() });
        system.SetCategoryLevel("Net", Level.Debug);
        system.SetCategoryLevel("Net.Http", Level.Error);

        Assert.False(system.GetLogger("App").IsEnabled(Level.Info));
        Assert.True(system.GetLogger("Net").IsEnabled(Level.Debug));
        Assert.True(system.GetLogger("Net.Tcp").IsEnabled(Level.Debug));
        Assert.False(system.GetLogger("Net.Http").IsEnabled(Level.Warning));
        Assert.False(system.GetLogger("Net.Http.Client").IsEnabled(Level.Warning));
        Assert.True(system.GetLogger("Net.Http.Client").IsEnabled(Level.Error));
        // A dotted prefix matches whole segments only.
        Assert.False(system.GetLogger("Network").IsEnabled(Level.Info));
    }

    [Fact]
    public void A_logger_created_before_a_level_change_sees_the_change()
    {
        using var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "m", Sink = () => new MemorySink() });
        CategoryLogger log = system.GetLogger("App");
        Assert.False(log.IsEnabled(Level.Debug));

        system.SetLevel(Level.Debug);

        Assert.True(log.IsEnabled(Level.Debug));
    }

    [Fact]
    public void Nothing_is_enabled_when_no_handler_would_take_it()
    {
        using var system = new LogSystem(new LoggerConfig { Level = Level.Debug });
        CategoryLogger log = system.GetLogger("App");
        Assert.False(log.IsEnabled(Level.Emergency));

        system.AddHandler(new HandlerConfig { Id = "m", Sink = () => new MemorySink(), Level = Level.Warning });

        Assert.True(log.IsEnabled(Level.Warning));
        Assert.False(log.IsEnabled(Level.Notice));
    }

    [Fact]
    public async Task Handler_levels_filter_per_handler()
    {
        using var system = new LogSystem(new LoggerConfig { Level = Level.Debug });
        var all = new MemorySink();
        var errors = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "all", Sink = () => all, Formatter = new TestFormatter() });
        system.AddHandler(new HandlerConfig { Id = "errors", Sink = () => errors, Level = Level.Error, Formatter = new TestFormatter() });
        CategoryLogger log = system.GetLogger("App");

        log.Log(Level.Debug, "d");
        log.Log(Level.Error, "e");
        log.Log(Level.Critical, "c");
        Assert.True(system.Flush(TimeSpan.FromSeconds(10)));

        Assert.Equal(["debug|App|d", "error|App|e", "critical|App|c"], all.Records);
        Assert.Equal(["error|App|e", "critical|App|c"], errors.Records);
        await Task.CompletedTask;
    }

    [Fact]
    public void A_call_below_the_level_allocates_nothing()
    {
        using var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "m", Sink = () => new MemorySink() });
        CategoryLogger log = system.GetLogger("App");
        int i = 0;
        string s = "text";
        double d = 1.5;
        log.Log(Level.Debug, $"warm {i} {s} {d}");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (i = 0; i < 10_000; i++)
        {
            log.Log(Level.Debug, $"value {i} {s} {d}");
        }
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
    }

    [Fact]
    public void Microsoft_levels_map_onto_syslog_levels()
    {
        Assert.Equal(Level.Debug, Levels.FromMicrosoft(Microsoft.Extensions.Logging.LogLevel.Trace));
        Assert.Equal(Level.Debug, Levels.FromMicrosoft(Microsoft.Extensions.Logging.LogLevel.Debug));
        Assert.Equal(Level.Info, Levels.FromMicrosoft(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.Equal(Level.Warning, Levels.FromMicrosoft(Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.Equal(Level.Error, Levels.FromMicrosoft(Microsoft.Extensions.Logging.LogLevel.Error));
        Assert.Equal(Level.Critical, Levels.FromMicrosoft(Microsoft.Extensions.Logging.LogLevel.Critical));
    }
}
