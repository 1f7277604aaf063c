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

    [Fact]
    public async Task FirstBootFormatsTheBlankDataDiskAndTheAppsRebootComesBack()
    {
        BoxRun run = await box.Run("first-boot", TimeSpan.FromMinutes(5));
        AssertPassed(run, "the data disk is blank (no ext4 superblock)",
            "boot 1 ended in a reboot asked of init with SIGTERM and the app's reboot argument",
            "the app mounted the partition without formatting it", "medulla data status: mounted read-write",
            "boot 1's app formatted the blank disk with a warning (its log on the data partition)",
            "boot 1's app asked init for the reboot by the BusyBox convention",
            "the data partition holds one ext4 file system made on boot 1 (mounted, not remade: its log has both boots)");
        Assert.Contains("box init: reboot requested (SIGTERM, reboot argument 'demo')", run.Lines);
        Assert.Contains(run.Lines, l => l.StartsWith("MEDULLA-BOX-RESULT scenario=first-boot boot=2 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoweroffFromTheAppEndsQemu()
    {
        BoxRun run = await box.Run("poweroff", TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0, $"scenario exit status {run.ExitCode}:\n{run.Output}");
        Assert.Contains(run.Lines, l => l.Contains("sending it SIGUSR2 for a", StringComparison.Ordinal));
        Assert.Contains("box init: poweroff requested (SIGUSR2)", run.Lines);
        Assert.Contains("MEDULLA-BOX-RESULT scenario=poweroff boot=1 status=0", run.Lines);
        Assert.DoesNotContain(run.Checks, c => c.StartsWith("CHECK FAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnvalidatedFirmwareWithAFailingHealthCheckIsRevertedByTheBootloader()
    {
        BoxRun run = await box.Run("validate-revert", TimeSpan.FromMinutes(8));
        AssertPassed(run, "boot 1 runs slot a, validated", "boot 5 runs slot a again",
            "the bootloader fell back past the limit: boot count 4 of limit 3", "slot a's firmware is validated",
            "slot b keeps its firmware metadata (version 0.2.0)", "boot 2's app waited, did not validate and rebooted",
            "boot 3's app waited, did not validate and rebooted", "boot 4's app waited, did not validate and rebooted",
            "the boots on slot b ended in reboots asked of init", "the app on slot a finds its firmware valid");
        Assert.Contains("box bootloader: boot count 4 is past the limit 3: falling back from slot b to slot a", run.Lines);
        Assert.Contains("boot count: 4, past the limit 3: the bootloader fell back to this slot", run.Lines);
    }

    [Fact]
    public async Task FirmwareWhoseHealthCheckPassesIsValidatedOnItsFirstBootAndStays()
    {
        BoxRun run = await box.Run("validate-pass", TimeSpan.FromMinutes(5));
        AssertPassed(run, "boot 2 runs slot b, unvalidated, boot 1 of at most 3", "the app validated slot b",
            "the environment says so: upgrade_available=0, bootcount=0, nerves_fw_validated=1, b.nerves_fw_validated=1",
            "boot 3 still runs slot b, validated", "the app finds its firmware valid");
        Assert.Contains(run.Lines, l => l.StartsWith("MEDULLA-BOX-RESULT scenario=validate-pass boot=3 ", StringComparison.Ordinal));
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
