namespace Medulla.Cli.Tests;

/// <summary>
/// <c>medulla reboot|poweroff|halt</c> for real, each in a test's own PID namespace whose PID 1 is
/// power-ns-init.sh (see PidNamespaces): it reports the signal it got and the reboot argument it finds
/// in /run/reboot-param (a tmpfs of the namespace's own). Never run in this process, where PID 1 is the
/// machine's (the interlock armed for the whole assembly would refuse, but no test leans on that).
/// </summary>
public class PowerCommandTests
{
    [Theory]
    [InlineData("reboot", 143, "SIGTERM")]
    [InlineData("poweroff", 140, "SIGUSR2")]
    [InlineData("halt", 138, "SIGUSR1")]
    public void Busybox_init_gets_the_signal_of_its_convention(string command, int exit, string signal)
    {
        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, CliRun.Executable, command]);

        Assert.True(exit == result.ExitCode, $"exit {result.ExitCode}\n{result.Stderr}");
        Assert.Contains($"init: {signal} param=\n", result.Stderr);
    }

    [Fact]
    public void The_param_is_written_first_and_one_line_says_what_was_done()
    {
        // The init reports the signal and waits on, so medulla finishes and prints before the namespace ends.
        ProcessResult result = PidNamespaces.Run(["busybox", "sh", PidNamespaces.PowerInit, CliRun.Executable, "reboot", "--param", "recovery"],
            new Dictionary<string, string> { ["POWER_INIT_OUTLIVE"] = "1" });

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stderr}");
        Assert.Contains("init: SIGTERM param=recovery\n", result.Stderr);
        Assert.Equal("reboot: sent SIGTERM to PID 1 (busybox init (comm \"busybox\", exe /usr/bin/busybox))\n", result.Stdout);
    }

    [Fact]
    public void Erlinit_is_recognised_by_its_name()
    {
        using var dir = new TempDirectory();
        string erlinit = dir.File("erlinit");
        Executables.WriteScript(erlinit, "#!/bin/sh\n" + File.ReadAllText(PidNamespaces.PowerInit));

        ProcessResult result = PidNamespaces.Run([erlinit, CliRun.Executable, "poweroff"], new Dictionary<string, string> { ["POWER_INIT_OUTLIVE"] = "1" });

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stderr}");
        Assert.StartsWith("power-off: sent SIGUSR2 to PID 1 (erlinit (comm \"erlinit\"", result.Stdout);
    }
}
