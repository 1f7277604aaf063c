using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>PREPARING_CRASH: the Erlang VM is crashing and may be writing a crash dump.</summary>
public class PreparingCrashTests
{
    [Fact]
    public async Task A_crashing_app_gets_ERL_CRASH_DUMP_SECONDS_to_finish_then_the_heart_reboots()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.CrashDumpSeconds, "2"), "-ht", "11");

        heart.Send(HeartOp.PreparingCrash);

        Assert.Equal(129, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.True(heart.Elapsed >= TimeSpan.FromSeconds(2), $"rebooted after {heart.Elapsed.TotalSeconds} s, before the crash dump time");
        Assert.Contains("waiting up to 2 s for the crash dump", heart.Log.Text);
        Assert.Contains("reboot: the app crashed", File.ReadAllText(heart.PmsgPath));
    }

    [Fact]
    public async Task Any_input_from_the_app_ends_the_wait_for_the_crash_dump()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.CrashDumpSeconds, "600"), "-ht", "11");
        heart.Send(HeartOp.PreparingCrash);
        await heart.Log.WaitForAsync("waiting up to 600 s for the crash dump", HeartProcess.Prompt);

        heart.Send(HeartOp.Beat);

        Assert.Equal(129, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Contains("reboot: the app crashed", File.ReadAllText(heart.PmsgPath));
    }

    [Fact]
    public async Task Input_that_arrives_with_PREPARING_CRASH_ends_the_wait_at_once()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.CrashDumpSeconds, "600"), "-ht", "11");

        // One write: the heart reads the beat with the PREPARING_CRASH frame, so nothing is left to wait for.
        heart.SendRaw([.. HeartFrameEncoder.Encode(HeartOp.PreparingCrash), .. HeartFrameEncoder.Encode(HeartOp.Beat)]);

        Assert.Equal(129, await heart.WaitForExitAsync(HeartProcess.Prompt));
    }

    [Fact]
    public async Task Without_ERL_CRASH_DUMP_SECONDS_the_heart_reboots_at_once()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, null, "-ht", "11");

        heart.Send(HeartOp.PreparingCrash);

        Assert.Equal(129, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.DoesNotContain("waiting up to", heart.Log.Text);
    }
}
