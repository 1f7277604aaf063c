using Medulla.Heart.Tests.Support;
using Medulla.Linux;

namespace Medulla.Heart.Tests.Status;

public class HeartStatusReportTests
{
    private static readonly HeartTimes Times = new()
    {
        HeartbeatTimeout = TimeSpan.FromSeconds(60),
        HeartbeatTimeLeft = TimeSpan.FromSeconds(59.9),
        InitGraceTimeLeft = TimeSpan.FromSeconds(1.5),
        SnoozeTimeLeft = TimeSpan.Zero,
        WatchdogPetTimeLeft = TimeSpan.FromSeconds(19.99),
        InitHandshakeHappened = false,
        InitHandshakeTimeout = TimeSpan.FromSeconds(120),
        InitHandshakeTimeLeft = TimeSpan.FromSeconds(118.2),
        WatchdogTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void The_report_lists_every_key_in_order_with_whole_seconds_rounded_up()
    {
        var watchdog = new WatchdogReadings
        {
            Identity = "i6300ESB timer",
            FirmwareVersion = 3,
            Options = WatchdogOptions.SetTimeout | WatchdogOptions.MagicClose | WatchdogOptions.KeepAlivePing,
            TimeLeftSeconds = 28,
            PreTimeoutSeconds = 0,
            BootStatus = WatchdogOptions.CardReset,
        };

        string report = HeartStatusReport.Format("medulla-heart", "0.1.0", Times, watchdog);

        Assert.Equal(
            "program_name=medulla-heart\nprogram_version=0.1.0\nheartbeat_timeout=60\nheartbeat_time_left=60\n" +
            "init_grace_time_left=2\nsnooze_time_left=0\nwdt_pet_time_left=20\ninit_handshake_happened=0\n" +
            "init_handshake_timeout=120\ninit_handshake_time_left=119\nwdt_identity=i6300ESB timer\nwdt_firmware_version=3\n" +
            "wdt_options=settimeout,magicclose,keepaliveping,\nwdt_time_left=28\nwdt_pre_timeout=0\nwdt_timeout=30\n" +
            "wdt_last_boot=watchdog\n",
            report);
    }

    [Fact]
    public void Times_left_read_as_nerves_heart_reports_them_right_after_start_and_after_whole_seconds()
    {
        var clock = new ManualTime();
        var engine = new HeartEngine(new HeartSettings
        {
            HeartbeatTimeout = TimeSpan.FromSeconds(60),
            InitHandshakeTimeout = TimeSpan.FromSeconds(5),
            InitGraceTime = TimeSpan.FromSeconds(3),
        }, clock);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        string justStarted = HeartStatusReport.Format("medulla-heart", "0.1.0", engine.Snapshot(), WatchdogReadings.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        string oneSecondLater = HeartStatusReport.Format("medulla-heart", "0.1.0", engine.Snapshot(), WatchdogReadings.None);

        // The default 10 s watchdog is petted every 5 s; the grace period moves the first deadline to 63 s.
        Assert.Contains("\nheartbeat_time_left=63\ninit_grace_time_left=3\nsnooze_time_left=0\nwdt_pet_time_left=5\n", justStarted);
        Assert.Contains("\ninit_handshake_time_left=5\n", justStarted);
        Assert.Contains("\nheartbeat_time_left=62\ninit_grace_time_left=2\nsnooze_time_left=0\nwdt_pet_time_left=4\n", oneSecondLater);
        Assert.Contains("\ninit_handshake_time_left=4\n", oneSecondLater);
    }

    [Fact]
    public void Without_a_watchdog_the_report_says_none_and_zero()
    {
        string report = HeartStatusReport.Format("medulla-heart", "0.1.0", Times with { WatchdogTimeout = null }, WatchdogReadings.None);

        Assert.Contains("wdt_identity=none\nwdt_firmware_version=0\nwdt_options=\nwdt_time_left=0\nwdt_pre_timeout=0\nwdt_timeout=0\nwdt_last_boot=power_on\n", report);
    }

    [Theory]
    [InlineData(0u, "power_on")]
    [InlineData(0x20u, "watchdog")]
    [InlineData(0x21u, "watchdog")]
    [InlineData(0x01u, "overheat")]
    [InlineData(0x10u, "powerunder")]
    [InlineData(0x8000u, "watchdog")]
    public void The_last_boot_comes_from_the_boot_status_bits(uint bits, string lastBoot) =>
        Assert.Equal(lastBoot, WatchdogOptionNames.LastBoot((WatchdogOptions)bits));

    [Fact]
    public void An_unknown_boot_status_is_reported_as_power_on() =>
        Assert.Equal("power_on", WatchdogOptionNames.LastBoot(null));

    [Fact]
    public void The_report_parses_back_to_the_same_values()
    {
        string report = HeartStatusReport.Format("medulla-heart", "0.1.0", Times, WatchdogReadings.None);

        HeartStatus status = HeartStatus.Parse(report);

        Assert.Equal(TimeSpan.FromSeconds(60), status.HeartbeatTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(120), status.InitHandshakeTimeout);
        Assert.False(status.InitHandshakeHappened);
    }
}
