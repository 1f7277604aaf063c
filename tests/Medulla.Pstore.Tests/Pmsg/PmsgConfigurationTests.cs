using Medulla.Logging;
using Medulla.Pstore.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Pstore.Tests.Pmsg;

public class PmsgConfigurationTests
{
    private static IConfigurationRoot Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static LogSystem Create(Dictionary<string, string?> values) =>
        MedullaLogging.Create(Config(values), new MedullaLoggingOptions().AddPmsgHandlerType());

    [Fact]
    public void A_pmsg_handler_defaults_to_warning_and_the_pmsg_line()
    {
        using LogSystem system = Create(new()
        {
            ["Medulla:Logging:Handlers:pmsg:Type"] = "pmsg",
            ["Medulla:Logging:Handlers:pmsg:Path"] = "/dev/null",
        });

        var config = system.GetHandlerConfig("pmsg")!;
        Assert.Equal(Level.Warning, config.Level);
        var formatter = Assert.IsType<TemplateFormatter>(config.Formatter);
        Assert.Equal(PmsgHandler.Template, formatter.Options.Template);
        Assert.True(formatter.Options.SingleLine);
        Assert.True(formatter.Options.UtcTime);
    }

    [Fact]
    public void Level_and_formatter_can_be_set()
    {
        using LogSystem system = Create(new()
        {
            ["Medulla:Logging:Handlers:last-words:Type"] = "pmsg",
            ["Medulla:Logging:Handlers:last-words:Path"] = "/dev/null",
            ["Medulla:Logging:Handlers:last-words:Level"] = "notice",
            ["Medulla:Logging:Handlers:last-words:Formatter:Type"] = "json",
        });

        var config = system.GetHandlerConfig("last-words")!;
        Assert.Equal(Level.Notice, config.Level);
        Assert.IsType<JsonLinesFormatter>(config.Formatter);
    }

    [Fact]
    public void The_pmsg_formatter_serves_other_handlers_too()
    {
        using var dir = new TempDirectory();
        using LogSystem system = Create(new()
        {
            ["Medulla:Logging:Handlers:mirror:Type"] = "file",
            ["Medulla:Logging:Handlers:mirror:Path"] = dir.Combine("mirror.log"),
            ["Medulla:Logging:Handlers:mirror:Formatter:Type"] = "pmsg",
            ["Medulla:Logging:Handlers:mirror:Formatter:MaxSize"] = "200",
        });

        var formatter = Assert.IsType<TemplateFormatter>(system.GetHandlerConfig("mirror")!.Formatter);
        Assert.Equal(PmsgHandler.Template, formatter.Options.Template);
        Assert.Equal(200, formatter.Options.MaxSize);
        Assert.Equal(Level.All, system.GetHandlerConfig("mirror")!.Level);
    }

    [Fact]
    public void A_missing_device_fails_start_with_what_the_kernel_needs()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("pmsg0");

        var ex = Assert.Throws<PmsgUnavailableException>(() => Create(new()
        {
            ["Medulla:Logging:Handlers:pmsg:Path"] = path,
        }));

        Assert.Contains("CONFIG_PSTORE_PMSG", ex.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void An_empty_path_is_refused_with_its_key()
    {
        var ex = Assert.Throws<LoggingConfigurationException>(() => Create(new() { ["Medulla:Logging:Handlers:pmsg:Path"] = "" }));

        Assert.Contains("Medulla:Logging:Handlers:pmsg:Path: must not be empty", ex.Message);
    }

    [Theory]
    [InlineData("Medulla:Logging:Handlers:pmsg:Path", "", "Medulla:Logging:Handlers:pmsg:Path: must not be empty")]
    [InlineData("Medulla:Logging:Handlers:pmsg:Formatter:MaxSize", "3", "Medulla:Logging:Handlers:pmsg:Formatter:MaxSize: 3 is out of range; expected 4..2147483647")]
    public async Task A_bad_value_stops_the_host_at_start_with_one_message_naming_the_key_and_the_value(string key, string value, string message)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Logging.ClearProviders().AddMedullaPmsg();
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_registration_pmsg_is_an_unknown_type()
    {
        var ex = Assert.Throws<LoggingConfigurationException>(() => MedullaLogging.Create(Config(new() { ["Medulla:Logging:Handlers:p:Type"] = "pmsg" })));

        Assert.Contains("'pmsg' is not a handler type", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddMedullaPmsg_registers_the_type_whether_it_comes_before_or_after_AddMedulla(bool pmsgFirst)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Config(new()
        {
            ["Medulla:Logging:Handlers:pmsg:Path"] = "/dev/null",
            ["Medulla:Logging:Handlers:console:Type"] = "console",
        }));
        services.AddLogging(logging =>
        {
            if (pmsgFirst)
            {
                logging.AddMedullaPmsg().AddMedulla();
            }
            else
            {
                logging.AddMedulla().AddMedullaPmsg();
            }
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        LogSystem system = provider.GetRequiredService<LogSystem>();

        Assert.Equal(["console", "pmsg"], system.HandlerIds.Order(StringComparer.Ordinal));
        Assert.Equal(Level.Warning, system.GetHandlerConfig("pmsg")!.Level);
    }

    [Fact]
    public void PmsgHandler_Create_gives_id_level_formatter_and_device()
    {
        var config = PmsgHandler.Create();

        Assert.Equal("pmsg", config.Id);
        Assert.Equal(Level.Warning, config.Level);
        Assert.Equal(PmsgHandler.Template, Assert.IsType<TemplateFormatter>(config.Formatter).Options.Template);
        config.Validate();
    }
}
