using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>How the daemon pets the (fake) watchdog device.</summary>
public class WatchdogPettingTests
{
    [Fact]
    public async Task The_watchdog_is_petted_at_start_and_on_every_beat_and_disarmed_with_the_magic_character_at_SHUT_DOWN()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path), "-ht", "11");
        await heart.StatusAsync();
        int atStart = await watchdog.SyncAsync();

        heart.Send(HeartOp.Beat);
        heart.Send(HeartOp.Beat);
        await heart.StatusAsync();
        int afterBeats = await watchdog.SyncAsync();
        Assert.False(watchdog.SawMagicClose);
        heart.Send(HeartOp.ShutDown);
        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));

        Assert.Equal(1, atStart);
        Assert.Equal(3, afterBeats);
        // The magic character is a write too, so the fake counts it as a pet.
        Assert.Equal(4, await watchdog.SyncAsync());
        Assert.True(watchdog.SawMagicClose);
    }

    [Fact]
    public async Task With_MEDULLA_HEART_KEEP_WATCHDOG_SHUT_DOWN_pets_once_more_and_leaves_the_watchdog_armed()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path, HeartEnvironment.KeepWatchdogOnShutdown, "1"), "-ht", "11");
        await heart.StatusAsync();
        int atStart = await watchdog.SyncAsync();

        heart.Send(HeartOp.ShutDown);
        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));

        Assert.Equal(atStart + 1, await watchdog.SyncAsync());
        Assert.False(watchdog.SawMagicClose);
    }

    [Fact]
    public async Task SHUT_DOWN_after_disable_hw_leaves_the_watchdog_armed()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path), "-ht", "11");
        await heart.CommandAsync(HeartCommand.DisableHardwareWatchdog);
        int afterCommand = await watchdog.SyncAsync();

        heart.Send(HeartOp.ShutDown);

        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Equal(afterCommand, await watchdog.SyncAsync());
        Assert.False(watchdog.SawMagicClose);
        Assert.Contains("the watchdog stays armed", heart.Log.Text);
    }

    [Theory]
    [InlineData(HeartCommand.GuardedReboot, "SIGTERM")]
    [InlineData(HeartCommand.GuardedPoweroff, "SIGUSR2")]
    [InlineData(HeartCommand.GuardedHalt, "SIGUSR1")]
    public async Task SHUT_DOWN_during_a_guarded_shutdown_leaves_the_watchdog_armed(HeartCommand command, string signal)
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        // This init only reports the signal and goes on, as a real init's shutdown would while it stops the app.
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path, "NS_INIT_OUTLIVE_SIGNALS", "1"), "-ht", "11");
        await heart.CommandAsync(command);
        await heart.Log.WaitForAsync($"ns-init: {signal}", HeartProcess.Prompt);
        int afterCommand = await watchdog.SyncAsync();

        heart.Send(HeartOp.ShutDown);

        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Equal(afterCommand, await watchdog.SyncAsync());
        Assert.False(watchdog.SawMagicClose);
    }

    [Fact]
    public async Task Without_beats_the_watchdog_is_petted_every_half_timeout_when_the_timeout_is_short()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        // The pipe reports no timeout; HEART_KERNEL_TIMEOUT is then the one assumed: 2 s, so a pet every 1 s.
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path, HeartEnvironment.KernelTimeout, "2"), "-ht", "11");

        await watchdog.WaitForPetsAsync(4, HeartProcess.Prompt);
        HeartStatus status = await heart.StatusAsync();

        // Three intervals of at least 1 s on the heart's clock; the fake sees each pet a little late (a
        // loaded machine: up to a second or more), which can shorten the span it measures by at most the
        // first pet's delay. The upper bound is the 10 s wait above, which a stalled heart would miss.
        IReadOnlyList<TimeSpan> times = watchdog.PetTimes;
        Assert.True(times[3] - times[0] >= TimeSpan.FromSeconds(2), $"4 pets within {(times[3] - times[0]).TotalSeconds:F2} s: the heart pets faster than every 1 s");
        Assert.Equal(TimeSpan.FromSeconds(2), status.WatchdogTimeout);
        Assert.InRange(status.WatchdogPetTimeLeft.TotalSeconds, 0, 1);
    }

    [Fact]
    public async Task A_watchdog_that_cannot_be_opened_at_start_is_opened_on_a_later_pet()
    {
        using var dir = new TempDirectory();
        string path = FakeWatchdog.CreateWithoutReader(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, path, HeartEnvironment.KernelTimeout, "2"), "-ht", "11");
        await heart.StatusAsync();

        using var watchdog = FakeWatchdog.Attach(path);

        await watchdog.WaitForPetsAsync(1, HeartProcess.Prompt);
        await heart.Log.WaitForAsync($"watchdog {path} (no identity) opened", HeartProcess.Prompt);
    }

    [Fact]
    public async Task Without_a_watchdog_device_the_heart_runs_and_reports_none()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, null, "-ht", "11");

        HeartStatus status = await heart.StatusAsync();

        Assert.Equal("none", status.WatchdogIdentity);
        Assert.Empty(status.WatchdogOptions);
        Assert.Equal(TimeSpan.Zero, status.WatchdogTimeLeft);
    }
}
