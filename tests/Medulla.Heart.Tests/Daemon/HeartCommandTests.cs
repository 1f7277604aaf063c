using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>
/// Each SET_CMD command against the real daemon in its own PID namespace. Exit statuses are unshare's:
/// 129 reboot(2) RESTART, 130 POWER_OFF; 143/140/138 are ns-init's for SIGTERM/SIGUSR2/SIGUSR1.
/// </summary>
public class HeartCommandTests
{
    [Fact]
    public async Task disable_vm_is_acknowledged_then_the_app_is_killed_and_the_machine_restarted()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, null, "-ht", "11");

        await heart.CommandAsync(HeartCommand.DisableVm);

        Assert.Equal(129, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Contains("sent SIGKILL to the app", heart.Log.Text);
        Assert.Contains("rebooting", heart.Log.Text);
        Assert.Contains("reboot: disable_vm", File.ReadAllText(heart.PmsgPath));
    }

    [Fact]
    public async Task disable_hw_stops_the_pets_but_keeps_the_watchdog_open()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path), "-ht", "11");
        heart.Send(HeartOp.Beat);
        await watchdog.WaitForPetsAsync(2, HeartProcess.Prompt);

        await heart.CommandAsync(HeartCommand.DisableHardwareWatchdog);
        int afterCommand = await watchdog.SyncAsync();
        heart.Send(HeartOp.Beat);
        await heart.CommandAsync(HeartCommand.Snooze);

        Assert.Equal(afterCommand, await watchdog.SyncAsync());
        Assert.NotEmpty(OpenFiles.HoldersOf(watchdog.Path));
        Assert.False(watchdog.SawMagicClose);
    }

    [Theory]
    [InlineData(HeartCommand.GuardedReboot, 143, "SIGTERM")]
    [InlineData(HeartCommand.GuardedPoweroff, 140, "SIGUSR2")]
    [InlineData(HeartCommand.GuardedHalt, 138, "SIGUSR1")]
    public async Task A_guarded_command_pets_once_stops_petting_and_signals_init(HeartCommand command, int initStatus, string signal)
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path), "-ht", "11");
        heart.Send(HeartOp.Beat);
        await heart.StatusAsync();
        int before = await watchdog.SyncAsync();

        heart.SendCommand(command);

        Assert.Equal(initStatus, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Contains($"ns-init: {signal}", heart.Log.Text);
        Assert.Equal(before + 1, await watchdog.SyncAsync());
        Assert.DoesNotContain("rebooting", heart.Log.Text);
    }

    [Theory]
    [InlineData(HeartCommand.GuardedImmediateReboot, 129, "guarded immediate reboot")]
    [InlineData(HeartCommand.GuardedImmediatePoweroff, 130, "guarded immediate power-off")]
    public async Task An_immediate_command_calls_reboot_at_once(HeartCommand command, int unshareStatus, string breadcrumb)
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, null, "-ht", "11");

        heart.SendCommand(command);

        Assert.Equal(unshareStatus, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Contains(breadcrumb, File.ReadAllText(heart.PmsgPath));
        Assert.DoesNotContain("sent SIGKILL", heart.Log.Text);
    }

    [Fact]
    public async Task snooze_holds_every_deadline_off_for_15_minutes_and_pets()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path, HeartEnvironment.InitTimeout, "30"), "-ht", "11");
        int before = await watchdog.SyncAsync();

        var sinceSnooze = System.Diagnostics.Stopwatch.StartNew();
        await heart.CommandAsync(HeartCommand.Snooze);
        HeartStatus status = await heart.StatusAsync();

        ProtocolBounds.TimeLeft(status.SnoozeTimeLeft, TimeSpan.FromSeconds(900), sinceSnooze.Elapsed, "snooze");
        ProtocolBounds.TimeLeft(status.HeartbeatTimeLeft, TimeSpan.FromSeconds(900 + 11), sinceSnooze.Elapsed, "heartbeat after a snooze");
        Assert.True(status.InitHandshakeHappened);
        Assert.True(await watchdog.SyncAsync() > before);
        heart.Send(HeartOp.ShutDown);
        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
    }

    [Fact]
    public async Task init_handshake_is_recorded()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.InitTimeout, "60"), "-ht", "11");
        HeartStatus waiting = await heart.StatusAsync();

        await heart.CommandAsync(HeartCommand.InitHandshake);
        HeartStatus done = await heart.StatusAsync();

        Assert.False(waiting.InitHandshakeHappened);
        Assert.Equal(TimeSpan.FromSeconds(60), waiting.InitHandshakeTimeout);
        ProtocolBounds.TimeLeft(waiting.InitHandshakeTimeLeft, TimeSpan.FromSeconds(60), heart.Elapsed, "init handshake");
        Assert.True(done.InitHandshakeHappened);
        Assert.Equal(TimeSpan.Zero, done.InitHandshakeTimeLeft);
        heart.Send(HeartOp.ShutDown);
        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
    }
}
