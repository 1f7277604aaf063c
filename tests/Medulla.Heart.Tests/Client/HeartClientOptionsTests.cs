namespace Medulla.Heart.Tests.Client;

/// <summary>How the client's options become the daemon's command line and environment.</summary>
public class HeartClientOptionsTests
{
    [Fact]
    public void The_daemon_gets_the_pid_and_timeout_and_only_the_variables_that_were_set()
    {
        var options = new HeartClientOptions { HeartbeatTimeout = TimeSpan.FromSeconds(30) };

        var (arguments, environment) = options.DaemonCommandLine(1234);

        Assert.Equal(["-pid", "1234", "-ht", "30"], arguments);
        Assert.Equal("30", environment[HeartEnvironment.BeatTimeout]);
        Assert.False(environment.ContainsKey(HeartEnvironment.KeepWatchdogOnShutdown));
        Assert.False(environment.ContainsKey(HeartEnvironment.WatchdogPath));
    }

    [Fact]
    public void KeepWatchdogOnShutdown_and_the_watchdog_settings_reach_the_daemon()
    {
        var options = new HeartClientOptions
        {
            WatchdogPath = "/dev/watchdog1",
            KernelTimeout = TimeSpan.FromSeconds(10),
            KeepWatchdogOnShutdown = true,
        };

        var (_, environment) = options.DaemonCommandLine(1);

        Assert.Equal("1", environment[HeartEnvironment.KeepWatchdogOnShutdown]);
        Assert.Equal("/dev/watchdog1", environment[HeartEnvironment.WatchdogPath]);
        Assert.Equal("10", environment[HeartEnvironment.KernelTimeout]);
    }
}
