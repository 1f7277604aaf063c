namespace Medulla.Cli.Tests;

public class PstoreCommandTests
{
    private static FakeTree Sample() => new FakeTree()
        .With("pmsg-ramoops-0", "2026-11-22T06:44:44.123456Z warning DeviceApp.Device: disk almost full\n")
        .With("console-ramoops-0", "[    0.000000] Linux version 6.1\n")
        .With("dmesg-ramoops-0", "Panic#1 Part1\nKernel panic - not syncing\n")
        .With("dmesg-ramoops-1", "Panic#1 Part2\n[   12.000000] Oops: 0002\n");

    [Fact]
    public void List_prints_kind_name_and_size_per_record()
    {
        using FakeTree tree = Sample();

        CliRun run = CliRun.InProcess("pstore", "list", "--root", tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(
        [
            $"pmsg pmsg-ramoops-0 {Size(tree, "pmsg-ramoops-0")}",
            $"console console-ramoops-0 {Size(tree, "console-ramoops-0")}",
            $"dmesg dmesg-ramoops-0 {Size(tree, "dmesg-ramoops-0")}",
            $"dmesg dmesg-ramoops-1 {Size(tree, "dmesg-ramoops-1")}",
        ], run.StdoutLines);
    }

    [Fact]
    public void List_of_an_empty_pstore_says_so_on_stderr_and_prints_no_record_line()
    {
        // stdout stays one line per record, so a script reading it sees no record.
        using var tree = new FakeTree();

        CliRun run = CliRun.InProcess("pstore", "list", "--root", tree.Root);

        Assert.Equal((0, "", $"pstore is empty: no records in {tree.Root}\n"), (run.ExitCode, run.Stdout, run.Stderr.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void Dump_prints_every_record_without_the_ecc_line_and_dmesg_in_reading_order()
    {
        using FakeTree tree = Sample();

        CliRun run = CliRun.InProcess("pstore", "dump", "--root", tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "==> pmsg-ramoops-0 <==\n2026-11-22T06:44:44.123456Z warning DeviceApp.Device: disk almost full\n" +
            "==> console-ramoops-0 <==\n[    0.000000] Linux version 6.1\n" +
            "==> dmesg-ramoops-1 <==\nPanic#1 Part2\n[   12.000000] Oops: 0002\n" +
            "==> dmesg-ramoops-0 <==\nPanic#1 Part1\nKernel panic - not syncing\n",
            run.Stdout.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("ECC:", run.Stdout);
    }

    [Theory]
    [InlineData("pmsg", "==> pmsg-ramoops-0 <==")]
    [InlineData("CONSOLE", "==> console-ramoops-0 <==")]
    public void Dump_of_one_kind_prints_only_its_records(string kind, string header)
    {
        using FakeTree tree = Sample();

        CliRun run = CliRun.InProcess("pstore", "dump", kind, "--root", tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(header, run.StdoutLines[0]);
        Assert.Single(run.StdoutLines, l => l.StartsWith("==>", StringComparison.Ordinal));
    }

    [Fact]
    public void Dump_of_an_unknown_kind_is_a_usage_error_on_one_line()
    {
        using FakeTree tree = Sample();

        CliRun run = CliRun.InProcess("pstore", "dump", "syslog", "--root", tree.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("medulla: unknown kind 'syslog'; expected one of pmsg, console, dmesg, ftrace (see medulla --help)\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Dump_of_a_record_too_large_to_show_names_it_and_exits_1()
    {
        using FakeTree tree = Sample();
        using (var huge = new FileStream(Path.Combine(tree.Root, "console-ramoops-1"), FileMode.CreateNew, FileAccess.Write))
        {
            huge.SetLength(1_100_000_000);
        }

        CliRun run = CliRun.InProcess("pstore", "dump", "console", "--root", tree.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("==> console-ramoops-0 <==", run.StdoutLines[0]);
        Assert.StartsWith("==> console-ramoops-1 (unreadable: ", run.StdoutLines[2]);
        Assert.Contains("1100000000 bytes", run.StdoutLines[2]);
        Assert.Equal("medulla: 1 record(s) could not be shown; their header lines say why\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Archive_moves_the_records_into_a_boot_folder_and_prints_them()
    {
        using FakeTree tree = Sample();

        CliRun run = CliRun.InProcess("pstore", "archive", "--to", tree.Archive, "--root", tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        string folder = Assert.Single(Directory.GetDirectories(tree.Archive));
        Assert.Matches(@"^\d{6}-\d{8}T\d{6}Z$", Path.GetFileName(folder));
        Assert.Equal(
        [
            $"archived pmsg-ramoops-0 -> {Path.Combine(folder, "pmsg-ramoops-0")}",
            $"archived console-ramoops-0 -> {Path.Combine(folder, "console-ramoops-0")}",
            $"archived dmesg-ramoops-0 -> {Path.Combine(folder, "dmesg-ramoops-0")}",
            $"archived dmesg-ramoops-1 -> {Path.Combine(folder, "dmesg-ramoops-1")}",
        ], run.StdoutLines);
        Assert.Empty(tree.Records());
    }

    [Fact]
    public void Archive_keeps_the_newest_boot_folders()
    {
        using FakeTree tree = Sample();
        Directory.CreateDirectory(Path.Combine(tree.Archive, "000001-19700101T000001Z"));
        Directory.CreateDirectory(Path.Combine(tree.Archive, "000002-19700101T000002Z"));

        CliRun run = CliRun.InProcess("pstore", "archive", "--to", tree.Archive, "--keep", "2", "--root", tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"removed old boot folder {Path.Combine(tree.Archive, "000001-19700101T000001Z")}", run.StdoutLines);
        Assert.Equal(2, Directory.GetDirectories(tree.Archive).Length);
    }

    [Fact]
    public void Archive_of_an_empty_pstore_says_so_and_makes_nothing()
    {
        using var tree = new FakeTree();

        CliRun run = CliRun.InProcess("pstore", "archive", "--to", tree.Archive, "--root", tree.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["pstore is empty: nothing to archive"], run.StdoutLines);
        Assert.False(Directory.Exists(tree.Archive));
    }

    [Fact]
    public void Archive_that_cannot_copy_fails_and_keeps_the_records()
    {
        using FakeTree tree = Sample();
        File.WriteAllText(tree.Archive, "a file where the archive directory should be");

        CliRun run = CliRun.InProcess("pstore", "archive", "--to", tree.Archive, "--root", tree.Root);

        Assert.Equal(1, run.ExitCode);
        string[] errors = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, errors.Length);
        Assert.All(errors, e => Assert.StartsWith("medulla: ", e));
        Assert.Equal(4, tree.Records().Length);
    }

    [Theory]
    [InlineData("pstore", "archive", "--root", "/tmp")]
    [InlineData("pstore", "archive", "--to", "/tmp/x", "--keep", "0", "--root", "/tmp")]
    [InlineData("pstore", "frobnicate")]
    [InlineData("pstore")]
    [InlineData]
    public void Usage_errors_exit_2_with_one_line_on_stderr(params string[] args)
    {
        CliRun run = CliRun.InProcess(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("medulla: ", run.StderrLine);
    }

    [Fact]
    public void A_missing_root_exits_1_with_one_line_on_stderr()
    {
        using var tree = new FakeTree();
        string missing = Path.Combine(tree.Path, "none");

        CliRun run = CliRun.InProcess("pstore", "list", "--root", missing);

        Assert.Equal((1, "", $"medulla: {missing}: no such directory\n"), (run.ExitCode, run.Stdout, run.Stderr.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void The_executable_reports_success_and_failure_through_its_exit_status()
    {
        using FakeTree tree = Sample();

        CliRun ok = CliRun.AsProcess("pstore", "dump", "pmsg", "--root", tree.Root);
        CliRun missing = CliRun.AsProcess("pstore", "list", "--root", Path.Combine(tree.Path, "none"));

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("disk almost full", ok.Stdout);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("", missing.Stdout);
        Assert.StartsWith("medulla: ", missing.Stderr);
    }

    private static long Size(FakeTree tree, string name) => new FileInfo(Path.Combine(tree.Root, name)).Length;
}
