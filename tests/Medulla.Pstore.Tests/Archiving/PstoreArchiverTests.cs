using Medulla.Linux;
using Medulla.Pstore.Tests.Support;

namespace Medulla.Pstore.Tests.Archiving;

public class PstoreArchiverTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 44, 44, TimeSpan.Zero);

    /// <summary>Real file operations, except that the named records fail to copy or to be removed.</summary>
    private sealed class FailingFiles(string? failCopyOf = null, string? failRemoveOf = null) : IRecordFiles
    {
        public void CopyDurably(PstoreRecord record, string temporary, string folder)
        {
            if (record.FileName == failCopyOf)
            {
                throw new IOException($"write {temporary}: No space left on device (errno 28)");
            }
            DurableRecordFiles.Instance.CopyDurably(record, temporary, folder);
        }

        public void SyncDirectory(string directory) => DurableRecordFiles.Instance.SyncDirectory(directory);

        public void Remove(PstoreRecord record)
        {
            if (record.FileName == failRemoveOf)
            {
                throw new UnauthorizedAccessException($"Access to the path '{record.FullPath}' is denied.");
            }
            DurableRecordFiles.Instance.Remove(record);
        }
    }

    private static PstoreArchiver Archiver(FakePstore pstore, string archive, int keep = 10, IRecordFiles? files = null, DateTimeOffset? now = null) =>
        new(pstore.Reader(), new PstoreArchiverOptions { ArchiveDirectory = archive, KeepBoots = keep }, files ?? DurableRecordFiles.Instance, null, new FixedTime(now ?? Now));

    private static string[] Folders(string archive) =>
        [.. Directory.EnumerateDirectories(archive).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Every_record_is_copied_unchanged_into_a_new_boot_folder_and_removed_from_pstore()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "pmsg line\n");
        pstore.Add("console-ramoops-0", "console line\n", "\nECC: 1 Corrected bytes, 0 unrecoverable blocks\n");
        pstore.AddCompressed("dmesg-ramoops-0.enc.z", "Panic#1 Part1\n");
        Dictionary<string, byte[]> before = pstore.Names().ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(pstore.Root, n)));
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.True(result.Succeeded);
        Assert.Equal(Path.Combine(archive, "000001-20261122T064444Z"), result.BootFolder);
        Assert.Equal(["pmsg-ramoops-0", "console-ramoops-0", "dmesg-ramoops-0.enc.z"], result.Archived.Select(a => a.Record.FileName));
        Assert.Empty(pstore.Names());
        foreach ((string name, byte[] bytes) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(result.BootFolder!, name)));
        }
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Directory.EnumerateFiles(result.BootFolder!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_pstore_makes_no_folder()
    {
        using var pstore = new FakePstore();
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.True(result.Succeeded);
        Assert.Null(result.BootFolder);
        Assert.Empty(result.Archived);
        Assert.False(Directory.Exists(archive));
    }

    [Fact]
    public void The_sequence_number_follows_the_largest_one_present_whatever_the_clock_says()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        string archive = Path.Combine(pstore.Scratch, "archive");
        Directory.CreateDirectory(Path.Combine(archive, "000007-20261121T100000Z"));
        Directory.CreateDirectory(Path.Combine(archive, "000041-20261122T050000Z"));
        Directory.CreateDirectory(Path.Combine(archive, "notes"));

        PstoreArchiveResult result = Archiver(pstore, archive, now: DateTimeOffset.UnixEpoch.AddSeconds(12)).Archive();

        Assert.Equal(Path.Combine(archive, "000042-19700101T000012Z"), result.BootFolder);
    }

    [Fact]
    public void Only_the_newest_boot_folders_are_kept_and_other_folders_are_left_alone()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        string archive = Path.Combine(pstore.Scratch, "archive");
        foreach (string name in new[] { "000001-20261101T000000Z", "000002-20261102T000000Z", "000003-19700101T000005Z", "000004-19700101T000007Z", "keep-me" })
        {
            Directory.CreateDirectory(Path.Combine(archive, name));
            File.WriteAllText(Path.Combine(archive, name, "pmsg-ramoops-0"), name);
        }

        PstoreArchiveResult result = Archiver(pstore, archive, keep: 3).Archive();

        Assert.Equal(["000003-19700101T000005Z", "000004-19700101T000007Z", "000005-20261122T064444Z", "keep-me"], Folders(archive));
        Assert.Equal([Path.Combine(archive, "000001-20261101T000000Z"), Path.Combine(archive, "000002-20261102T000000Z")], result.PrunedFolders);
    }

    [Fact]
    public void A_record_that_fails_to_copy_stays_in_pstore_and_the_others_are_archived()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        pstore.Add("console-ramoops-0", "y\n");
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive, files: new FailingFiles(failCopyOf: "console-ramoops-0")).Archive();

        Assert.False(result.Succeeded);
        FailedRecord failure = Assert.Single(result.Failed);
        Assert.Equal("console-ramoops-0", failure.Record.FileName);
        Assert.Contains("console-ramoops-0 not archived", failure.Reason);
        Assert.Contains("No space left on device", failure.Reason);
        Assert.Equal(["console-ramoops-0"], pstore.Names());
        Assert.Equal("pmsg-ramoops-0", Assert.Single(result.Archived).Record.FileName);
        Assert.False(File.Exists(Path.Combine(result.BootFolder!, "console-ramoops-0")));
    }

    [Fact]
    public void When_nothing_could_be_copied_no_folder_is_left()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive, files: new FailingFiles(failCopyOf: "pmsg-ramoops-0")).Archive();

        Assert.Null(result.BootFolder);
        Assert.Single(result.Failed);
        Assert.Empty(Folders(archive));
        Assert.Equal(["pmsg-ramoops-0"], pstore.Names());
    }

    [Fact]
    public void A_record_copied_but_not_removed_is_reported_and_its_copy_kept()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive, files: new FailingFiles(failRemoveOf: "pmsg-ramoops-0")).Archive();

        FailedRecord failure = Assert.Single(result.Failed);
        Assert.Contains("copied to", failure.Reason);
        Assert.Contains("not removed from pstore", failure.Reason);
        Assert.True(File.Exists(Path.Combine(result.BootFolder!, "pmsg-ramoops-0")));
        Assert.Equal(["pmsg-ramoops-0"], pstore.Names());
    }

    [Fact]
    public void When_no_boot_folder_can_be_made_every_record_fails_and_stays()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        pstore.Add("console-ramoops-0", "y\n");
        string archive = Path.Combine(pstore.Scratch, "a-file");
        File.WriteAllText(archive, "not a directory");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.Null(result.BootFolder);
        Assert.Equal(2, result.Failed.Count);
        Assert.All(result.Failed, f => Assert.Contains($"no boot folder could be made in {archive}", f.Reason));
        Assert.Equal(["console-ramoops-0", "pmsg-ramoops-0"], pstore.Names());
    }

    [Fact]
    public void No_temporary_files_are_left_in_the_boot_folder()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.Equal(["pmsg-ramoops-0"], Directory.EnumerateFileSystemEntries(result.BootFolder!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_record_named_like_a_temporary_file_is_not_overwritten_by_another_copy()
    {
        // The copy of "notes" used to be written as ".notes.tmp" in the boot folder, over the copy of the
        // record of that name made just before (names of the Unknown kind are copied in name order).
        using var pstore = new FakePstore();
        pstore.Add(".notes.tmp", "a record of its own\n");
        pstore.Add("notes", "notes\n");
        Dictionary<string, byte[]> before = pstore.Names().ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(pstore.Root, n)));
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Archived.Count);
        foreach ((string name, byte[] bytes) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(result.BootFolder!, name)));
        }
    }

    [Fact]
    public void Temporary_files_left_by_a_crash_are_removed_and_the_archive_holds_only_boot_folders()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        string archive = Path.Combine(pstore.Scratch, "archive");
        string staging = Path.Combine(archive, BootFolders.StagingFolder);
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "console-ramoops-0"), "half a copy from a boot that lost power");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.True(result.Succeeded);
        Assert.Equal(["000001-20261122T064444Z"], Directory.EnumerateFileSystemEntries(archive).Select(Path.GetFileName));
        Assert.Equal(["pmsg-ramoops-0"], Directory.EnumerateFileSystemEntries(result.BootFolder!).Select(Path.GetFileName));
    }

    [Fact]
    public void The_staging_folder_is_never_taken_for_a_boot_folder()
    {
        Assert.False(BootFolders.TryParseSequence(BootFolders.StagingFolder, out _));
    }

    [Fact]
    public void A_boot_folder_at_the_largest_sequence_number_stops_archiving_with_a_clear_reason()
    {
        // long.MaxValue + 1 wrapped to a negative number, whose folder name is not a boot folder: every
        // later boot made (and reused) that same folder.
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "x\n");
        string archive = Path.Combine(pstore.Scratch, "archive");
        string last = Path.Combine(archive, $"{long.MaxValue}-20261121T000000Z");
        Directory.CreateDirectory(last);

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.Null(result.BootFolder);
        FailedRecord failure = Assert.Single(result.Failed);
        Assert.Contains(last, failure.Reason);
        Assert.Contains("no sequence number is left", failure.Reason);
        Assert.Equal([Path.GetFileName(last)], Folders(archive));
        Assert.Equal(["pmsg-ramoops-0"], pstore.Names());
    }

    [Fact]
    public void A_record_whose_name_is_not_utf8_is_archived_under_the_same_bytes_and_not_confused_with_another()
    {
        // .NET decodes the name bytes "x-" 0xFF lossily to "x-\uFFFD", which is also the name of the
        // second file (UTF-8 EF BF BD). The old code copied and deleted that second file twice and called
        // both records "archived", while the 0xFF file stayed in pstore.
        using var pstore = new FakePstore();
        byte[] rawName = [.. "x-"u8, 0xFF];
        pstore.AddRawName(rawName, "raw name\n");
        pstore.Add("x-\uFFFD", "replacement character\n");
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.True(result.Succeeded, string.Join("; ", result.Failed.Select(f => f.Reason)));
        Assert.Equal(["x-\\xff", "x-\uFFFD"], result.Archived.Select(a => a.Record.FileName).Order(StringComparer.Ordinal));
        Assert.Empty(pstore.Names());
        Assert.Contains(DirectoryEntries.Read(result.BootFolder!), e => e.Name.AsSpan().SequenceEqual(rawName));
        var copies = new PstoreReader(result.BootFolder!);
        Assert.Equal(
            ["raw name\n", "replacement character\n"],
            copies.List().OrderBy(r => r.FileName, StringComparer.Ordinal).Select(r => copies.Read(r).Text));
    }

    [Fact]
    public void A_lone_record_whose_name_is_not_utf8_is_archived_not_skipped()
    {
        // The old code skipped it without a word ("deleted while listing"): nothing archived, nothing failed.
        using var pstore = new FakePstore();
        byte[] rawName = [.. "pmsg-ramoops-"u8, 0xC3, 0x28];
        pstore.AddRawName(rawName, "raw name\n");
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.True(result.Succeeded);
        ArchivedRecord archived = Assert.Single(result.Archived);
        Assert.Equal("pmsg-ramoops-\\xc3(", archived.Record.FileName);
        Assert.Equal(Path.Combine(result.BootFolder!, "pmsg-ramoops-\\xc3("), archived.ArchivePath);
        Assert.Empty(pstore.Names());
        Assert.Equal(rawName, Assert.Single(DirectoryEntries.Read(result.BootFolder!)).Name);
    }

    [Fact]
    public void An_archived_boot_folder_reads_like_pstore()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "last words\n");
        string archive = Path.Combine(pstore.Scratch, "archive");

        PstoreArchiveResult result = Archiver(pstore, archive).Archive();

        Assert.Equal("last words\n", new PstoreReader(result.BootFolder!).AvailableLog());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void KeepBoots_below_one_is_refused(int keep)
    {
        using var pstore = new FakePstore();

        var ex = Assert.Throws<ArgumentException>(() => Archiver(pstore, pstore.Scratch, keep));

        Assert.Contains("KeepBoots must be at least 1", ex.Message);
    }
}
