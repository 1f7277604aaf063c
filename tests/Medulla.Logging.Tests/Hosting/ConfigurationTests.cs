using Medulla.Logging;
using Medulla.Logging.Tests.Handlers;
using Medulla.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Logging.Tests.Hosting;

public class ConfigurationTests
{
    private static IConfigurationRoot Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static MedullaLoggingOptions WithMemory(MemorySink sink)
    {
        var options = new MedullaLoggingOptions();
        options.HandlerTypes["memory"] = _ => () => sink;
        return options;
    }

    [Fact]
    public void The_section_sets_levels_categories_metadata_and_handlers()
    {
        var sink = new MemorySink();
        using LogSystem system = MedullaLogging.Create(Config(new()
        {
            ["Medulla:Logging:Level"] = "notice",
            ["Medulla:Logging:Categories:Net.Http"] = "debug",
            ["Medulla:Logging:Metadata:device"] = "d-17",
            ["Medulla:Logging:MessageTruncation"] = "1KiB",
            ["Medulla:Logging:Handlers:mem:Type"] = "memory",
            ["Medulla:Logging:Handlers:mem:Level"] = "warning",
            ["Medulla:Logging:Handlers:mem:Formatter:Type"] = "json",
            ["Medulla:Logging:Handlers:mem:Overload:SyncModeQueueLength"] = "50",
            ["Medulla:Logging:Handlers:mem:Overload:BurstLimitEnabled"] = "true",
            ["Medulla:Logging:Handlers:mem:Overload:BurstLimitWindow"] = "2s",
            ["Medulla:Logging:Handlers:mem:Overload:ModeChangeReportInterval"] = "30s",
            ["Medulla:Logging:Handlers:mem:FlushDelay"] = "250ms",
        }), WithMemory(sink));

        Assert.Equal(Level.Notice, system.Config.Level);
        Assert.Equal(Level.Debug, system.Config.LevelFor("Net.Http.Client"));
        Assert.Equal(1024, system.Config.MessageTruncation);
        Assert.Equal("d-17", Assert.Single(system.Config.Metadata).Value);
        HandlerConfig mem = system.GetHandlerConfig("mem")!;
        Assert.Equal(Level.Warning, mem.Level);
        Assert.IsType<JsonLinesFormatter>(mem.Formatter);
        Assert.Equal(50, mem.Overload.SyncModeQueueLength);
        Assert.True(mem.Overload.BurstLimitEnabled);
        Assert.Equal(TimeSpan.FromSeconds(2), mem.Overload.BurstLimitWindow);
        Assert.Equal(TimeSpan.FromSeconds(30), mem.Overload.ModeChangeReportInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), mem.FlushDelay);
        Assert.Equal(["mem"], system.HandlerIds);
    }

    [Theory]
    [InlineData("Medulla:Logging:Level", "loud", "Medulla:Logging:Level: 'loud' is not a log level; expected one of emergency")]
    [InlineData("Medulla:Logging:Handlers:mem:Level", "x", "Medulla:Logging:Handlers:mem:Level: 'x' is not a log level")]
    [InlineData("Medulla:Logging:Handlers:mem:Type", "carrier-pigeon", "Medulla:Logging:Handlers:mem:Type: 'carrier-pigeon' is not a handler type; expected one of console, file, memory")]
    [InlineData("Medulla:Logging:Handlers:mem:Formatter:Type", "xml", "Medulla:Logging:Handlers:mem:Formatter:Type: 'xml' is not a formatter type")]
    [InlineData("Medulla:Logging:Handlers:mem:Overload:DropModeQueueLength", "1", "SyncModeQueueLength <= DropModeQueueLength")]
    [InlineData("Medulla:Logging:Handlers:mem:FlushDelay", "soon", "Medulla:Logging:Handlers:mem:FlushDelay: 'soon' is not a duration")]
    [InlineData("Medulla:Logging:FilterDefault", "maybe", "Medulla:Logging:FilterDefault: 'maybe' is not allowed; expected one of log, stop")]
    public void A_bad_value_is_refused_with_its_key_and_the_allowed_values(string key, string value, string message)
    {
        var values = new Dictionary<string, string?> { ["Medulla:Logging:Handlers:mem:Type"] = "memory", [key] = value };
        var ex = Assert.Throws<LoggingConfigurationException>(() => MedullaLogging.Create(Config(values), WithMemory(new MemorySink())));
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("Medulla:Logging:Handlers:file:MaxBytes", "lots", "Medulla:Logging:Handlers:file:MaxBytes: 'lots' is not a whole number; expected 1..9223372036854775807")]
    [InlineData("Medulla:Logging:Level", "loud", "Medulla:Logging:Level: 'loud' is not a log level; expected one of emergency")]
    [InlineData("Medulla:Logging:Handlers:file:Overload:BurstLimitWindow", "-5s", "Medulla:Logging:Handlers:file:Overload:BurstLimitWindow: -5s is out of range; expected 0ms..2147483647ms")]
    public async Task A_bad_value_stops_the_host_at_start_with_one_message_naming_the_key_and_the_value(string key, string value, string message)
    {
        using var dir = new TempDirectory();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Medulla:Logging:Handlers:file:Path"] = dir.File("app.log"),
            [key] = value,
        });
        builder.Logging.ClearProviders().AddMedulla(o => o.CaptureUnhandledExceptions = false);
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(";", ex.Message.Replace("; expected", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Through_the_host_a_reload_follows_the_options_monitor_and_a_bad_one_is_refused_and_logged()
    {
        var sink = new MemorySink();
        var config = new ConfigurationManager();
        config.AddInMemoryCollection(new Dictionary<string, string?> { ["Medulla:Logging:Handlers:mem:Type"] = "memory" });
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(l => l.AddMedulla(o =>
        {
            o.HandlerTypes["memory"] = _ => () => sink;
            o.CaptureUnhandledExceptions = false;
        }));
        using ServiceProvider provider = services.BuildServiceProvider();
        LogSystem system = provider.GetRequiredService<LogSystem>();

        config["Medulla:Logging:Level"] = "debug";
        ((IConfigurationRoot)config).Reload();
        Assert.Equal(Level.Debug, system.Config.Level);
        config["Medulla:Logging:Level"] = "chatty";
        ((IConfigurationRoot)config).Reload();
        Assert.Equal(Level.Debug, system.Config.Level);

        system.Flush(TimeSpan.FromSeconds(10));
        Assert.Single(sink.Records, r => r.Contains("logging configuration reload refused", StringComparison.Ordinal)
            && r.Contains("Medulla:Logging:Level: 'chatty'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_handler_without_a_path_is_refused()
    {
        var ex = Assert.Throws<LoggingConfigurationException>(() => MedullaLogging.Create(Config(new() { ["Medulla:Logging:Handlers:f:Type"] = "file" })));
        Assert.Contains("Medulla:Logging:Handlers:f:Path: a file handler needs a Path", ex.Message);
    }

    [Fact]
    public void Without_any_handler_a_console_handler_is_added()
    {
        using LogSystem system = MedullaLogging.Create(Config([]));
        Assert.Equal(["console"], system.HandlerIds);
    }

    [Fact]
    public void A_reload_applies_a_valid_section_and_refuses_a_bad_one_whole()
    {
        var sink = new MemorySink();
        IConfigurationRoot config = Config(new()
        {
            ["Medulla:Logging:Level"] = "info",
            ["Medulla:Logging:Handlers:mem:Type"] = "memory",
        });
        using LogSystem system = MedullaLogging.Create(config, WithMemory(sink));
        CategoryLogger log = system.GetLogger("App");
        Assert.False(log.IsEnabled(Level.Debug));

        config["Medulla:Logging:Level"] = "debug";
        config["Medulla:Logging:Handlers:mem:Level"] = "error";
        config.Reload();
        Assert.Equal(Level.Debug, system.Config.Level);
        Assert.Equal(Level.Error, system.GetHandlerConfig("mem")!.Level);

        config["Medulla:Logging:Level"] = "chatty";
        config["Medulla:Logging:Handlers:mem:Level"] = "debug";
        config.Reload();
        Assert.Equal(Level.Debug, system.Config.Level);
        Assert.Equal(Level.Error, system.GetHandlerConfig("mem")!.Level);
        system.Flush(TimeSpan.FromSeconds(10));
        Assert.Single(sink.Records, r => r.Contains("logging configuration reload refused", StringComparison.Ordinal) && r.Contains("chatty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reload_whose_new_file_cannot_be_opened_keeps_the_old_handler_writing_and_reports_why()
    {
        using var dir = new TempDirectory();
        string oldPath = dir.File("app.log");
        string badPath = Path.Combine(dir.Path, "missing", "app.log");
        IConfigurationRoot config = Config(new()
        {
            ["Medulla:Logging:Handlers:file:Path"] = oldPath,
            ["Medulla:Logging:Handlers:file:CreateDirectory"] = "false",
        });
        using LogSystem system = MedullaLogging.Create(config);
        CategoryLogger log = system.GetLogger("App");
        log.Log(Level.Info, "before");

        config["Medulla:Logging:Handlers:file:Path"] = badPath;
        config.Reload();
        log.Log(Level.Info, "after");
        Assert.True(system.Flush(TimeSpan.FromSeconds(30)));

        Assert.Equal(["file"], system.HandlerIds);
        string[] lines = File.ReadAllLines(oldPath);
        Assert.Contains(lines, l => l.Contains("before", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("after", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("logging configuration reload refused", StringComparison.Ordinal) && l.Contains(badPath, StringComparison.Ordinal));
        Assert.False(File.Exists(badPath));
    }

    [Fact]
    public void Filters_are_read_from_configuration()
    {
        var sink = new MemorySink();
        using LogSystem system = MedullaLogging.Create(Config(new()
        {
            ["Medulla:Logging:Filters:0:Type"] = "category",
            ["Medulla:Logging:Filters:0:Action"] = "stop",
            ["Medulla:Logging:Filters:0:Prefix"] = "Noisy",
            ["Medulla:Logging:Handlers:mem:Type"] = "memory",
            ["Medulla:Logging:Handlers:mem:Formatter:Template"] = "{category}:{msg}",
        }), WithMemory(sink));
        system.GetLogger("Noisy.Part").Log(Level.Info, "hidden");
        system.GetLogger("Quiet").Log(Level.Info, "shown");
        system.Flush(TimeSpan.FromSeconds(10));
        Assert.Equal(["Quiet:shown"], sink.Records);
    }

    [Fact]
    public void Overload_defaults_are_consistent() => new OverloadOptions().Validate();

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:05", 5000)]
    [InlineData("1500", 1500)]
    [InlineData(" 2.5s ", 2500)]
    public void Durations_accept_units_timespans_and_bare_milliseconds(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ConfigText.Duration(text, "k", default));
}
