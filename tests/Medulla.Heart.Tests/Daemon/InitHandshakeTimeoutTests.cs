using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>HEART_INIT_TIMEOUT: the app must say it started within that time, beats or not.</summary>
public class InitHandshakeTimeoutTests
{
    [Fact]
    public async Task Without_the_init_handshake_the_heart_reboots_when_HEART_INIT_TIMEOUT_passes_even_with_beats()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.InitTimeout, "2"), "-ht", "11");
        heart.Send(HeartOp.Beat);

        Assert.Equal(129, await heart.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(heart.Elapsed >= TimeSpan.FromSeconds(2), $"rebooted after {heart.Elapsed.TotalSeconds} s");
        Assert.Contains("init handshake not received within 2 s", heart.Log.Text);
    }
}
