namespace Medulla.SystemTests;

/// <summary>
/// SHUT_DOWN once the heart has stopped petting leaves the hardware watchdog armed: on the device in a
/// box, the i6300esb resets the box (box/guest/scenarios/heart-disable-hw-shutdown.sh).
/// </summary>
[Collection(BoxTests.Name)]
public sealed class HeartShutdownScenarioTests(BoxFixture box)
{
    [Fact]
    public async Task ShutDownAfterDisableHwLeavesTheWatchdogToResetTheBox()
    {
        BoxRun run = await box.Run("heart-disable-hw-shutdown", TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, $"scenario exit status {run.ExitCode}:\n{run.Output}");
        Assert.DoesNotContain(run.Checks, c => c.StartsWith("CHECK FAIL", StringComparison.Ordinal));
        string[] expected =
        [
            "the heart exited after SHUT_DOWN",
            "the heart left the watchdog armed",
            "the kernel saw the watchdog closed without the magic character",
            "boot 1 got as far as SHUT_DOWN",
            "the i6300esb reset the box after disable_hw and SHUT_DOWN",
        ];
        foreach (string check in expected)
        {
            Assert.True(run.Checks.Contains("CHECK PASS: " + check), $"missing check '{check}':\n{run.Output}");
        }
    }
}
