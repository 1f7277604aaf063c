using System.CommandLine;
using Medulla.Heart;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla heart status [KEY]</c>: the status report of the running medulla-heart, read from its
/// control socket (<c>--socket</c>, else MEDULLA_HEART_SOCKET, else /run/medulla-heart.sock).
/// </summary>
/// <remarks>
/// The report is the one GET_CMD returns, <c>key=value</c> lines (docs/heart.md lists the keys); with a
/// KEY only that value is printed, for scripts (<c>medulla heart status wdt_last_boot</c>). No heart
/// listening is one line on stderr and exit status 1.
/// </remarks>
internal static class HeartCommands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    internal static Command Create()
    {
        var socket = new Option<string>("--socket")
        {
            Description = $"The heart's control socket; default ${HeartEnvironment.ControlSocket}, else {HeartSettings.DefaultControlSocketPath}",
            HelpName = "PATH",
            Recursive = true,
        };
        return new Command("heart", "The medulla-heart daemon that reboots a hung app and pets the hardware watchdog")
        {
            socket,
            Status(socket),
        };
    }

    private static Command Status(Option<string> socketOption)
    {
        var key = new Argument<string?>("KEY")
        {
            Description = "Print only this key's value (e.g. wdt_last_boot, heartbeat_time_left)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("status", "The heart's status report: key=value lines (timers, watchdog identity, options, time left, last boot cause)")
        {
            key,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(socketOption) ?? HeartControlClient.SocketPathFromEnvironment();
            string report = await HeartControlClient.ReadStatusTextAsync(path, Timeout, cancellationToken).ConfigureAwait(false);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(key) is not { } wanted)
            {
                await output.WriteAsync(report).ConfigureAwait(false);
                return MedullaCli.Success;
            }
            if (!HeartStatus.Parse(report).Values.TryGetValue(wanted, out string? value))
            {
                return MedullaCli.Fail(parse.InvocationConfiguration.Error, $"the heart's status has no key '{wanted}'");
            }
            await output.WriteLineAsync(value).ConfigureAwait(false);
            return MedullaCli.Success;
        });
        return command;
    }
}
