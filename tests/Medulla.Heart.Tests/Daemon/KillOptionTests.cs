using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>HEART_KILL_SIGNAL and HEART_NO_KILL: how the app is ended before the reboot.</summary>
public class KillOptionTests
{
    [Fact]
    public async Task HEART_KILL_SIGNAL_chooses_the_signal_that_ends_the_app()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.KillSignal, "SIGABRT"), "-ht", "11");
        await heart.Log.WaitForAsync("app: started", HeartProcess.Prompt);

        await heart.CommandAsync(HeartCommand.DisableVm);

        Assert.Equal(129, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Contains("app: SIGABRT", heart.Log.Text);
        Assert.Contains("sent SIGABRT to the app", heart.Log.Text);
    }

    [Fact]
    public async Task HEART_NO_KILL_reboots_without_touching_the_app()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir,
            Env.Of(HeartEnvironment.NoKill, "TRUE", HeartEnvironment.KillSignal, "SIGABRT"), "-ht", "11");
        await heart.Log.WaitForAsync("app: started", HeartProcess.Prompt);

        await heart.CommandAsync(HeartCommand.DisableVm);

        Assert.Equal(129, await heart.WaitForExitAsync(HeartProcess.Prompt));
        Assert.Contains("HEART_NO_KILL is set: not killing the app", heart.Log.Text);
        Assert.DoesNotContain("app: SIGABRT", heart.Log.Text);
        Assert.DoesNotContain("sent SIG", heart.Log.Text);
    }
}
