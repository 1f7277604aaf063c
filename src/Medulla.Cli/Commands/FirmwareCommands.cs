using System.CommandLine;
using System.CommandLine.Parsing;
using Medulla.Cli.Firmware;
using Medulla.Firmware;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla fw ...</c>: the U-Boot environment (<c>printenv</c>, <c>setenv</c>, as fw_printenv and
/// fw_setenv) and the A/B firmware slots it describes (<c>status</c>, <c>validate</c>, <c>revert</c>,
/// <c>prevent-revert</c>).
/// </summary>
/// <remarks>
/// Every command finds the environment through fw_env.config (<c>-c CONFIG</c>, default
/// /etc/fw_env.config) and takes the lock fw_printenv and fw_setenv take. What the library refuses (a
/// config error with its line, no valid copy, a variable that cannot be stored, a revert without a
/// firmware to revert to) is one line on stderr and exit status 1.
/// </remarks>
internal static class FirmwareCommands
{
    internal static Command Create(TextReader stdin)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "The fw_env.config that says where the environment is (one line per copy)",
            HelpName = "CONFIG",
            DefaultValueFactory = _ => FwEnvConfig.DefaultPath,
            Recursive = true,
        };
        return new Command("fw", "The U-Boot environment and the A/B firmware slots it describes (Nerves conventions), compatible with fw_printenv and fw_setenv")
        {
            config,
            FirmwareEnvCommands.PrintEnv(config),
            FirmwareEnvCommands.SetEnv(config, stdin),
            FirmwareSlotCommands.Status(config),
            FirmwareSlotCommands.Validate(config),
            FirmwareSlotCommands.Revert(config),
            FirmwareSlotCommands.PreventRevert(config),
        };
    }

    /// <summary>
    /// Sets the command's action, with the firmware library's refusals turned into one line on stderr and
    /// exit status 1 (I/O and argument errors are MedullaCli's).
    /// </summary>
    internal static void SetAction(Command command, Option<string> config, Func<ParseResult, FirmwareAccess, int> action)
    {
        command.SetAction(parse =>
        {
            try
            {
                return action(parse, new FirmwareAccess(parse.GetRequiredValue(config)));
            }
            catch (Exception ex) when (ex is FormatException or KvUnavailableException or FirmwareSlotException)
            {
                // FormatException: fw_env.config (FwEnvConfigException) or the setenv script, with file and line.
                return MedullaCli.Fail(parse.InvocationConfiguration.Error, MedullaCli.MessageOf(ex));
            }
        });
    }

    /// <summary>
    /// The first of <paramref name="names"/> that looks like an option (a mistyped <c>--config</c>,
    /// say) and was not put after <c>--</c>; the parser binds such a token to the NAME argument, and
    /// "no variable '--confg'" would hide the typo.
    /// </summary>
    internal static string? MistypedOption(ParseResult parse, IEnumerable<string> names)
    {
        HashSet<string> suspects = [.. names.Where(n => n.Length > 1 && n[0] == '-')];
        foreach (Token token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                return null;
            }
            if (suspects.Contains(token.Value))
            {
                return token.Value;
            }
        }
        return null;
    }

    /// <summary>The error for <see cref="MistypedOption"/>.</summary>
    internal static int FailMistypedOption(ParseResult parse, string token) =>
        MedullaCli.Fail(parse.InvocationConfiguration.Error,
            $"unknown option '{token}' (a variable whose name starts with '-' goes after '--')", MedullaCli.UsageError);

    /// <summary>Problems that did not stop the command (a corrupt redundant copy, skipped entries), one line each on stderr.</summary>
    internal static void WriteWarnings(ParseResult parse, IReadOnlyList<string> warnings)
    {
        foreach (string warning in warnings)
        {
            parse.InvocationConfiguration.Error.WriteLine("medulla: warning: " + warning.ReplaceLineEndings(" "));
        }
    }
}
