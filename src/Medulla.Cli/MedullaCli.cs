using System.CommandLine;
using Medulla.Cli.Commands;

namespace Medulla.Cli;

/// <summary>
/// The <c>medulla</c> command line: one command group per concern (<c>pstore</c>, <c>fw</c>,
/// <c>heart</c>, <c>uevent</c>, <c>devices</c>, <c>kmsg</c>, <c>syslog</c>, <c>data</c>, <c>serial</c>, <c>reboot</c>, <c>poweroff</c>, <c>halt</c>), each built in its own file under Commands/ and added in <see cref="CreateRootCommand"/>.
/// </summary>
/// <remarks>
/// Exit status: 0 on success, 1 when the work failed (missing directory, permission, a record not
/// archived, a bad fw_env.config, no valid environment, a refused revert), 2 for a usage error (unknown
/// command, option or kind, a missing argument). Every failure is one line on stderr, "medulla: ...", so
/// scripts and init systems log something readable.
/// </remarks>
internal static class MedullaCli
{
    internal const int Success = 0;
    internal const int Failure = 1;
    internal const int UsageError = 2;

    /// <summary>
    /// Response files (<c>@file</c> arguments) are off: an argument is taken as typed, so a variable's value
    /// may start with '@'.
    /// </summary>
    private static readonly ParserConfiguration Parser = new() { ResponseFileTokenReplacer = null };

    internal static RootCommand CreateRootCommand(TextReader stdin) =>
        new("Medulla: runtime tools for a .NET application that is the main program of an embedded Linux device.")
        {
            PstoreCommands.Create(),
            FirmwareCommands.Create(stdin),
            HeartCommands.Create(),
            DeviceCommands.Uevent(),
            DeviceCommands.Devices(),
            SystemLogCommands.Kmsg(),
            SystemLogCommands.Syslog(),
            DataCommands.Create(),
            SerialCommands.Create(),
            PowerCommands.Reboot(),
            PowerCommands.Poweroff(),
            PowerCommands.Halt(),
        };

    /// <summary>Parses and runs a command line with the given streams; returns the exit status.</summary>
    internal static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ParseResult parse = CreateRootCommand(stdin).Parse(args, Parser);
        if (parse.Errors.Count > 0)
        {
            return Fail(stderr, $"{parse.Errors[0].Message} (see medulla --help)", UsageError);
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Fail(stderr, MessageOf(ex));
        }
    }

    /// <summary>Writes <c>medulla: MESSAGE</c> as one line (line breaks in the message become spaces) and returns <paramref name="status"/>.</summary>
    internal static int Fail(TextWriter stderr, string message, int status = Failure)
    {
        stderr.WriteLine("medulla: " + message.ReplaceLineEndings(" "));
        return status;
    }

    /// <summary>
    /// An exception's message for a person: an <see cref="ArgumentException"/>'s without the
    /// " (Parameter 'name')" that .NET appends, which names a C# parameter the user never saw.
    /// </summary>
    internal static string MessageOf(Exception ex)
    {
        string message = ex.Message;
        if (ex is ArgumentException { ParamName: { } name })
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }
        return message;
    }
}
