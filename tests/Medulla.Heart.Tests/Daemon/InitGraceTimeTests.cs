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

        Assert.InRange(status.InitGraceTimeLeft.TotalSeconds, 0, 3);
        // The deadline is the end of the grace period plus the timeout (both rounded down in the report).
        Assert.InRange((status.HeartbeatTimeLeft - status.InitGraceTimeLeft).TotalSeconds, 10, 12);
        Assert.Equal(129, await heart.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        Assert.True(heart.Elapsed >= TimeSpan.FromSeconds(14), $"rebooted after {heart.Elapsed.TotalSeconds} s, before grace + timeout");
        Assert.Contains("heartbeat timeout: no beat for 11 s", heart.Log.Text);
    }
}
