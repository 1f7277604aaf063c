using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>medulla-heart's protocol with the app: ACK, status, beats, SHUT_DOWN, malformed input.</summary>
public class HeartDaemonBasicsTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task It_acknowledges_its_start_and_answers_GET_CMD_with_exactly_the_status_keys_in_order()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, NoEnvironment, "-ht", "11");

        string report = await heart.StatusTextAsync();

        string[] lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HeartStatusKeys.All, lines.Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]));
        Assert.EndsWith("\n", report);
        HeartStatus status = HeartStatus.Parse(report);
        Assert.Equal("medulla-heart", status.ProgramName);
        Assert.Equal("0.1.0", status.ProgramVersion);
        Assert.Equal(TimeSpan.FromSeconds(11), status.HeartbeatTimeout);
        ProtocolBounds.TimeLeft(status.HeartbeatTimeLeft, TimeSpan.FromSeconds(11), heart.Elapsed, "heartbeat");
        Assert.True(status.InitHandshakeHappened);
        Assert.Equal("none", status.WatchdogIdentity);
        Assert.Equal("power_on", status.WatchdogLastBoot);
    }

    [Fact]
    public async Task SHUT_DOWN_ends_the_heart_with_status_0_and_no_reboot()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, NoEnvironment, "-ht", "11");

        heart.Send(HeartOp.ShutDown);

        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Contains("exiting without a reboot", heart.Log.Text);
        Assert.DoesNotContain("rebooting", heart.Log.Text);
        Assert.Equal("", File.ReadAllText(heart.PmsgPath));
    }

    [Fact]
    public async Task A_beat_restarts_the_heartbeat_deadline()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, NoEnvironment, "-ht", "11");
        HeartStatus before;
        // Far enough into the timeout that a beat's effect stands out even if the machine stalls for seconds.
        while ((before = await heart.StatusAsync()).HeartbeatTimeLeft > TimeSpan.FromSeconds(6))
        {
            await Task.Delay(100); // polling the heart's own clock, not waiting for an event
        }

        var sinceBeat = System.Diagnostics.Stopwatch.StartNew();
        heart.Send(HeartOp.Beat);
        HeartStatus after = await heart.StatusAsync();

        ProtocolBounds.TimeLeft(after.HeartbeatTimeLeft, TimeSpan.FromSeconds(11), sinceBeat.Elapsed, "heartbeat after the beat");
        Assert.True(after.HeartbeatTimeLeft > before.HeartbeatTimeLeft || sinceBeat.Elapsed > TimeSpan.FromSeconds(4),
            $"the beat did not move the deadline: {before.HeartbeatTimeLeft} left before it, {after.HeartbeatTimeLeft} after");
    }

    [Fact]
    public async Task Frames_split_into_single_bytes_and_oversized_or_empty_frames_are_survived()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, NoEnvironment, "-ht", "11");
        byte[] oversized = new byte[2 + 3000];
        oversized[0] = 3000 >> 8;
        oversized[1] = 3000 & 0xFF;
        oversized[2] = (byte)HeartOp.ShutDown; // inside a skipped frame: must not shut the heart down

        heart.SendRaw(oversized);
        heart.SendRaw([0, 0]);
        foreach (byte b in HeartFrameEncoder.Encode(HeartOp.GetCmd))
        {
            heart.SendRaw([b]);
        }
        HeartFrame reply = await heart.ReadFrameAsync();

        Assert.Equal(HeartOp.HeartCmd, reply.Op);
        await heart.Log.WaitForAsync("malformed frame", HeartProcess.Prompt);
        heart.Send(HeartOp.ShutDown);
        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
    }

    [Fact]
    public async Task Unknown_commands_and_CLEAR_CMD_are_acknowledged_and_change_nothing()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, NoEnvironment, "-ht", "11");

        heart.Send(HeartOp.SetCmd, "reboot -f");
        Assert.Equal(HeartOp.Ack, (await heart.ReadFrameAsync()).Op);
        heart.Send(HeartOp.ClearCmd);
        Assert.Equal(HeartOp.Ack, (await heart.ReadFrameAsync()).Op);

        Assert.Equal(TimeSpan.FromSeconds(11), (await heart.StatusAsync()).HeartbeatTimeout);
        heart.Send(HeartOp.ShutDown);
        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
    }

    [Fact]
    public async Task The_control_socket_answers_with_the_status_report_and_is_removed_at_shutdown()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, NoEnvironment, "-ht", "11");

        HeartStatus status = await HeartControlClient.ReadStatusAsync(heart.SocketPath, HeartProcess.Prompt);
        UnixFileMode mode = File.GetUnixFileMode(heart.SocketPath);

        Assert.Equal("medulla-heart", status.ProgramName);
        Assert.Equal(HeartStatusKeys.All, status.Values.Keys);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        heart.Send(HeartOp.ShutDown);
        Assert.Equal(0, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.False(File.Exists(heart.SocketPath));
        var ex = await Assert.ThrowsAsync<HeartUnavailableException>(() => HeartControlClient.ReadStatusAsync(heart.SocketPath, HeartProcess.Prompt));
        Assert.Contains("no heart is running", ex.Message);
    }
}
