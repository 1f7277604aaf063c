using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>HEART_INIT_TIMEOUT: the app must say it started within that time, beats or not.</summary>
public class InitHandshakeTimeoutTests
{
    [Fact]
    public async Task Without_the_init_handshake_the_heart_reboots_when_HEART_INIT_TIMEOUT_passes_even_with_beats()
    {
        using var dir = new TempDirectory();
        // The beat goes into the pipe before the heart runs: waiting for the ACK first could take longer
        // than the 2 s on a loaded machine, and the beat would then meet the rebooted heart's closed pipe.
        await using HeartProcess heart = HeartProcess.Launch(dir, Env.Of(HeartEnvironment.InitTimeout, "2"), "-ht", "11");
        heart.Send(HeartOp.Beat);
        Assert.Equal(HeartOp.Ack, (await heart.ReadFrameAsync()).Op);

        Assert.Equal(129, await heart.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(heart.Elapsed >= TimeSpan.FromSeconds(2), $"rebooted after {heart.Elapsed.TotalSeconds} s");
        Assert.Contains("init handshake not received within 2 s", heart.Log.Text);
    }
}
