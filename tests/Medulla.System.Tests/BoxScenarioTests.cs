using System.Text.RegularExpressions;

namespace Medulla.SystemTests;

/// <summary>
/// Scenarios on the device in a box (qemu): each boots the box, one or more times in one qemu
/// process, and the guest's scenario script checks what it must; see box/guest/scenarios.
/// </summary>
[Collection(BoxTests.Name)]
public sealed class BoxScenarioTests(BoxFixture box)
{
    [Fact]
    public async Task PmsgLinesSurviveAWarmRebootByteForByte()
    {
        BoxRun run = await box.Run("pmsg-reboot", TimeSpan.FromMinutes(4));
        AssertPassed(run, "pmsg record equals the mirror byte for byte", "mirror has the 300 lines", "raw record ends with the ECC line");
    }

    [Fact]
    public async Task KernelPanicIsArchivedAndPstoreEmptied()
    {
        BoxRun run = await box.Run("panic-archive", TimeSpan.FromMinutes(4));
        AssertPassed(run, "a dmesg record was archived", "the archived dmesg record holds the panic", "pstore is empty afterwards");
    }

    [Fact]
    public async Task PmsgFloodKeepsTheAppResponsiveAndEndsWithTheNewestLines()
    {
        BoxRun run = await box.Run("pmsg-flood", TimeSpan.FromMinutes(8));
        AssertPassed(run, "the record ends with the flood's last line", "the line before it is event 100000");
        Assert.Contains(run.Lines, l => l.Contains("flood responsive: yes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnpettedHardwareWatchdogResetsTheBox()
    {
        BoxRun run = await box.Run("watchdog-reset", TimeSpan.FromMinutes(4));
        AssertPassed(run, "bootstatus is non-zero after the watchdog reset");
    }

    [Fact]
    public async Task DemoShowsThePreviousBootsPmsgLines()
    {
        BoxRun run = await box.Run("demo", TimeSpan.FromMinutes(4));
        AssertPassed(run, "boot 1's mark is among the pmsg lines read back from pstore",
            "the crash line is among the pmsg lines read back from pstore", "the archived pmsg record holds boot 1's mark",
            "the app's log shows the kernel's boot banner at notice level");
        Assert.Contains(run.Checks, c => c.StartsWith("CHECK PASS: the app's log shows kernel messages of more than one level", StringComparison.Ordinal));
        // Boot 2's app prints what it read from pstore between these two lines. Boot 1 wrote its random mark
        // only through the pmsg handler (the console never shows that category), so a mark inside the block
        // and nowhere else in the whole console output can only have come from pstore.
        string[] lines = [.. run.Lines];
        int from = Array.FindIndex(lines, l => l.Contains("----- the previous boot's pmsg lines (from pstore) -----", StringComparison.Ordinal));
        int to = Array.FindIndex(lines, l => l.Contains("----- end of the previous boot's pmsg lines -----", StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from, $"no pstore read-back block:\n{run.Output}");
        string[] readBack = lines[(from + 1)..to];
        Assert.Contains(readBack, l => l.Contains("About to crash on purpose", StringComparison.Ordinal));
        string mark = Regex.Match(string.Join('\n', readBack), @"boot mark \d+").Value;
        Assert.True(mark.Length > 0, $"no boot mark in the pstore read-back:\n{string.Join('\n', readBack)}");
        Assert.Single(lines, l => Regex.IsMatch(l, Regex.Escape(mark) + @"\b"));
    }

    [Fact]
    public async Task HeartRebootsWhenTheAppIsStopped()
    {
        BoxRun run = await box.Run("heart-sigstop", TimeSpan.FromMinutes(5));
        AssertPassed(run, "rebooted within the heartbeat timeout plus one pet interval", "not before the heartbeat timeout",
            "the heart left its breadcrumb in pmsg");
    }

    [Fact]
    public async Task KilledHeartLeadsToAHardwareWatchdogReset()
    {
        BoxRun run = await box.Run("heart-sigkill", TimeSpan.FromMinutes(5));
        AssertPassed(run, "the heart reports last_boot=watchdog");
    }

    [Fact]
    public async Task GracefulStopCausesNoReboot()
    {
        BoxRun run = await box.Run("heart-graceful", TimeSpan.FromMinutes(5));
        AssertPassed(run, "the heart is gone", "the heart disarmed the watchdog (no 'watchdog did not stop' from the kernel)", "no reboot after the heartbeat and watchdog timeouts (still boot 1)");
    }

    private static void AssertPassed(BoxRun run, params string[] checks)
    {
        Assert.True(run.ExitCode == 0, $"scenario exit status {run.ExitCode}:\n{run.Output}");
        Assert.DoesNotContain(run.Checks, c => c.StartsWith("CHECK FAIL", StringComparison.Ordinal));
        foreach (string check in checks)
        {
            Assert.True(run.Checks.Contains("CHECK PASS: " + check), $"missing check '{check}':\n{run.Output}");
        }
    }
}
