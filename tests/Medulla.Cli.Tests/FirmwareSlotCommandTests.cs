using Medulla.Firmware;

namespace Medulla.Cli.Tests;

/// <summary><c>medulla fw status|validate|revert|prevent-revert</c>, in process, on image files.</summary>
public class FirmwareSlotCommandTests
{
    /// <summary>Slot a runs an upgrade that is not validated yet; slot b holds the previous firmware.</summary>
    private static readonly Dictionary<string, string> AfterUpgrade = new(StringComparer.Ordinal)
    {
        ["nerves_fw_active"] = "a",
        ["a.nerves_fw_version"] = "1.2.0",
        ["a.nerves_fw_product"] = "gateway",
        ["a.nerves_fw_platform"] = "rpi4",
        ["a.nerves_fw_architecture"] = "arm",
        ["a.nerves_fw_uuid"] = "b2f1d0c4-7c5e-4a9e-9d1f-0a2b3c4d5e6f",
        ["a.nerves_fw_application_part0_devpath"] = "/dev/mmcblk0p3",
        ["b.nerves_fw_version"] = "1.1.0",
        ["b.nerves_fw_platform"] = "rpi4",
        ["b.nerves_fw_architecture"] = "arm",
        ["nerves_serial_number"] = "0123456789",
        ["nerves_fw_validated"] = "0",
        ["upgrade_available"] = "1",
        ["bootcount"] = "2",
        ["bootlimit"] = "3",
    };

