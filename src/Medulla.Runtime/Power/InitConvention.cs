using Medulla.Heart;
using Medulla.Linux;

namespace Medulla.Runtime;

/// <summary>How each init is asked to reboot, power off or halt, and the matching kernel and heart commands.</summary>
internal static class InitConvention
{
    /// <summary>
    /// The signal BusyBox init and erlinit take for <paramref name="action"/> (SIGTERM, SIGUSR2, SIGUSR1);
    /// used for an unknown init too.
    /// </summary>
    public static int Signal(PowerAction action) => action switch
    {
        PowerAction.Reboot => Signals.Terminate,
        PowerAction.Poweroff => Signals.User2,
        PowerAction.Halt => Signals.User1,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown power action"),
    };

    /// <summary>
    /// systemctl's arguments for <paramref name="action"/>; the reboot argument goes with a reboot only
    /// (<c>--reboot-argument</c>, which systemd hands to reboot(2)).
    /// </summary>
    public static IReadOnlyList<string> SystemctlArguments(PowerAction action, string? argument) => action switch
    {
        PowerAction.Reboot when !string.IsNullOrEmpty(argument) => ["reboot", "--reboot-argument=" + argument],
        PowerAction.Reboot => ["reboot"],
        PowerAction.Poweroff => ["poweroff"],
        PowerAction.Halt => ["halt"],
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown power action"),
    };

    /// <summary>The heart command that signals init for <paramref name="action"/> once it stopped petting.</summary>
    public static HeartCommand GuardedCommand(PowerAction action) => action switch
    {
        PowerAction.Reboot => HeartCommand.GuardedReboot,
        PowerAction.Poweroff => HeartCommand.GuardedPoweroff,
        PowerAction.Halt => HeartCommand.GuardedHalt,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown power action"),
    };

    /// <summary>The reboot(2) command of the last resort.</summary>
    public static RebootCommand KernelCommand(PowerAction action) => action switch
    {
        PowerAction.Reboot => RebootCommand.Restart,
        PowerAction.Poweroff => RebootCommand.PowerOff,
        PowerAction.Halt => RebootCommand.Halt,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown power action"),
    };

    /// <summary>"reboot", "power-off", "halt", for log lines.</summary>
    public static string Verb(PowerAction action) => action switch
    {
        PowerAction.Reboot => "reboot",
        PowerAction.Poweroff => "power-off",
        PowerAction.Halt => "halt",
        _ => action.ToString(),
    };
}
