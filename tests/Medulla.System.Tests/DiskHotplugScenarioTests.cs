namespace Medulla.SystemTests;

/// <summary>
/// A disk plugged into the running box through qemu's monitor (QMP <c>device_add</c> of a virtio-blk-pci
/// disk backed by an image file made on the host, then <c>device_del</c>, which completes once the guest's
/// kernel has ejected the device over ACPI PCI hotplug) is seen by
/// <c>medulla uevent monitor --json</c> and by the demo app's device table and log, coming and going; the
/// app's log also holds the kernel's boot messages with their levels and a syslog message sent to
/// /dev/log (box/guest/scenarios/disk-hotplug.sh with its host half box/host/disk-hotplug.sh).
/// </summary>
[Collection(BoxTests.Name)]
public sealed class DiskHotplugScenarioTests(BoxFixture box)
{
    [Fact]
    public async Task HotPluggedDiskComesAndGoesInTheMonitorAndTheAppsDeviceTable()
    {
        BoxRun run = await box.Run("disk-hotplug", TimeSpan.FromMinutes(6));

        Assert.True(run.ExitCode == 0, $"scenario exit status {run.ExitCode}:\n{run.Output}");
        Assert.DoesNotContain(run.Checks, c => c.StartsWith("CHECK FAIL", StringComparison.Ordinal));
        // The disk came from the host's monitor, not from the guest alone.
        Assert.Contains(run.Lines, l => l.Contains("box: host: device_add of hotplug.img", StringComparison.Ordinal));
        // qemu removes the device only when the guest ejects it, and says so with DEVICE_DELETED.
        Assert.Contains(run.Lines, l => l.Contains("box: host: device_del of hotplug done: the guest ejected it (DEVICE_DELETED)", StringComparison.Ordinal));
        string[] expected =
        [
            "the kernel has ACPI PCI hotplug (CONFIG_HOTPLUG_PCI_ACPI=y)",
            "the app listed the disks of its device table at start",
            "medulla uevent monitor listens",
            "the hot-plugged disk appeared (vdc, serial hotplug)",
            "medulla uevent monitor --json showed its add",
            "the app logged the disk added",
            "the app's device table then held vdc",
            "the disk is gone",
            "its PCI function left the bus (the kernel ejected it)",
            "medulla uevent monitor --json showed its remove",
            "the app logged the disk removed",
            "the app's device table no longer held vdc",
            "a syslog message sent to /dev/log is in the app's log as a warning",
            "the app's log holds the kernel's boot banner at notice level",
        ];
        foreach (string check in expected)
        {
            Assert.True(run.Checks.Contains("CHECK PASS: " + check), $"missing check '{check}':\n{run.Output}");
        }
        Assert.Contains(run.Checks, c => c.StartsWith("CHECK PASS: the app's log holds kernel messages of more than one level", StringComparison.Ordinal));
    }
}
