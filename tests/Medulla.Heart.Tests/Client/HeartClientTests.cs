using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Client;

/// <summary>HeartClient against the real daemon (in its own PID namespace).</summary>
public class HeartClientTests
{
    private static HeartClientOptions Options(TempDirectory dir, Action<HeartClientOptions>? configure = null)
    {
        var options = ClientDaemon.Options(dir, new HeartClientOptions { HeartbeatTimeout = TimeSpan.FromSeconds(11) });
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task StartAsync_waits_for_the_ACK_and_passes_the_options_as_arguments_and_environment()
    {
        using var dir = new TempDirectory();
        var sinceStart = System.Diagnostics.Stopwatch.StartNew();
        await using HeartClient client = await HeartClient.StartAsync(Options(dir, o =>
        {
            o.HeartbeatTimeout = TimeSpan.FromSeconds(25);
            o.InitTimeout = TimeSpan.FromSeconds(90);
            o.InitGraceTime = TimeSpan.FromSeconds(40);
            o.KernelTimeout = TimeSpan.FromSeconds(6);
        }));

        HeartStatus status = await client.GetStatusAsync();

        Assert.True(client.IsConnected);
        Assert.Equal(TimeSpan.FromSeconds(25), status.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), status.InitHandshakeTimeout);
        ProtocolBounds.TimeLeft(status.InitGraceTimeLeft, TimeSpan.FromSeconds(40), sinceStart.Elapsed, "grace");
        Assert.Equal(TimeSpan.FromSeconds(6), status.WatchdogTimeout);
    }

    [Fact]
    public async Task Beats_pet_the_watchdog_and_commands_are_acknowledged()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartClient client = await HeartClient.StartAsync(Options(dir, o => o.WatchdogPath = watchdog.Path));
        await client.GetStatusAsync();
        int atStart = await watchdog.SyncAsync();

        Assert.True(client.Beat());
        await client.InitHandshakeAsync();
        var sinceSnooze = System.Diagnostics.Stopwatch.StartNew();
        await client.SnoozeAsync();
        HeartStatus status = await client.GetStatusAsync();

        Assert.Equal(atStart + 2, await watchdog.SyncAsync());
        Assert.True(status.InitHandshakeHappened);
        ProtocolBounds.TimeLeft(status.SnoozeTimeLeft, TimeSpan.FromSeconds(900), sinceSnooze.Elapsed, "snooze");
    }

    [Fact]
    public async Task ShutDownAsync_stops_the_heart_without_a_reboot_and_later_calls_are_safe()
    {
        using var dir = new TempDirectory();
        HeartClient client = await HeartClient.StartAsync(Options(dir));

        await client.ShutDownAsync();

        Assert.Equal(0, client.ExitCode);
        Assert.False(client.IsConnected);
        Assert.False(client.Beat());
        await Assert.ThrowsAsync<HeartUnavailableException>(() => client.GetStatusAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task DisableVmAsync_is_acknowledged_and_the_heart_then_reboots()
    {
        using var dir = new TempDirectory();
        await using HeartClient client = await HeartClient.StartAsync(Options(dir));

        await client.DisableVmAsync();
        await client.WaitForExitAsync(new CancellationTokenSource(HeartProcess.Prompt).Token);

        Assert.Equal(129, client.ExitCode);
    }

    [Fact]
    public async Task An_immediate_reboot_is_never_acknowledged_the_pipe_just_closes()
    {
        using var dir = new TempDirectory();
        await using HeartClient client = await HeartClient.StartAsync(Options(dir));

        var ex = await Assert.ThrowsAsync<HeartUnavailableException>(() => client.GuardedImmediateRebootAsync());

        await client.WaitForExitAsync(new CancellationTokenSource(HeartProcess.Prompt).Token);
        Assert.Equal(129, client.ExitCode);
        Assert.Contains("medulla-heart", ex.Message);
    }

    [Fact]
    public async Task A_daemon_that_cannot_be_started_is_reported_with_its_path()
    {
        using var dir = new TempDirectory();
        var options = new HeartClientOptions { DaemonPath = dir.Combine("no-such-heart"), HeartbeatTimeout = TimeSpan.FromSeconds(11) };

        var ex = await Assert.ThrowsAsync<HeartUnavailableException>(() => HeartClient.StartAsync(options));

        Assert.Contains($"cannot start {options.DaemonPath}", ex.Message);
    }

    [Fact]
    public async Task A_daemon_that_never_acknowledges_is_reported_after_the_start_timeout()
    {
        using var dir = new TempDirectory();
        string silent = dir.Combine("silent-heart");
        // Keeps stdout open, never writes an ACK, and exits on the first byte (the SHUT_DOWN sent when the client gives up).
        Executables.WriteScript(silent, "#!/bin/sh\nhead -c 1 >/dev/null\n");
        var options = new HeartClientOptions { DaemonPath = silent, HeartbeatTimeout = TimeSpan.FromSeconds(11), StartTimeout = TimeSpan.FromSeconds(1) };

        var ex = await Assert.ThrowsAsync<HeartUnavailableException>(() => HeartClient.StartAsync(options));

        Assert.Contains("did not acknowledge its start within 1 s", ex.Message);
    }

    [Fact]
    public async Task Invalid_options_are_refused_before_anything_starts()
    {
        var options = new HeartClientOptions { HeartbeatTimeout = TimeSpan.FromSeconds(5) };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => HeartClient.StartAsync(options));

        Assert.Contains("HeartbeatTimeout is 5 s", ex.Message);
    }
}
