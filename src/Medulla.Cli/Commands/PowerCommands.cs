using System.CommandLine;
using Medulla.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla reboot|poweroff|halt [--param TEXT]</c>: asks PID 1 to reboot, power off or halt by its own
/// convention (SIGTERM, SIGUSR2, SIGUSR1 for BusyBox init and erlinit; <c>systemctl</c> for systemd), told
/// from PID 1 itself (/proc/1/comm and /proc/1/exe). The reboot argument is written to /run/reboot-param first.
/// </summary>
/// <remarks>
/// Unlike an app's <c>DevicePower</c>, the command stops nothing itself and has no reboot(2) fallback:
/// init's shutdown is the orderly path, and a shell user who wants it at once has the kernel's tools.
/// It prints one line saying what it did.
/// </remarks>
internal static class PowerCommands
{
    internal static Command Reboot() => Create("reboot", PowerAction.Reboot, "Reboot the device: ask PID 1 by its convention (SIGTERM for BusyBox init and erlinit, systemctl reboot for systemd)");

    internal static Command Poweroff() => Create("poweroff", PowerAction.Poweroff, "Power the device off: ask PID 1 by its convention (SIGUSR2 for BusyBox init and erlinit, systemctl poweroff for systemd)");

    internal static Command Halt() => Create("halt", PowerAction.Halt, "Halt the device: ask PID 1 by its convention (SIGUSR1 for BusyBox init and erlinit, systemctl halt for systemd)");

    private static Command Create(string name, PowerAction action, string description)
    {
        var param = new Option<string?>("--param")
        {
            Description = $"The reboot argument, written to {RebootParam.DefaultPath} for init (e.g. a boot loader's 'recovery')",
            HelpName = "TEXT",
        };
        var command = new Command(name, description) { param };
        command.SetAction(parse =>
        {
            string? argument = parse.GetValue(param);
            RebootParam.Write(RebootParam.DefaultPath, argument);
            Medulla.Linux.SystemPower.Sync();
            try
            {
                string done = InitPowerRequest.Send(action, argument, InitProcess.ReadPidOne(), "systemctl", NullLogger.Instance);
                parse.InvocationConfiguration.Output.WriteLine(done);
                parse.InvocationConfiguration.Output.Flush();
                return MedullaCli.Success;
            }
            catch (PowerRefusedException ex)
            {
                return MedullaCli.Fail(parse.InvocationConfiguration.Error, ex.Message);
            }
        });
        return command;
    }
}
