using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>The app's end of the pipe closes (the app exited or crashed without SHUT_DOWN).</summary>
public class ClosedPipeTests
{
    [Fact]
    public async Task A_closed_pipe_gives_the_app_5_s_to_exit_then_kills_it_and_reboots()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, null, "-ht", "11");

        heart.CloseStdin();

        Assert.Equal(129, await heart.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(heart.Elapsed >= TimeSpan.FromSeconds(5), $"rebooted after {heart.Elapsed.TotalSeconds} s, before the 5 s for the app");
        Assert.Contains("the app closed its pipe", heart.Log.Text);
        Assert.Contains("waiting up to 5 s for the app", heart.Log.Text);
        Assert.Contains("is still running: killing it", heart.Log.Text);
        Assert.Contains("sent SIGKILL to the app", heart.Log.Text);
        Assert.Contains("reboot: the app closed its pipe", File.ReadAllText(heart.PmsgPath));
    }
}
