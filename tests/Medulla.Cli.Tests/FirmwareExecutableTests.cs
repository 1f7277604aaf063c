namespace Medulla.Cli.Tests;

/// <summary>The <c>medulla fw</c> commands as a shell sees them: the built executable, its streams and exit status.</summary>
public class FirmwareExecutableTests
{
    private static readonly Dictionary<string, string> Slots = new(StringComparer.Ordinal)
    {
        ["nerves_fw_active"] = "a",
        ["a.nerves_fw_platform"] = "rpi4",
        ["a.nerves_fw_architecture"] = "arm",
        ["b.nerves_fw_platform"] = "rpi4",
        ["b.nerves_fw_architecture"] = "arm",
        ["upgrade_available"] = "1",
    };

    [Fact]
    public void A_script_on_stdin_is_applied_and_printed_back_as_utf8_unchanged()
    {
        using var image = new FwImage(Slots);

        CliRun set = CliRun.AsProcessWithInput("greeting=grüß dich 😀 中文\n# done\n", "fw", "setenv", "-c", image.Config, "-s", "-");
        CliRun print = CliRun.AsProcess("fw", "printenv", "-c", image.Config, "greeting", "nerves_fw_active");

        Assert.Equal((0, "", ""), (set.ExitCode, set.Stdout, set.Stderr));
        Assert.Equal((0, "greeting=grüß dich 😀 中文\nnerves_fw_active=a\n", ""), (print.ExitCode, print.Stdout, print.Stderr));
    }

    [Fact]
    public void Failures_exit_1_and_usage_errors_exit_2_each_with_one_line_on_stderr()
    {
        using var image = new FwImage(Slots);

        CliRun missing = CliRun.AsProcess("fw", "printenv", "-c", image.Config, "nerves_fw_active", "nope");
        CliRun usage = CliRun.AsProcess("fw", "setenv", "-c", image.Config);

        Assert.Equal((1, "nerves_fw_active=a\n", "medulla: no variable 'nope' in the environment\n"), (missing.ExitCode, missing.Stdout, missing.Stderr));
        Assert.Equal((2, ""), (usage.ExitCode, usage.Stdout));
        Assert.Equal("medulla: expected NAME [VALUE] or -s FILE (see medulla --help)\n", usage.Stderr);
    }

    [Fact]
    public void Revert_switches_the_slot_says_a_reboot_is_needed_and_exits_0()
    {
        using var image = new FwImage(Slots);

        CliRun revert = CliRun.AsProcess("fw", "revert", "-c", image.Config);
        CliRun status = CliRun.AsProcess("fw", "status", "-c", image.Config);

        Assert.Equal((0, ""), (revert.ExitCode, revert.Stderr));
        Assert.Contains("reboot needed: this version of medulla does not reboot", revert.Stdout);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(["active slot: b", "validation: validated"], status.StdoutLines[..2]);
    }
}
