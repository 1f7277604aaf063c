using System.Text;

namespace Medulla.Heart.Tests.Protocol;

public class HeartCommandNamesTests
{
    [Theory]
    [InlineData(HeartCommand.InitHandshake, "init_handshake")]
    [InlineData(HeartCommand.Snooze, "snooze")]
    [InlineData(HeartCommand.DisableHardwareWatchdog, "disable_hw")]
    [InlineData(HeartCommand.DisableVm, "disable_vm")]
    [InlineData(HeartCommand.GuardedReboot, "guarded_reboot")]
    [InlineData(HeartCommand.GuardedPoweroff, "guarded_poweroff")]
    [InlineData(HeartCommand.GuardedHalt, "guarded_halt")]
    [InlineData(HeartCommand.GuardedImmediateReboot, "guarded_immediate_reboot")]
    [InlineData(HeartCommand.GuardedImmediatePoweroff, "guarded_immediate_poweroff")]
    public void Each_command_has_its_nerves_heart_name_both_ways(HeartCommand command, string text)
    {
        Assert.Equal(text, HeartCommandNames.ToText(command));
        Assert.True(HeartCommandNames.TryParse(Encoding.UTF8.GetBytes(text), out HeartCommand parsed));
        Assert.Equal(command, parsed);
    }

    [Fact]
    public void disable_is_the_older_name_of_disable_hw()
    {
        Assert.True(HeartCommandNames.TryParse("disable"u8, out HeartCommand command));
        Assert.Equal(HeartCommand.DisableHardwareWatchdog, command);
    }

    [Theory]
    [InlineData("snooze\0")]
    [InlineData("snooze\n")]
    public void A_trailing_nul_or_line_end_is_tolerated(string text) =>
        Assert.True(HeartCommandNames.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("")]
    [InlineData("Snooze")]
    [InlineData("snooze_more")]
    [InlineData("guarded_reboot now")]
    public void Anything_else_is_not_a_command(string text) =>
        Assert.False(HeartCommandNames.TryParse(Encoding.UTF8.GetBytes(text), out _));
}
