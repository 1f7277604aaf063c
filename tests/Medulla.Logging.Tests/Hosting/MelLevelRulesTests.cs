using Medulla.Logging;
using Medulla.Logging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Logging.Tests.Hosting;

/// <summary>
/// Microsoft.Extensions.Logging's level rules (Logging:LogLevel, SetMinimumLevel) apply to the Medulla
/// provider as to any other, combined with Medulla's own levels: the stricter one wins.
/// </summary>
public class MelLevelRulesTests
{
    private const string Category = "Some.Category";

    private sealed record Started(IHost Host, CapturingFormatter Capture, LogSystem System, IConfigurationRoot Configuration) : IDisposable
    {
        public ILogger Logger => Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

        public IReadOnlyList<LogEvent> EventsOf(string category)
        {
            Assert.True(System.Flush(TimeSpan.FromSeconds(10)));
            return [.. Capture.Events.Where(e => e.Category == category)];
        }

        public void Dispose() => Host.Dispose();
    }

    private static Started Start(Dictionary<string, string?> settings, Action<ILoggingBuilder>? logging = null)
    {
        var capture = new CapturingFormatter();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        // What Host.CreateApplicationBuilder does by default: the "Logging" section holds MEL's rules.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddMedulla(o => o.AddHandler(new HandlerConfig { Id = "capture", Sink = () => new MemorySink(), Formatter = capture }));
        logging?.Invoke(builder.Logging);
        IHost host = builder.Build();
        return new Started(host, capture, host.Services.GetRequiredService<LogSystem>(), builder.Configuration);
    }

    [Fact]
    public void A_Logging_LogLevel_rule_of_Warning_silences_Information_from_that_category()
    {
        using Started s = Start(new() { ["Logging:LogLevel:" + Category] = "Warning" });
        ILogger other = s.Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Other.Category");

        s.Logger.LogInformation("silenced");
        s.Logger.LogWarning("kept");
        other.LogInformation("other kept");

        Assert.Equal(["kept"], s.EventsOf(Category).Select(e => e.Message));
        Assert.Single(s.EventsOf("Other.Category"));
        Assert.False(s.Logger.IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void A_rule_for_the_Medulla_alias_applies_to_the_Medulla_provider_only()
    {
        using Started s = Start(new() { ["Logging:Medulla:LogLevel:" + Category] = "Error" });

        s.Logger.LogWarning("silenced");
        s.Logger.LogError("kept");

        Assert.Equal(["kept"], s.EventsOf(Category).Select(e => e.Message));
    }

    [Fact]
    public void SetMinimumLevel_applies_to_the_Medulla_provider()
    {
        using Started s = Start([], logging => logging.SetMinimumLevel(LogLevel.Error));

        s.Logger.LogWarning("silenced");
        s.Logger.LogError("kept");

        Assert.Equal(["kept"], s.EventsOf(Category).Select(e => e.Message));
    }

    [Fact]
    public void The_stricter_of_MEL_and_Medulla_wins()
    {
        // MEL lets Debug through for the category, Medulla's own level for it is warning.
        using Started s = Start(new()
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Medulla:Logging:Categories:" + Category] = "warning",
        });
        ILogger other = s.Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Other.Category");

        s.Logger.LogInformation("silenced by Medulla");
        s.Logger.LogWarning("kept");
        other.LogDebug("silenced by Medulla's primary level (info)");
        other.LogInformation("other kept");

        Assert.Equal(["kept"], s.EventsOf(Category).Select(e => e.Message));
        Assert.Equal(["other kept"], s.EventsOf("Other.Category").Select(e => e.Message));
    }

    [Fact]
    public async Task Reloading_the_Logging_section_changes_the_level_at_run_time()
    {
        using Started s = Start(new() { ["Logging:LogLevel:" + Category] = "Warning" });
        ILogger log = s.Logger;
        log.LogInformation("before reload: silenced");

        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IOptionsMonitor<LoggerFilterOptions> filters = s.Host.Services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>();
        using IDisposable? subscription = filters.OnChange(_ => refreshed.TrySetResult());
        MemoryConfigurationProvider memory = s.Configuration.Providers.OfType<MemoryConfigurationProvider>().Last();
        memory.Set("Logging:LogLevel:" + Category, "Information");
        s.Configuration.Reload();
        await refreshed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        log.LogInformation("after reload: kept");

        Assert.Equal(["after reload: kept"], s.EventsOf(Category).Select(e => e.Message));
    }

    [Fact]
    public void Medulla_level_changes_at_run_time_still_take_effect()
    {
        using Started s = Start(new() { ["Logging:LogLevel:Default"] = "Debug" });
        ILogger log = s.Logger;
        log.LogInformation("first");

        s.System.SetCategoryLevel(Category, Level.Warning);
        log.LogInformation("silenced");
        s.System.SetCategoryLevel(Category, Level.Debug);
        log.LogDebug("debug kept");

        Assert.Equal(["first", "debug kept"], s.EventsOf(Category).Select(e => e.Message));
    }
}
