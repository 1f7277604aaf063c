using System.CommandLine;
using System.Globalization;
using Medulla.Pstore;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla pstore list|dump|archive</c>: the records the previous boot left in pstore.
/// </summary>
/// <remarks>
/// Without <c>--root</c> the commands use /sys/fs/pstore and mount the pstore file system there when it
/// is not mounted yet. With <c>--root DIR</c> they read DIR as it is and never mount anything: DIR may
/// be a pstore mount elsewhere, a copy, or a boot folder of the archive.
/// </remarks>
internal static class PstoreCommands
{
    private static readonly string[] KindNames = ["pmsg", "console", "dmesg", "ftrace"];

    internal static Command Create()
    {
        var root = new Option<string>("--root")
        {
            Description = $"The pstore directory; default {PstoreReader.DefaultRoot}, mounted when needed. A directory given here is read as it is, never mounted",
            HelpName = "DIR",
            Recursive = true,
        };
        var command = new Command("pstore", "What the previous boot left in pstore: pmsg lines, kernel console, oops and panic dumps")
        {
            root,
            List(root),
            Dump(root),
            Archive(root),
        };
        return command;
    }

    private static Command List(Option<string> root)
    {
        var command = new Command("list", "One line per record: kind, file name, size in bytes (an empty pstore is said so on stderr)");
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            PstoreReader reader = OpenReader(parse, root);
            IReadOnlyList<PstoreRecord> records = reader.List();
            if (records.Count == 0)
            {
                // On stderr: stdout stays one line per record, so a script reading it sees no record.
                parse.InvocationConfiguration.Error.WriteLine($"pstore is empty: no records in {reader.Root}");
            }
            foreach (PstoreRecord record in records)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{KindName(record.Kind)} {record.FileName} {record.Size}"));
            }
            return MedullaCli.Success;
        });
        return command;
    }

    private static Command Dump(Option<string> root)
    {
        var kind = new Argument<string?>("KIND")
        {
            Description = "Only records of this kind: pmsg, console, dmesg or ftrace (default: all)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        kind.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null && !TryParseKind(value, out _))
            {
                result.AddError($"unknown kind '{value}'; expected one of {string.Join(", ", KindNames)}");
            }
        });
        var command = new Command("dump", "The records' text without the ECC status line, each after a '==> FILE <==' line; dmesg parts in reading order")
        {
            kind,
        };
        command.SetAction(parse =>
        {
            PstoreRecordKind? only = parse.GetValue(kind) is { } name && TryParseKind(name, out PstoreRecordKind k) ? k : null;
            int failures = OpenReader(parse, root).Dump(parse.InvocationConfiguration.Output, only);
            if (failures > 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"medulla: {failures} record(s) could not be shown; their header lines say why");
                return MedullaCli.Failure;
            }
            return MedullaCli.Success;
        });
        return command;
    }

    private static Command Archive(Option<string> root)
    {
        var to = new Option<string>("--to")
        {
            Description = "The archive directory; each run with records makes one boot folder in it",
            HelpName = "DIR",
            Required = true,
        };
        var keep = new Option<int>("--keep")
        {
            Description = "How many boot folders to keep, the newest",
            HelpName = "N",
            DefaultValueFactory = _ => PstoreArchiverOptions.DefaultKeepBoots,
        };
        keep.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--keep must be at least 1");
            }
        });
        var command = new Command("archive", "Copy every record into a new boot folder (atomically, fsynced), then delete it from pstore; keep the newest N folders")
        {
            to,
            keep,
        };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            var archiver = new PstoreArchiver(OpenReader(parse, root), new PstoreArchiverOptions
            {
                ArchiveDirectory = parse.GetRequiredValue(to),
                KeepBoots = parse.GetValue(keep),
            });
            PstoreArchiveResult result = archiver.Archive();
            if (result.Archived.Count == 0 && result.Failed.Count == 0)
            {
                output.WriteLine("pstore is empty: nothing to archive");
            }
            foreach (ArchivedRecord archived in result.Archived)
            {
                output.WriteLine($"archived {archived.Record.FileName} -> {archived.ArchivePath}");
            }
            foreach (string folder in result.PrunedFolders)
            {
                output.WriteLine($"removed old boot folder {folder}");
            }
            foreach (FailedRecord failed in result.Failed)
            {
                error.WriteLine($"medulla: {failed.Reason}");
            }
            return result.Succeeded ? MedullaCli.Success : MedullaCli.Failure;
        });
        return command;
    }

    private static PstoreReader OpenReader(ParseResult parse, Option<string> rootOption)
    {
        string? root = parse.GetValue(rootOption);
        if (root is null)
        {
            var reader = new PstoreReader();
            reader.EnsureMounted();
            return reader;
        }
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: no such directory");
        }
        return new PstoreReader(root);
    }

    private static string KindName(PstoreRecordKind kind) => kind switch
    {
        PstoreRecordKind.Pmsg => "pmsg",
        PstoreRecordKind.Console => "console",
        PstoreRecordKind.Dmesg => "dmesg",
        PstoreRecordKind.Ftrace => "ftrace",
        _ => "unknown",
    };

    private static bool TryParseKind(string text, out PstoreRecordKind kind)
    {
        kind = text.ToLowerInvariant() switch
        {
            "pmsg" => PstoreRecordKind.Pmsg,
            "console" => PstoreRecordKind.Console,
            "dmesg" => PstoreRecordKind.Dmesg,
            "ftrace" => PstoreRecordKind.Ftrace,
            _ => PstoreRecordKind.Unknown,
        };
        return kind != PstoreRecordKind.Unknown;
    }
}
