using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>The app stops beating: the heart kills it and restarts the machine (here: its PID namespace).</summary>
public class HeartbeatTimeoutTests
{
    [Fact]
    public async Task Without_beats_the_heart_syncs_kills_the_app_and_reboots_when_the_timeout_passes()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path, HeartEnvironment.KernelTimeout, "4"), "-ht", "11");

        int status = await heart.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(129, status);
        Assert.True(heart.Elapsed >= TimeSpan.FromSeconds(11), $"rebooted after {heart.Elapsed.TotalSeconds} s");
        // The heart's own measure, on its monotonic clock.
        ProtocolBounds.NoBeatFor(heart.Log.Text, 11, heart.Elapsed);
        Assert.Contains("sent SIGKILL to the app", heart.Log.Text);
        Assert.Contains("rebooting", heart.Log.Text);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z critical medulla-heart: reboot: heartbeat timeout", File.ReadAllText(heart.PmsgPath));
        // Until the deadline the watchdog was petted on its own schedule (every 2 s for a 4 s timeout): at
        // start, then at least once more, and never more often than every 2 s of the heart's life (which
        // the test's clock bounds from above), plus one for a pet on the way down.
        int pets = await watchdog.SyncAsync();
        Assert.InRange(pets, 2, 2 + (int)(heart.Elapsed.TotalSeconds / 2));
        Assert.False(watchdog.SawMagicClose);
    }
}
