using Medulla.Heart;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Heart.Tests.Hosting;

/// <summary>The Medulla:Heart section: bound by the source generator, checked at start, converted once.</summary>
public class MedullaHeartOptionsTests
{
    private static Dictionary<string, string?> Section(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => "Medulla:Heart:" + v.Key, v => (string?)v.Value);

    private static MedullaHeartOptions Read(params (string Key, string Value)[] values)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Section(values)).Build());
        services.AddLogging();
        services.AddMedullaHeart();
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MedullaHeartOptions>>().Value;
    }

    [Fact]
    public void Defaults_hold_without_configuration()
    {
        MedullaHeartOptions options = Read();

        Assert.True(options.Enabled);
        Assert.Equal("medulla-heart", options.DaemonPath);
        Assert.Equal(TimeSpan.FromSeconds(60), options.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BeatInterval);
        Assert.True(options.UseHealthChecks);
        options.Validate();
    }

    [Fact]
    public void Every_key_is_read_and_durations_take_seconds_units_or_time_spans()
    {
        MedullaHeartOptions options = Read(
            ("Enabled", "false"), ("DaemonPath", "/usr/bin/medulla-heart"), ("HeartbeatTimeout", "30"),
            ("BeatInterval", "500ms"), ("WatchdogPath", "/dev/watchdog1"), ("KernelTimeout", "1m"),
            ("InitTimeout", "00:02:00"), ("InitGraceTime", "90s"), ("UseHealthChecks", "false"),
            ("StartTimeout", "1h"), ("ReplyTimeout", "2.5s"),
            ("KeepWatchdogOnShutdown", "true"), ("Environment:HEART_KILL_SIGNAL", "SIGABRT"));

        Assert.False(options.Enabled);
        Assert.Equal("/usr/bin/medulla-heart", options.DaemonPath);
        Assert.Equal(TimeSpan.FromSeconds(30), options.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.BeatInterval);
        Assert.Equal("/dev/watchdog1", options.WatchdogPath);
        Assert.Equal(TimeSpan.FromMinutes(1), options.KernelTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.InitTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.InitGraceTime);
        Assert.Equal(TimeSpan.FromHours(1), options.StartTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.ReplyTimeout);
        Assert.False(options.UseHealthChecks);
        Assert.True(options.KeepWatchdogOnShutdown);
        Assert.Equal("SIGABRT", options.Environment["HEART_KILL_SIGNAL"]);
    }

    [Theory]
    [InlineData("BeatInterval", "often", "Medulla:Heart:BeatInterval: 'often' is not allowed; expected a duration from 0 to")]
    [InlineData("HeartbeatTimeout", "-5s", "Medulla:Heart:HeartbeatTimeout: '-5s' is not allowed")]
    [InlineData("InitTimeout", "1e300", "Medulla:Heart:InitTimeout: '1e300' is not allowed")]
    [InlineData("Enabled", "yes", "Medulla:Heart:Enabled: 'yes' is not allowed; expected true or false")]
    [InlineData("HeartbeatTimeout", "10", "Medulla:Heart:HeartbeatTimeout is 10 s; expected whole seconds from 11 to 65535")]
    [InlineData("HeartbeatTimeout", "11.5", "Medulla:Heart:HeartbeatTimeout is 11.5 s; expected whole seconds from 11 to 65535")]
    [InlineData("BeatInterval", "40", "Medulla:Heart:BeatInterval is 40 s; expected more than 0 and at most half of HeartbeatTimeout (60 s)")]
    [InlineData("InitGraceTime", "601", "Medulla:Heart:InitGraceTime is 601 s; expected whole seconds from 0 to 600")]
    [InlineData("KernelTimeout", "1", "Medulla:Heart:KernelTimeout is 1 s; expected whole seconds from 2 to 120")]
    public void A_bad_value_is_refused_naming_the_key_the_value_and_what_is_allowed(string key, string value, string message)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Read((key, value)));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_stops_the_host_at_start_with_one_message_naming_the_key_and_the_value()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Section(("BeatInterval", "often")));
        builder.Services.AddMedullaHeart();
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Medulla:Heart:BeatInterval: 'often' is not allowed; expected a duration from 0 to 2147483647s, "
            + "written e.g. 500ms, 5s, 2m, 1h or 00:00:05; a bare number counts seconds", ex.Message);
    }
}
