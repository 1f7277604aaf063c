using System.CommandLine;
using System.Text;
using Medulla.Cli.Firmware;
using Medulla.Firmware;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla fw printenv</c> and <c>medulla fw setenv</c>: the environment's variables, read and written
/// as fw_printenv and fw_setenv do (same output, same copy choice and flags, same lock).
/// </summary>
internal static class FirmwareEnvCommands
{
    internal static Command PrintEnv(Option<string> config)
    {
        var names = new Argument<string[]>("NAME")
        {
            Description = "Only these variables, in this order (default: all, sorted by name as fw_printenv sorts them)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("printenv", "Print variables as name=value lines; a NAME that is not set is an error (the others are still printed)")
        {
            names,
        };
        FirmwareCommands.SetAction(command, config, (parse, access) =>
        {
            if (FirmwareCommands.MistypedOption(parse, parse.GetValue(names) ?? []) is { } mistyped)
            {
                return FirmwareCommands.FailMistypedOption(parse, mistyped);
            }
            UBootEnvSnapshot snapshot = access.Environment().Read();
            FirmwareCommands.WriteWarnings(parse, snapshot.Warnings);
            string[] wanted = parse.GetValue(names) ?? [];
            // The bytes as stored, as fw_printenv prints them, whether or not they are UTF-8.
            var lines = new MemoryStream();
            var missing = new List<string>();
            if (wanted.Length == 0)
            {
                foreach (EnvEntry entry in snapshot.Entries)
                {
                    WriteLine(lines, entry);
                }
            }
            foreach (string name in wanted)
            {
                byte[] nameBytes = Encoding.UTF8.GetBytes(name);
                if (snapshot.Entries.FirstOrDefault(e => e.NameBytes.Span.SequenceEqual(nameBytes)) is { } entry)
                {
                    WriteLine(lines, entry);
                }
                else
                {
                    missing.Add(name);
                }
            }
            RawOutput.Write(parse.InvocationConfiguration.Output, lines.GetBuffer().AsSpan(0, (int)lines.Length));
            return missing.Count switch
            {
                0 => MedullaCli.Success,
                1 => MedullaCli.Fail(parse.InvocationConfiguration.Error, $"no variable '{missing[0]}' in the environment"),
                _ => MedullaCli.Fail(parse.InvocationConfiguration.Error, $"no variables {string.Join(", ", missing.Select(m => $"'{m}'"))} in the environment"),
            };
        });
        return command;
    }

    internal static Command SetEnv(Option<string> config, TextReader stdin)
    {
        var name = new Argument<string?>("NAME")
        {
            Description = "The variable to set or delete",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var value = new Argument<string?>("VALUE")
        {
            Description = "Its value, one argument (quote spaces; an empty argument sets an empty value). Without VALUE the variable is deleted. Put '--' before NAME when NAME or VALUE starts with '-'",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var script = new Option<string>("--script", "-s")
        {
            Description = "Apply every change in FILE ('-' for stdin) in one write: 'name=value' or 'name value' lines, an empty value deletes, '#' lines are comments (docs/firmware.md)",
            HelpName = "FILE",
        };
        var command = new Command("setenv", "Set a variable, delete it, or apply a script; one environment write, to the copy that is not current (power-cut safe with a redundant pair)")
        {
            name,
            value,
            script,
        };
        command.Validators.Add(result =>
        {
            bool hasScript = result.GetResult(script) is not null;
            bool hasName = result.GetValue(name) is not null;
            if (hasScript && hasName)
            {
                result.AddError("give either NAME [VALUE] or -s FILE, not both");
            }
            else if (!hasScript && !hasName)
            {
                result.AddError("expected NAME [VALUE] or -s FILE");
            }
        });
        FirmwareCommands.SetAction(command, config, (parse, access) =>
        {
            if (parse.GetValue(name) is { } given && FirmwareCommands.MistypedOption(parse, [given]) is { } mistyped)
            {
                return FirmwareCommands.FailMistypedOption(parse, mistyped);
            }
            // The script is read and checked before the environment is touched: a bad line writes nothing.
            IReadOnlyDictionary<string, string?> changes = parse.GetValue(script) is { } path
                ? ReadScript(path, stdin)
                : new Dictionary<string, string?>(StringComparer.Ordinal) { [parse.GetRequiredValue(name)!] = parse.GetValue(value) };
            UBootEnvSnapshot snapshot = access.Environment().Update(changes);
            FirmwareCommands.WriteWarnings(parse, snapshot.Warnings);
            return MedullaCli.Success;
        });
        return command;
    }

    private static Dictionary<string, string?> ReadScript(string path, TextReader stdin)
    {
        if (path == "-")
        {
            return SetenvScript.Parse(stdin, "stdin");
        }
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return SetenvScript.Parse(reader, path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: no such file (the script given with -s)", path, ex);
        }
    }

    private static void WriteLine(Stream lines, EnvEntry entry)
    {
        lines.Write(entry.NameBytes.Span);
        lines.WriteByte((byte)'=');
        lines.Write(entry.ValueBytes.Span);
        lines.WriteByte((byte)'\n');
    }
}
