namespace Medulla.Heart.Tests.Status;

public class HeartStatusTests
{
    private const string Report =
        "program_name=medulla-heart\nprogram_version=0.1.0\nheartbeat_timeout=30\nheartbeat_time_left=27\n" +
        "init_grace_time_left=0\nsnooze_time_left=12\nwdt_pet_time_left=15\ninit_handshake_happened=1\n" +
        "init_handshake_timeout=0\ninit_handshake_time_left=0\nwdt_identity=i6300ESB timer\nwdt_firmware_version=0\n" +
        "wdt_options=settimeout,magicclose,keepaliveping,\nwdt_time_left=21\nwdt_pre_timeout=0\nwdt_timeout=30\n" +
        "wdt_last_boot=watchdog\n";

    [Fact]
    public void Every_key_becomes_a_typed_property()
    {
        HeartStatus status = HeartStatus.Parse(Report);

        Assert.Equal("medulla-heart", status.ProgramName);
        Assert.Equal("0.1.0", status.ProgramVersion);
        Assert.Equal(TimeSpan.FromSeconds(30), status.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(27), status.HeartbeatTimeLeft);
        Assert.Equal(TimeSpan.Zero, status.InitGraceTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(12), status.SnoozeTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(15), status.WatchdogPetTimeLeft);
        Assert.True(status.InitHandshakeHappened);
        Assert.Equal(TimeSpan.Zero, status.InitHandshakeTimeout);
        Assert.Equal(TimeSpan.Zero, status.InitHandshakeTimeLeft);
        Assert.Equal("i6300ESB timer", status.WatchdogIdentity);
        Assert.Equal(0u, status.WatchdogFirmwareVersion);
        Assert.Equal(["settimeout", "magicclose", "keepaliveping"], status.WatchdogOptions);
        Assert.Equal(TimeSpan.FromSeconds(21), status.WatchdogTimeLeft);
        Assert.Equal(TimeSpan.Zero, status.WatchdogPreTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), status.WatchdogTimeout);
        Assert.Equal("watchdog", status.WatchdogLastBoot);
        Assert.True(status.LastBootWasWatchdog);
        Assert.Equal(HeartStatusKeys.All, status.Values.Keys);
    }

    [Fact]
    public void An_older_hearts_report_leaves_the_missing_keys_at_their_defaults_and_keeps_unknown_ones()
    {
        HeartStatus status = HeartStatus.Parse(
            "program_name=nerves_heart\nprogram_version=1.1.0\nheartbeat_timeout=30\nidentity=OMAP Watchdog\nlast_boot=power_on\n");

        Assert.Equal("nerves_heart", status.ProgramName);
        Assert.Equal(TimeSpan.FromSeconds(30), status.HeartbeatTimeout);
        Assert.Equal(TimeSpan.Zero, status.SnoozeTimeLeft);
        Assert.Empty(status.WatchdogOptions);
        Assert.Equal("OMAP Watchdog", status.Values["identity"]);
    }

    [Fact]
    public void A_value_may_contain_an_equals_sign_and_lines_without_one_are_ignored()
    {
        HeartStatus status = HeartStatus.Parse("wdt_identity=a=b\nnoise\n\n");

        Assert.Equal("a=b", status.WatchdogIdentity);
        Assert.Single(status.Values);
    }

    [Fact]
    public void A_number_that_is_not_one_is_an_error_naming_the_key()
    {
        var ex = Assert.Throws<FormatException>(() => HeartStatus.Parse("heartbeat_timeout=soon\n"));

        Assert.Contains("heartbeat_timeout=soon", ex.Message);
    }
}
