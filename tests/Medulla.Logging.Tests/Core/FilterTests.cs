using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Core;

public class FilterTests
{
    private static (LogSystem System, MemorySink Sink) Create(LoggerConfig config, HandlerConfig? handler = null)
    {
        var system = new LogSystem(config, stderr: TextWriter.Null);
        var sink = new MemorySink();
        system.AddHandler((handler ?? new HandlerConfig { Id = "m", Sink = () => sink }) with { Sink = () => sink, Formatter = new TestFormatter() });
        return (system, sink);
    }

    private static LogFilter Returns(string id, Func<LogEvent, FilterResult> f) => new(id, (e, _) => f(e));

    [Fact]
    public void Stop_ends_the_chain_and_drops_the_event()
    {
        int later = 0;
        var (system, sink) = Create(new LoggerConfig
        {
            Filters = [Returns("stop", _ => FilterResult.Stop), Returns("later", _ => { later++; return FilterResult.Log(); })],
        });
        using (system)
        {
            system.GetLogger("A").Log(Level.Info, "x");
            system.Flush(TimeSpan.FromSeconds(10));
        }
        Assert.Empty(sink.Records);
        Assert.Equal(0, later);
    }

    [Fact]
    public void When_all_filters_ignore_the_filter_default_decides()
    {
        var ignoreAll = new LoggerConfig { Filters = [Returns("i", _ => FilterResult.Ignore)] };
        var (logSystem, logged) = Create(ignoreAll);
        var (stopSystem, stopped) = Create(ignoreAll with { FilterDefault = FilterDefault.Stop });
        using (logSystem)
        using (stopSystem)
        {
            logSystem.GetLogger("A").Log(Level.Info, "x");
            stopSystem.GetLogger("A").Log(Level.Info, "x");
            logSystem.Flush(TimeSpan.FromSeconds(10));
            stopSystem.Flush(TimeSpan.FromSeconds(10));
        }
        Assert.Single(logged.Records);
        Assert.Empty(stopped.Records);
    }

    [Fact]
    public void A_log_answer_overrides_a_stop_default_and_later_filters_still_run()
    {
        int later = 0;
        var (system, sink) = Create(new LoggerConfig
        {
            FilterDefault = FilterDefault.Stop,
            Filters = [Returns("log", _ => FilterResult.Log()), Returns("later", _ => { later++; return FilterResult.Ignore; })],
        });
        using (system)
        {
            system.GetLogger("A").Log(Level.Info, "x");
            system.Flush(TimeSpan.FromSeconds(10));
        }
        Assert.Single(sink.Records);
        Assert.Equal(1, later);
    }

