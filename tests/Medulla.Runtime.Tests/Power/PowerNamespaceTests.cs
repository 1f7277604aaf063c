using Medulla.Runtime;

namespace Medulla.Runtime.Tests.Power;

/// <summary>
/// The power paths for real, each in a test's own PID namespace (unshare --pid --fork --mount-proc):
/// PID 1 there is power-ns-init.sh, which reports the signal it gets and exits with 128 + its number
/// (or, with POWER_INIT_OUTLIVE=1, waits on as an init whose shutdown hangs), and reboot(2) kills it by
/// SIGHUP (restart) or SIGINT (power-off, halt), which unshare reports as 129 or 130. The app
/// (tests/PowerApp) and the heart run inside; both interlocks name the host's namespace.
/// </summary>
public class PowerNamespaceTests
{
    private const int ExitBySigterm = 143;
    private const int ExitBySigusr1 = 138;
    private const int ExitBySigusr2 = 140;
    private const int KilledByReboot2Restart = 129;
    private const int KilledByReboot2PowerOff = 130;

    private static readonly string PowerApp = Path.Combine(AppContext.BaseDirectory, "PowerApp");
    private static readonly string HeartDaemon = Path.Combine(AppContext.BaseDirectory, "medulla-heart");

    [Theory]
    [InlineData("reboot", ExitBySigterm, "SIGTERM")]
    [InlineData("poweroff", ExitBySigusr2, "SIGUSR2")]
    [InlineData("halt", ExitBySigusr1, "SIGUSR1")]
    public void BusyBox_init_gets_its_signal_for_each_action(string action, int exit, string signal)
    {
        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, PowerApp, "direct", action], Env());

        Assert.True(exit == result.ExitCode, Describe(result));
        Assert.Contains("PID 1 is busybox init (comm \"busybox\"", result.Stderr);
        Assert.Contains($"init: {signal} param=\n", result.Stderr);
    }

    [Theory]
    [InlineData("reboot", ExitBySigterm, "SIGTERM")]
    [InlineData("poweroff", ExitBySigusr2, "SIGUSR2")]
    [InlineData("halt", ExitBySigusr1, "SIGUSR1")]
    public void Erlinit_gets_its_signal_for_each_action(string action, int exit, string signal)
    {
        using var dir = new TempDirectory();
        string erlinit = Erlinit(dir);

        ProcessResult result = PidNamespaces.Run([erlinit, PowerApp, "direct", action], Env());

        Assert.True(exit == result.ExitCode, Describe(result));
        Assert.Contains("PID 1 is erlinit (comm \"erlinit\"", result.Stderr);
        Assert.Contains($"init: {signal} param=\n", result.Stderr);
    }

    [Fact]
    public void The_reboot_argument_is_in_run_reboot_param_before_init_is_signalled()
    {
        ProcessResult result = PidNamespaces.Run(["sh", PidNamespaces.PowerInit, PowerApp, "direct", "reboot", "0 tryboot"], Env());

        Assert.True(ExitBySigterm == result.ExitCode, Describe(result));
        Assert.Contains("init: SIGTERM param=0 tryboot\n", result.Stderr);
        // sh is no init Medulla knows: it gets the BusyBox convention, with a warning.
        Assert.Contains("Warning: Medulla.Runtime.DevicePower: PID 1 is an unknown init (comm \"sh\"", result.Stderr);
    }

    [Theory]
    [InlineData("reboot", KilledByReboot2Restart)]
    [InlineData("poweroff", KilledByReboot2PowerOff)]
    [InlineData("halt", KilledByReboot2PowerOff)]
    public void Reboot_2_ends_it_when_init_does_not_within_the_hard_timeout(string action, int exit)
    {
        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, PowerApp, "direct", action],
            Env(("POWER_INIT_OUTLIVE", "1"), ("Medulla__Power__HardTimeout", "1s")));

        Assert.True(exit == result.ExitCode, Describe(result));
        Assert.Contains("init: SIG", result.Stderr);
        AssertInOrder(result.Stderr, "sending it SIG", "waiting up to 1 s for init's shutdown; then reboot(2)", "calling reboot(2)");
    }

    [Fact]
    public void In_a_host_the_host_stops_before_init_is_signalled()
    {
        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, PowerApp, "host", "reboot", "recovery"], Env());

        Assert.True(ExitBySigterm == result.ExitCode, Describe(result));
        AssertInOrder(result.Stderr,
            "reboot requested with reboot argument 'recovery'",
            "stopping the host (up to 10 s)",
            "app: hosted service stopped",
            "the host has stopped",
            "sending it SIGTERM for a reboot",
            "init: SIGTERM param=recovery");
        Assert.DoesNotContain("app: the host returned", result.Stderr);
    }

    [Fact]
    public void Assisted_validations_reboot_stops_the_host_at_once_and_then_signals_init()
    {
        // Its request used to await the power path from inside the service whose end the host's stop
        // waits for: the host was left behind at DevicePower's StopTimeout (10 s by default; seen in the box at
        // every revert), which a stop of these few services never comes near.
        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, PowerApp, "validation", "reboot"],
            Env(("Medulla__Firmware__Backend", "memory"), ("Medulla__Firmware__Values__nerves_fw_active", "a"),
                ("Medulla__Firmware__Values__upgrade_available", "1"), ("Medulla__Validation__Timeout", "1s"),
                ("Medulla__Validation__CheckInterval", "100ms")));

        Assert.True(ExitBySigterm == result.ExitCode, Describe(result));
        AssertInOrder(result.Stderr,
            "Firmware in slot a is unvalidated",
            "not validated: the health checks did not pass within",
            "stopping the host (up to 10 s)",
            "app: hosted service stopped",
            "the host has stopped",
            "sending it SIGTERM for a reboot",
            "init: SIGTERM");
        Assert.DoesNotContain("did not stop within", result.Stderr);
    }

    [Fact]
    public void A_host_that_does_not_stop_in_time_is_left_behind()
    {
        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, PowerApp, "host", "poweroff"],
            Env(("POWERAPP_HANG_STOP", "1"), ("Medulla__Power__StopTimeout", "1s")));

        Assert.True(ExitBySigusr2 == result.ExitCode, Describe(result));
        AssertInOrder(result.Stderr,
            "app: hosted service hangs in its stop",
            "the host did not stop within 1 s: going on with the power-off",
            "sending it SIGUSR2 for a power-off",
            "init: SIGUSR2");
    }

    [Theory]
    [InlineData("reboot", "guarded_reboot", "guarded reboot: sent SIGTERM to init", ExitBySigterm)]
    [InlineData("poweroff", "guarded_poweroff", "guarded power-off: sent SIGUSR2 to init", ExitBySigusr2)]
    [InlineData("halt", "guarded_halt", "guarded halt: sent SIGUSR1 to init", ExitBySigusr1)]
    public void With_a_heart_the_heart_signals_init_after_the_host_stopped(string action, string command, string heartLine, int exit)
    {
        using var dir = new TempDirectory();

        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, PowerApp, "host", action], Env(Heart(dir)));

        Assert.True(exit == result.ExitCode, Describe(result));
        AssertInOrder(result.Stderr,
            "the heart keeps running through the host's stop",
            "app: hosted service stopped",
            "the host has stopped",
            $"asking medulla-heart (pid",
            heartLine);
        Assert.Contains($"for {command}", result.Stderr);
        // The heart did it: the app did not signal init itself.
        Assert.DoesNotContain("sending it SIG", result.Stderr);
    }

    [Fact]
    public void With_a_heart_reboot_2_still_follows_a_shutdown_that_hangs()
    {
        using var dir = new TempDirectory();

        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, PowerApp, "host", "reboot"],
            Env([.. Heart(dir), ("POWER_INIT_OUTLIVE", "1"), ("Medulla__Power__HardTimeout", "1s")]));

        Assert.True(KilledByReboot2Restart == result.ExitCode, Describe(result));
        Assert.Contains("init: SIGTERM", result.Stderr);
        AssertInOrder(result.Stderr,
            "guarded reboot: sent SIGTERM to init",
            "medulla-heart acknowledged guarded_reboot",
            "calling reboot(2) Restart");
    }

    private static (string, string)[] Heart(TempDirectory dir)
    {
        File.WriteAllText(dir.Combine("pmsg0"), "");
        return
        [
            ("Medulla__Heart__Enabled", "true"),
            ("Medulla__Heart__DaemonPath", HeartDaemon),
            ("Medulla__Heart__WatchdogPath", dir.Combine("no-watchdog")),
            ("MEDULLA_HEART_LOG", "stderr"),
            ("MEDULLA_HEART_SOCKET", dir.Combine("heart.sock")),
            ("MEDULLA_HEART_PMSG_PATH", dir.Combine("pmsg0")),
        ];
    }

    /// <summary>A copy of power-ns-init.sh named erlinit, run by its #! line, so /proc/1/comm says "erlinit".</summary>
    private static string Erlinit(TempDirectory dir)
    {
        string path = dir.File("erlinit");
        Executables.WriteScript(path, "#!/bin/sh\n" + File.ReadAllText(PidNamespaces.PowerInit));
        return path;
    }

    private static Dictionary<string, string> Env(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            // Generous: a missed signal shows as the fallback's exit status, not as a hang.
            ["Medulla__Power__HardTimeout"] = "30s",
        };
        foreach ((string name, string value) in extra)
        {
            environment[name] = value;
        }
        return environment;
    }

    private static void AssertInOrder(string text, params string[] parts)
    {
        int at = 0;
        foreach (string part in parts)
        {
            int found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' not found after offset {at} in:\n{text}");
            at = found + part.Length;
        }
    }

    private static string Describe(ProcessResult result) => $"exit {result.ExitCode}\nstderr:\n{result.Stderr}\nstdout:\n{result.Stdout}";
}
