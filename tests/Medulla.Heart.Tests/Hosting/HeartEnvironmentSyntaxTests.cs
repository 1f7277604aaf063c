using Medulla.Heart;

namespace Medulla.Heart.Tests.Hosting;

/// <summary>The daemon's environment reads durations with the same parser as the configuration sections.</summary>
public class HeartEnvironmentSyntaxTests
{
    private readonly List<string> _warnings = [];

    private HeartSettings Read(string name, string value) =>
        HeartSettingsReader.Read([], n => n == name ? value : null, _warnings);

    [Theory]
    [InlineData("HEART_INIT_TIMEOUT", "2m", 120)]
    [InlineData("HEART_INIT_TIMEOUT", "00:01:30", 90)]
    [InlineData("HEART_INIT_TIMEOUT", "45", 45)]
    [InlineData("HEART_BEAT_TIMEOUT", "30s", 30)]
    [InlineData("HEART_INIT_GRACE_TIME", "1h", 600)]
    public void Durations_take_units_and_bare_seconds(string name, string value, int seconds)
    {
        HeartSettings settings = Read(name, value);

        TimeSpan read = name switch
        {
            "HEART_INIT_TIMEOUT" => settings.InitHandshakeTimeout,
            "HEART_BEAT_TIMEOUT" => settings.HeartbeatTimeout,
            _ => settings.InitGraceTime,
        };
        Assert.Equal(TimeSpan.FromSeconds(seconds), read);
        Assert.Equal(name == "HEART_INIT_GRACE_TIME", _warnings.Count == 1);
    }

    [Theory]
    [InlineData("1500ms")]
    [InlineData("soon")]
    public void A_value_that_is_not_whole_seconds_is_ignored_with_a_warning(string value)
    {
        Assert.Equal(TimeSpan.Zero, Read("HEART_INIT_TIMEOUT", value).InitHandshakeTimeout);
        Assert.Contains(_warnings, w => w.StartsWith($"HEART_INIT_TIMEOUT={value}: not a whole number of seconds", StringComparison.Ordinal));
    }
}