    [Fact]
    public void Status_prints_the_running_firmware_and_both_slots_as_key_value_lines()
    {
        using var image = new FwImage(AfterUpgrade);

        CliRun run = CliRun.InProcess("fw", "status", "-c", image.Config);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(
            """
            active slot: a
            validation: unvalidated
            serial number: 0123456789
            revert: possible, to slot b
            boot count: 2 of at most 3: the bootloader falls back to the other slot past the limit
            slot a (active):
              version: 1.2.0
              product: gateway
              platform: rpi4
              architecture: arm
              uuid: b2f1d0c4-7c5e-4a9e-9d1f-0a2b3c4d5e6f
              application partition: /dev/mmcblk0p3
            slot b:
              version: 1.1.0
              platform: rpi4
              architecture: arm

            """,
            run.Stdout.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("0", "4", "3", "boot count: 4, past the limit 3: the bootloader fell back to this slot")]
    [InlineData("0", "0", "3", "boot count: 0 (limit 3)")]
    [InlineData("1", "3", "3", "boot count: 3 of at most 3: the bootloader falls back to the other slot past the limit")]
    [InlineData("1", "2", null, "boot count: 2 (no bootlimit)")]
    [InlineData("1", "x", "3", "boot count: x (bootlimit '3')")]
    public void Status_shows_the_bootloaders_boot_count_against_its_limit(string upgradeAvailable, string bootCount, string? bootLimit, string expected)
    {
        var values = new Dictionary<string, string>(AfterUpgrade) { ["upgrade_available"] = upgradeAvailable, ["bootcount"] = bootCount };
        values.Remove("bootlimit");
        if (bootLimit is not null)
        {
            values["bootlimit"] = bootLimit;
        }
        using var image = new FwImage(values);

        CliRun run = CliRun.InProcess("fw", "status", "-c", image.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.StdoutLines[4]);
    }

    [Fact]
    public void Status_without_a_bootcount_has_no_boot_count_line()
    {
        var values = new Dictionary<string, string>(AfterUpgrade);
        values.Remove("bootcount");
        using var image = new FwImage(values);

        Assert.Equal("slot a (active):", CliRun.InProcess("fw", "status", "-c", image.Config).StdoutLines[4]);
    }

    [Fact]
    public void Status_of_a_single_copy_warns_on_stderr_that_writes_are_not_power_cut_safe_and_prints_the_same_output()
    {
        using var single = new FwImage(AfterUpgrade, EnvLayout.SingleCopy);
        using var redundant = new FwImage(AfterUpgrade, EnvLayout.Redundant);

        CliRun run = CliRun.InProcess("fw", "status", "-c", single.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $"medulla: warning: {single.Config} names a single copy of the environment: a power cut during a write can leave no valid environment; use a redundant pair (two lines) on devices that write it at run time",
            run.StderrLine);
        Assert.Equal(CliRun.InProcess("fw", "status", "-c", redundant.Config).Stdout, run.Stdout);
    }

    [Fact]
    public void Status_of_a_redundant_pair_warns_about_nothing()
    {
        using var image = new FwImage(AfterUpgrade, EnvLayout.Redundant);

        Assert.Equal("", CliRun.InProcess("fw", "status", "-c", image.Config).Stderr);
    }

    [Fact]
    public void Status_without_an_active_slot_shows_both_slots_and_why_a_revert_is_impossible()
    {
        using var image = new FwImage(new Dictionary<string, string> { ["b.nerves_fw_version"] = "0.9.0" });

        CliRun run = CliRun.InProcess("fw", "status", "-c", image.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            active slot: (not set)
            validation: unknown (no variable says; treated as valid)
            serial number: (not set)
            revert: not possible: nerves_fw_active is not set
            slot a:
              (no firmware metadata)
            slot b:
              version: 0.9.0

            """,
            run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Status_lists_what_the_environment_warns_about()
    {
        using var image = new FwImage(AfterUpgrade);
        byte[] bytes = image.Bytes;
        Array.Clear(bytes, 0x1000, 0x1000);
        File.WriteAllBytes(image.Image.ImagePath, bytes);

        CliRun run = CliRun.InProcess("fw", "status", "-c", image.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("active slot: a", run.StdoutLines[0]);
        Assert.Equal($"warning: copy 2 ({image.Image.ImagePath} at 0x1000) is not usable: blank (all 0x00 or all 0xff: never written or erased); the next write replaces it", run.StdoutLines[^1]);
    }

    [Fact]
    public void Validate_marks_the_running_firmware_good_in_one_write()
    {
        using var image = new FwImage(AfterUpgrade);

        CliRun run = CliRun.InProcess("fw", "validate", "-c", image.Config);

        Assert.Equal((0, "validated the firmware in slot a\n", ""), (run.ExitCode, run.Stdout.ReplaceLineEndings("\n"), run.Stderr));
        IReadOnlyDictionary<string, string> after = image.Variables;
        Assert.Equal(("0", "0", "1"), (after["upgrade_available"], after["bootcount"], after["nerves_fw_validated"]));
        Assert.Equal(2, image.Bytes[0x1000 + 4]);
        Assert.Equal("validation: validated", CliRun.InProcess("fw", "status", "-c", image.Config).StdoutLines[1]);
    }

    [Fact]
    public void Revert_switches_the_slot_and_says_a_reboot_is_needed_without_rebooting()
    {
        using var image = new FwImage(AfterUpgrade);

        CliRun run = CliRun.InProcess("fw", "revert", "-c", image.Config);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(
        [
            "reverted: slot b is active from the next boot",
            "reboot needed: this version of medulla does not reboot (that comes with Medulla.Runtime); reboot the device to start slot b",
        ], run.StdoutLines);
        IReadOnlyDictionary<string, string> after = image.Variables;
        Assert.Equal(("b", "0", "0", "1"), (after["nerves_fw_active"], after["upgrade_available"], after["bootcount"], after["nerves_fw_validated"]));
    }

    [Fact]
    public void Revert_with_no_reboot_only_switches_the_slot()
    {
        using var image = new FwImage(AfterUpgrade);

        CliRun run = CliRun.InProcess("fw", "revert", "--no-reboot", "-c", image.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["reverted: slot b is active from the next boot"], run.StdoutLines);
        Assert.Equal("b", image.Variables["nerves_fw_active"]);
    }

    [Fact]
    public void The_revert_help_says_that_this_version_does_not_reboot()
    {
        CliRun run = CliRun.InProcess("fw", "revert", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Does not reboot yet: prints that a reboot is needed", run.Stdout);
        Assert.Contains("rebooting comes with Medulla.Runtime", run.Stdout);
    }

    [Fact]
    public void Revert_refused_exits_1_with_the_reason_and_writes_nothing()
    {
        var otherPlatform = new Dictionary<string, string>(AfterUpgrade) { ["b.nerves_fw_platform"] = "bbb" };
        using var image = new FwImage(otherPlatform);
        byte[] before = image.Bytes;

        CliRun run = CliRun.InProcess("fw", "revert", "-c", image.Config);

        Assert.Equal(
            (1, "", "medulla: cannot revert: slot b holds firmware for platform 'bbb', the running firmware is for 'rpi4'\n"),
            (run.ExitCode, run.Stdout, run.Stderr.ReplaceLineEndings("\n")));
        Assert.Equal(before, image.Bytes);
    }

    [Fact]
    public void Prevent_revert_deletes_the_other_slots_platform_and_architecture_so_revert_refuses()
    {
        using var image = new FwImage(AfterUpgrade);

        CliRun prevent = CliRun.InProcess("fw", "prevent-revert", "-c", image.Config);
        CliRun revert = CliRun.InProcess("fw", "revert", "-c", image.Config);

        Assert.Equal((0, "revert prevented: b.nerves_fw_platform and b.nerves_fw_architecture are deleted\n"), (prevent.ExitCode, prevent.Stdout.ReplaceLineEndings("\n")));
        Assert.False(image.Variables.ContainsKey("b.nerves_fw_platform"));
        Assert.Equal("1.1.0", image.Variables["b.nerves_fw_version"]);
        Assert.Equal(
            (1, "medulla: cannot revert: slot b has no firmware to revert to (b.nerves_fw_platform is not set; prevent-revert removes it)\n"),
            (revert.ExitCode, revert.Stderr.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void Prevent_revert_without_an_active_slot_fails_in_one_line()
    {
        using var image = new FwImage(new Dictionary<string, string> { ["nerves_fw_active"] = "c" });

        CliRun run = CliRun.InProcess("fw", "prevent-revert", "-c", image.Config);

        Assert.Equal(
            (1, "", "medulla: cannot prevent a revert: nerves_fw_active is 'c', expected 'a' or 'b'\n"),
            (run.ExitCode, run.Stdout, run.Stderr.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void A_slot_command_on_an_environment_without_a_valid_copy_fails_in_one_line()
    {
        using var image = new FwImage(AfterUpgrade);
        File.WriteAllBytes(image.Image.ImagePath, new byte[0x2000]);

        CliRun run = CliRun.InProcess("fw", "validate", "-c", image.Config);

        Assert.Equal((1, ""), (run.ExitCode, run.Stdout));
        Assert.StartsWith("medulla: the firmware variables cannot be read: neither environment copy is valid: ", run.StderrLine);
    }
}
