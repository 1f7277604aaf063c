using Medulla.Heart;
using Microsoft.Extensions.Configuration;

namespace Medulla.Heart.Tests.Hosting;

public class MedullaHeartOptionsReaderTests
{
    private static MedullaHeartOptions Read(params (string Key, string Value)[] values)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Medulla:Heart:" + v.Key, v.Value)))
            .Build();
        var options = new MedullaHeartOptions();
        MedullaHeartOptionsReader.Read(configuration.GetSection(MedullaHeartOptions.SectionPath), options);
        return options;
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
            ("KeepWatchdogOnShutdown", "true"), ("Environment:HEART_KILL_SIGNAL", "SIGABRT"));

        Assert.False(options.Enabled);
        Assert.Equal("/usr/bin/medulla-heart", options.DaemonPath);
        Assert.Equal(TimeSpan.FromSeconds(30), options.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.BeatInterval);
        Assert.Equal("/dev/watchdog1", options.WatchdogPath);
        Assert.Equal(TimeSpan.FromMinutes(1), options.KernelTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.InitTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.InitGraceTime);
        Assert.False(options.UseHealthChecks);
        Assert.True(options.KeepWatchdogOnShutdown);
        Assert.Equal("SIGABRT", options.Environment["HEART_KILL_SIGNAL"]);
    }

    [Fact]
    public void A_bad_duration_names_the_full_key()
    {
        var ex = Assert.Throws<ArgumentException>(() => Read(("BeatInterval", "often")));

        Assert.Contains("Medulla:Heart:BeatInterval", ex.Message);
        Assert.Contains("'often' is not a duration", ex.Message);
    }

    [Theory]
    [InlineData("HeartbeatTimeout", "10", "HeartbeatTimeout is 10 s; expected whole seconds from 11 to 65535")]
    [InlineData("HeartbeatTimeout", "11.5", "expected whole seconds from 11 to 65535")]
    [InlineData("BeatInterval", "40", "BeatInterval is 40 s; expected more than 0 and at most half of HeartbeatTimeout (60 s)")]
    [InlineData("InitGraceTime", "601", "InitGraceTime is 601 s; expected whole seconds from 0 to 600")]
    [InlineData("KernelTimeout", "1", "KernelTimeout is 1 s; expected whole seconds from 2 to 120")]
    public void Values_out_of_range_are_refused_at_validation(string key, string value, string message)
    {
        MedullaHeartOptions options = Read((key, value));

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(message, ex.Message);
    }
}
