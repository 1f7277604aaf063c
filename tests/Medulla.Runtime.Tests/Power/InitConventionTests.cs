using Medulla.Heart;
using Medulla.Linux;
using Medulla.Runtime;

namespace Medulla.Runtime.Tests.Power;

public class InitConventionTests
{
    [Theory]
    [InlineData(PowerAction.Reboot, Signals.Terminate)]
    [InlineData(PowerAction.Poweroff, Signals.User2)]
    [InlineData(PowerAction.Halt, Signals.User1)]
    public void BusyBox_and_erlinit_take_a_signal_per_action(PowerAction action, int signal) =>
        Assert.Equal(signal, InitConvention.Signal(action));

    [Theory]
    [InlineData(PowerAction.Reboot, null, new[] { "reboot" })]
    [InlineData(PowerAction.Reboot, "recovery", new[] { "reboot", "--reboot-argument=recovery" })]
    [InlineData(PowerAction.Poweroff, "recovery", new[] { "poweroff" })]
    [InlineData(PowerAction.Halt, null, new[] { "halt" })]
    public void Systemd_is_asked_with_systemctl(PowerAction action, string? argument, string[] expected) =>
        Assert.Equal(expected, InitConvention.SystemctlArguments(action, argument));

    [Theory]
    [InlineData(PowerAction.Reboot, HeartCommand.GuardedReboot)]
    [InlineData(PowerAction.Poweroff, HeartCommand.GuardedPoweroff)]
    [InlineData(PowerAction.Halt, HeartCommand.GuardedHalt)]
    public void The_heart_gets_the_guarded_command_of_the_action(PowerAction action, HeartCommand command) =>
        Assert.Equal(command, InitConvention.GuardedCommand(action));

    [Theory]
    [InlineData(PowerAction.Reboot, "Restart")]
    [InlineData(PowerAction.Poweroff, "PowerOff")]
    [InlineData(PowerAction.Halt, "Halt")]
    public void The_last_resort_is_the_matching_reboot_2_command(PowerAction action, string command) =>
        Assert.Equal(Enum.Parse<RebootCommand>(command), InitConvention.KernelCommand(action));
}
