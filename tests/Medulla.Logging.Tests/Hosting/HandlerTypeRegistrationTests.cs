using Medulla.Logging;
using Medulla.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Medulla.Logging.Tests.Hosting;

public class HandlerTypeRegistrationTests
{
    private static IConfigurationRoot Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static readonly JsonLinesFormatter Json = new();

    private static MedullaLoggingOptions WithQuietType(MemorySink sink) => new MedullaLoggingOptions()
        .AddHandlerType("quiet", _ => () => sink, new HandlerTypeDefaults { Level = Level.Warning, FormatterType = "fixed" })
        .AddFormatterType("fixed", _ => Json);

    [Fact]
    public void A_handler_type_gives_its_default_level_and_formatter_when_the_section_leaves_them_out()
    {
        using LogSystem system = MedullaLogging.Create(
            Config(new() { ["Medulla:Logging:Handlers:q:Type"] = "quiet" }), WithQuietType(new MemorySink()));

        Assert.Equal(Level.Warning, system.GetHandlerConfig("q")!.Level);
        Assert.Same(Json, system.GetHandlerConfig("q")!.Formatter);
    }

    [Fact]
    public void The_section_overrides_a_handler_types_defaults()
    {
        using LogSystem system = MedullaLogging.Create(Config(new()
        {
            ["Medulla:Logging:Handlers:q:Type"] = "quiet",
            ["Medulla:Logging:Handlers:q:Level"] = "debug",
            ["Medulla:Logging:Handlers:q:Formatter:Type"] = "template",
        }), WithQuietType(new MemorySink()));

        Assert.Equal(Level.Debug, system.GetHandlerConfig("q")!.Level);
        Assert.IsType<TemplateFormatter>(system.GetHandlerConfig("q")!.Formatter);
    }

    [Fact]
    public void A_handler_named_after_a_registered_type_needs_no_Type_key()
    {
        using LogSystem system = MedullaLogging.Create(
            Config(new() { ["Medulla:Logging:Handlers:quiet:Level"] = "error" }), WithQuietType(new MemorySink()));

        Assert.Equal(["quiet"], system.HandlerIds);
        Assert.Same(Json, system.GetHandlerConfig("quiet")!.Formatter);
    }

    [Fact]
    public void Types_without_defaults_keep_level_all_and_the_template_formatter()
    {
        var options = new MedullaLoggingOptions().AddHandlerType("plain", _ => () => new MemorySink());
        using LogSystem system = MedullaLogging.Create(Config(new() { ["Medulla:Logging:Handlers:p:Type"] = "plain" }), options);

        Assert.Equal(Level.All, system.GetHandlerConfig("p")!.Level);
        Assert.IsType<TemplateFormatter>(system.GetHandlerConfig("p")!.Formatter);
    }

    [Fact]
    public void A_registered_formatter_type_is_listed_in_the_error_for_an_unknown_one()
    {
        var values = new Dictionary<string, string?>
        {
            ["Medulla:Logging:Handlers:q:Type"] = "quiet",
            ["Medulla:Logging:Handlers:q:Formatter:Type"] = "xml",
        };
        var ex = Assert.Throws<LoggingConfigurationException>(() => MedullaLogging.Create(Config(values), WithQuietType(new MemorySink())));
        Assert.Contains("'xml' is not a formatter type; expected one of fixed, json, rfc5424, template", ex.Message);
    }

    [Fact]
    public void Every_AddMedulla_call_configures_the_one_logging_system_in_call_order()
    {
        var sink = new MemorySink();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Config(new() { ["Medulla:Logging:Handlers:q:Type"] = "quiet" }));
        services.AddLogging(logging => logging
            .AddMedulla(o => o.AddHandlerType("quiet", _ => () => sink))
            .AddMedulla(o => o.HandlerDefaults["quiet"] = new HandlerTypeDefaults { Level = Level.Error }));
        using ServiceProvider provider = services.BuildServiceProvider();

        LogSystem system = provider.GetRequiredService<LogSystem>();

        Assert.Equal(["q"], system.HandlerIds);
        Assert.Equal(Level.Error, system.GetHandlerConfig("q")!.Level);
        Assert.Single(provider.GetServices<ILoggerProvider>());
    }
}
