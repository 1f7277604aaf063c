using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>
/// An app that stops reading the heart's stdout (it hangs, or forgets the pipe) fills the pipe; the heart
/// must neither wait for it nor leave half a frame in it.
/// </summary>
public class UnreadStdoutTests
{
    /// <summary>Far more status reports (about 600 bytes each) than a 64 KiB pipe holds.</summary>
    private const int Requests = 2000;

    [Fact]
    public async Task An_app_that_never_reads_its_stdout_is_rebooted_at_the_heartbeat_timeout()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, null, "-ht", "11");
        heart.PauseReading();

        heart.SendRaw(ManyStatusRequests());

        // Not a beat after these: the heart must reach its deadline with the pipe full.
        Assert.Equal(129, await heart.WaitForExitAsync(TimeSpan.FromSeconds(11) + HeartProcess.Prompt));
        Assert.Contains("reboot: heartbeat timeout", File.ReadAllText(heart.PmsgPath));
        Assert.Contains("the app does not read its stdout", heart.Log.Text);
    }

    [Fact]
    public async Task The_heart_goes_on_petting_while_the_app_does_not_read()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path, HeartEnvironment.KernelTimeout, "2"), "-ht", "11");
        heart.PauseReading();
        heart.SendRaw(ManyStatusRequests());
        await heart.Log.WaitForAsync("the app does not read its stdout", HeartProcess.Prompt);
        int stalled = await watchdog.SyncAsync();

        // A pet every second (watchdog timeout 2 s) while the pipe stays full; a beat pets at once too.
        heart.Send(HeartOp.Beat);

        await watchdog.WaitForPetsAsync(stalled + 2, HeartProcess.Prompt);
    }

    [Fact]
    public async Task Replies_that_do_not_fit_are_dropped_whole_and_the_stream_stays_in_frame()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        // A 120 s watchdog is petted every 110 s: within this test only the start and the beat pet it.
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.WatchdogPath, watchdog.Path, HeartEnvironment.KernelTimeout, "120"), "-ht", "11");
        await heart.StatusAsync(); // answered after the pet at start
        int atStart = await watchdog.SyncAsync();
        heart.PauseReading();

        // The beat's pet says that the heart has handled every request before it.
        heart.SendRaw([.. ManyStatusRequests(), .. HeartFrameEncoder.Encode(HeartOp.Beat)]);
        await watchdog.WaitForPetsAsync(atStart + 1, HeartProcess.Prompt);
        heart.ResumeReading();
        string drained = await heart.Log.WaitForAsync("the app reads its stdout again", HeartProcess.Prompt);
        // Answered after every report the heart kept: the end of this test's frames.
        heart.Send(HeartOp.ClearCmd);
        int reports = 0;
        HeartFrame frame;
        while ((frame = await heart.ReadFrameAsync()).Op == HeartOp.HeartCmd)
        {
            Assert.Equal("medulla-heart", HeartStatus.Parse(frame.BodyText).ProgramName);
            reports++;
        }

        Assert.Equal(HeartOp.Ack, frame.Op);
        Assert.InRange(reports, 1, Requests - 1);
        Assert.Contains($"{Requests - reports} replies dropped", drained);
        Assert.Contains("the app does not read its stdout", heart.Log.Text);
    }

    private static byte[] ManyStatusRequests()
    {
        byte[] one = HeartFrameEncoder.Encode(HeartOp.GetCmd);
        return [.. Enumerable.Repeat(one, Requests).SelectMany(f => f)];
    }
}
