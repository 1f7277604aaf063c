using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Daemon;

/// <summary>HEART_INIT_GRACE_TIME: the heartbeat timeout starts counting only after the grace period.</summary>
public class InitGraceTimeTests
{
    [Fact]
    public async Task The_grace_period_delays_the_heartbeat_deadline()
    {
        using var dir = new TempDirectory();
        await using HeartProcess heart = await HeartProcess.StartAsync(dir, Env.Of(HeartEnvironment.InitGraceTime, "3"), "-ht", "11");

        HeartStatus status = await heart.StatusAsync();

        ProtocolBounds.TimeLeft(status.InitGraceTimeLeft, TimeSpan.FromSeconds(3), heart.Elapsed, "grace");
        // The deadline is the end of the grace period plus the timeout.
        ProtocolBounds.TimeLeft(status.HeartbeatTimeLeft, TimeSpan.FromSeconds(3 + 11), heart.Elapsed, "heartbeat");
        Assert.Equal(129, await heart.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        Assert.True(heart.Elapsed >= TimeSpan.FromSeconds(14), $"rebooted after {heart.Elapsed.TotalSeconds} s, before grace + timeout");
        ProtocolBounds.NoBeatFor(heart.Log.Text, 11, heart.Elapsed - TimeSpan.FromSeconds(3));
    }
}
