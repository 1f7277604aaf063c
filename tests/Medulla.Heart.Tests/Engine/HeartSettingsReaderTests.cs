using Medulla.Linux;

namespace Medulla.Heart.Tests.Engine;

public class HeartSettingsReaderTests
{
    private readonly List<string> _warnings = [];

    private HeartSettings Read(string[] args, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(e => e.Name, e => e.Value);
        return HeartSettingsReader.Read(args, name => env.GetValueOrDefault(name), _warnings);
    }

    [Fact]
    public void Defaults_are_Erlangs_and_nerves_hearts()
    {
        HeartSettings settings = Read([]);

        Assert.Null(settings.AppProcessId);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.HeartbeatTimeout);
        Assert.Equal("/dev/watchdog0", settings.WatchdogPath);
        Assert.Null(settings.KernelTimeoutSeconds);
        Assert.Equal(TimeSpan.Zero, settings.InitHandshakeTimeout);
        Assert.Equal(TimeSpan.Zero, settings.InitGraceTime);
        Assert.False(settings.NoKill);
        Assert.Equal(Signals.Kill, settings.KillSignal);
        Assert.Equal("/run/medulla-heart.sock", settings.ControlSocketPath);
        Assert.Equal("/dev/pmsg0", settings.PmsgPath);
        Assert.Equal(HeartLogTarget.Auto, settings.LogTarget);
        Assert.Null(settings.ForbiddenPidNamespace);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void The_arguments_give_the_pid_and_the_timeout_and_others_like_Erlangs_wt_are_ignored()
    {
        HeartSettings settings = Read(["-pid", "1234", "-wt", "5", "-ht", "30"]);

        Assert.Equal(1234, settings.AppProcessId);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.HeartbeatTimeout);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void The_ht_argument_wins_over_HEART_BEAT_TIMEOUT()
    {
        Assert.Equal(TimeSpan.FromSeconds(45), Read([], ("HEART_BEAT_TIMEOUT", "45")).HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), Read(["-ht", "20"], ("HEART_BEAT_TIMEOUT", "45")).HeartbeatTimeout);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("65536")]
    [InlineData("soon")]
    public void A_heartbeat_timeout_out_of_range_keeps_the_previous_value_with_a_warning(string value)
    {
        HeartSettings settings = Read(["-ht", value]);

        Assert.Equal(TimeSpan.FromSeconds(60), settings.HeartbeatTimeout);
        Assert.Contains(_warnings, w => w.Contains($"-ht {value}", StringComparison.Ordinal) && w.Contains("11..65535", StringComparison.Ordinal));
    }

    [Fact]
    public void The_grace_time_is_clamped_to_600_s()
    {
        Assert.Equal(TimeSpan.FromSeconds(600), Read([], ("HEART_INIT_GRACE_TIME", "1000")).InitGraceTime);
        Assert.Contains(_warnings, w => w.Contains("HEART_INIT_GRACE_TIME=1000", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.Zero, Read([], ("HEART_INIT_GRACE_TIME", "-5")).InitGraceTime);
    }

    [Fact]
    public void An_init_handshake_timeout_shorter_than_the_grace_time_is_raised_to_it()
    {
        HeartSettings settings = Read([], ("HEART_INIT_TIMEOUT", "30"), ("HEART_INIT_GRACE_TIME", "120"));

        Assert.Equal(TimeSpan.FromSeconds(120), settings.InitHandshakeTimeout);
    }

    [Fact]
    public void HEART_KERNEL_TIMEOUT_is_kept_within_2_to_120_s()
    {
        Assert.Equal(30, Read([], ("HEART_KERNEL_TIMEOUT", "30")).KernelTimeoutSeconds);
        Assert.Equal(120, Read([], ("HEART_KERNEL_TIMEOUT", "500")).KernelTimeoutSeconds);
        Assert.Equal(2, Read([], ("HEART_KERNEL_TIMEOUT", "1")).KernelTimeoutSeconds);
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("FALSE", false)]
    [InlineData("", false)]
    public void HEART_NO_KILL_is_TRUE_or_1(string value, bool noKill) =>
        Assert.Equal(noKill, Read([], ("HEART_NO_KILL", value)).NoKill);

    [Theory]
    [InlineData("SIGABRT", Signals.Abort)]
    [InlineData("abrt", Signals.Abort)]
    [InlineData("SIGKILL", Signals.Kill)]
    [InlineData("15", Signals.Terminate)]
    public void HEART_KILL_SIGNAL_takes_a_name_or_a_number(string value, int signal) =>
        Assert.Equal(signal, Read([], ("HEART_KILL_SIGNAL", value)).KillSignal);

    [Fact]
    public void An_unknown_kill_signal_falls_back_to_SIGKILL_with_a_warning()
    {
        Assert.Equal(Signals.Kill, Read([], ("HEART_KILL_SIGNAL", "SIGNOPE")).KillSignal);
        Assert.Contains(_warnings, w => w.Contains("HEART_KILL_SIGNAL=SIGNOPE", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_MEDULLA_HEART_SOCKET_means_no_control_socket()
    {
        Assert.Null(Read([], ("MEDULLA_HEART_SOCKET", "")).ControlSocketPath);
        Assert.Equal("/tmp/h.sock", Read([], ("MEDULLA_HEART_SOCKET", "/tmp/h.sock")).ControlSocketPath);
    }

    [Fact]
    public void The_Medulla_variables_are_read()
    {
        HeartSettings settings = Read([],
            ("MEDULLA_HEART_LOG", "stderr"), ("MEDULLA_HEART_PMSG_PATH", "/tmp/pmsg"), ("MEDULLA_HEART_FORBID_PID_NS", "pid:[1]"),
            ("HEART_WATCHDOG_PATH", "/dev/watchdog1"), ("HEART_VERBOSE", "2"), ("ERL_CRASH_DUMP_SECONDS", "7"));

        Assert.Equal(HeartLogTarget.Stderr, settings.LogTarget);
        Assert.Equal("/tmp/pmsg", settings.PmsgPath);
        Assert.Equal("pid:[1]", settings.ForbiddenPidNamespace);
        Assert.Equal("/dev/watchdog1", settings.WatchdogPath);
        Assert.Equal(2, settings.Verbosity);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.CrashDumpWait);
    }
}