    [Fact]
    public void A_filter_can_replace_the_event()
    {
        var (system, sink) = Create(new LoggerConfig
        {
            Filters = [Returns("redact", e => FilterResult.Log(new LogEvent(e.Level, e.Category, "[redacted]")))],
        });
        using (system)
        {
            system.GetLogger("A").Log(Level.Info, "password=hunter2");
            system.Flush(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(["info|A|[redacted]"], sink.Records);
    }

    [Fact]
    public void A_category_a_filter_changes_in_place_is_the_one_the_template_formatter_writes()
    {
        var sink = new MemorySink();
        using (var system = new LogSystem(new LoggerConfig
        {
            Filters = [Returns("rename", e => { e.Category = "Renamed.Ü"; return FilterResult.Log(); })],
        }, stderr: TextWriter.Null))
        {
            system.AddHandler(new HandlerConfig
            {
                Id = "t",
                Sink = () => sink,
                Formatter = new TemplateFormatter(new() { Template = "{category}: {msg}\n" }),
            });
            system.GetLogger("Original").Log(Level.Info, $"first");
            system.GetLogger("Original").Log(Level.Info, "second");
            system.Flush(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(["Renamed.Ü: first\n", "Renamed.Ü: second\n"], sink.Records);
    }

    [Fact]
    public void A_throwing_primary_filter_is_removed_reported_once_and_treated_as_ignore()
    {
        int calls = 0;
        var (system, sink) = Create(new LoggerConfig
        {
            Filters = [Returns("boom", _ => { calls++; throw new InvalidOperationException("bad filter"); })],
        });
        using (system)
        {
            CategoryLogger log = system.GetLogger("A");
            log.Log(Level.Info, "first");
            log.Log(Level.Info, "second");
            system.Flush(TimeSpan.FromSeconds(10));
            Assert.Empty(system.Config.Filters);
        }
        Assert.Equal(1, calls);
        string report = Assert.Single(sink.Records, r => r.Contains("filter 'boom' removed", StringComparison.Ordinal));
        Assert.StartsWith("error|Medulla.Logging|", report);
        Assert.Contains("info|A|first", sink.Records);
        Assert.Contains("info|A|second", sink.Records);
    }

    [Fact]
    public void A_throwing_handler_filter_is_removed_from_that_handler_only()
    {
        var (system, sink) = Create(new LoggerConfig(), new HandlerConfig
        {
            Id = "m",
            Sink = () => throw new InvalidOperationException(),
            Filters = [Returns("boom", _ => throw new InvalidOperationException("bad"))],
        });
        using (system)
        {
            system.GetLogger("A").Log(Level.Info, "x");
            system.Flush(TimeSpan.FromSeconds(10));
            Assert.Empty(system.GetHandlerConfig("m")!.Filters);
        }
        Assert.Contains("info|A|x", sink.Records);
        Assert.Single(sink.Records, r => r.Contains("filter 'boom' removed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DomainComparison.Sub, "medulla.heart", "medulla", true)]
    [InlineData(DomainComparison.Sub, "medulla", "medulla", true)]
    [InlineData(DomainComparison.Sub, "medulla", "medulla.heart", false)]
    [InlineData(DomainComparison.Super, "medulla", "medulla.heart", true)]
    [InlineData(DomainComparison.Super, "medulla.heart", "medulla", false)]
    [InlineData(DomainComparison.Equal, "medulla.heart", "medulla.heart", true)]
    [InlineData(DomainComparison.Equal, "medulla.heart.x", "medulla.heart", false)]
    [InlineData(DomainComparison.NotEqual, "otp", "medulla", true)]
    [InlineData(DomainComparison.NotEqual, null, "medulla", true)]
    [InlineData(DomainComparison.NotEqual, "medulla", "medulla", false)]
    [InlineData(DomainComparison.Undefined, null, "medulla", true)]
    [InlineData(DomainComparison.Undefined, "medulla", "medulla", false)]
    [InlineData(DomainComparison.Sub, null, "medulla", false)]
    public void Domain_filters_compare_as_otp_does(DomainComparison comparison, string? eventDomain, string filterDomain, bool matches)
    {
        LogFilter filter = LogFilters.Domain("d", FilterAction.Stop, comparison, filterDomain.Split('.'));
        var e = new LogEvent(Level.Info, "C", "m") { Domain = eventDomain?.Split('.') };
        Assert.Equal(matches ? FilterAction.Stop : FilterAction.Ignore, filter.Apply(e).Action);
    }

    [Theory]
    [InlineData(LevelComparison.LessThan, Level.Debug, Level.Info, true)]
    [InlineData(LevelComparison.LessThan, Level.Error, Level.Info, false)]
    [InlineData(LevelComparison.GreaterOrEqual, Level.Warning, Level.Warning, true)]
    [InlineData(LevelComparison.GreaterOrEqual, Level.Alert, Level.Warning, true)]
    [InlineData(LevelComparison.GreaterOrEqual, Level.Notice, Level.Warning, false)]
    [InlineData(LevelComparison.Equal, Level.Notice, Level.Notice, true)]
    [InlineData(LevelComparison.NotEqual, Level.Notice, Level.Notice, false)]
    [InlineData(LevelComparison.GreaterThan, Level.Emergency, Level.Alert, true)]
    [InlineData(LevelComparison.LessOrEqual, Level.Alert, Level.Alert, true)]
    public void Level_filters_compare_severities(LevelComparison comparison, Level eventLevel, Level filterLevel, bool matches)
    {
        LogFilter filter = LogFilters.Level("l", FilterAction.Log, comparison, filterLevel);
        Assert.Equal(matches ? FilterAction.Log : FilterAction.Ignore, filter.Apply(new LogEvent(eventLevel, "C", "m")).Action);
    }

    [Theory]
    [InlineData("Microsoft", "Microsoft", true)]
    [InlineData("Microsoft.Hosting.Lifetime", "Microsoft", true)]
    [InlineData("MicrosoftX", "Microsoft", false)]
    [InlineData("App", "Microsoft", false)]
    public void Category_filters_match_dotted_prefixes(string category, string prefix, bool matches)
    {
        LogFilter filter = LogFilters.Category("c", FilterAction.Stop, prefix);
        Assert.Equal(matches ? FilterAction.Stop : FilterAction.Ignore, filter.Apply(new LogEvent(Level.Info, category, "m")).Action);
    }

    [Fact]
    public void A_built_in_filter_cannot_answer_ignore_on_match() =>
        Assert.Throws<ArgumentException>(() => LogFilters.Category("c", FilterAction.Ignore, "x"));
}
