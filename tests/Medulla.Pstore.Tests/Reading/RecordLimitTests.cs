using Medulla.Pstore.Tests.Support;

namespace Medulla.Pstore.Tests.Reading;

/// <summary>
/// Records larger than any pstore backend makes, and names that are not UTF-8. The large files are
/// sparse (SetLength on an empty file), so they take no disk space and are never read whole.
/// </summary>
public class RecordLimitTests
{
    private static string AddSparse(FakePstore pstore, string name, long length)
    {
        string path = Path.Combine(pstore.Root, name);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.SetLength(length);
        return path;
    }

    [Fact]
    public void A_record_larger_than_the_limit_is_refused_with_its_size_and_the_limit()
    {
        using var pstore = new FakePstore();
        string path = AddSparse(pstore, "console-ramoops-0", PstoreReader.MaxRecordSize + 1);
        PstoreReader reader = pstore.Reader();

        var ex = Assert.Throws<IOException>(() => reader.Read(Assert.Single(reader.List())));

        Assert.Contains(path, ex.Message);
        Assert.Contains($"{PstoreReader.MaxRecordSize + 1} bytes", ex.Message);
        Assert.Contains($"{PstoreReader.MaxRecordSize} bytes", ex.Message);
    }

    [Fact]
    public void A_record_at_the_limit_is_read()
    {
        using var pstore = new FakePstore();
        AddSparse(pstore, "console-ramoops-0", PstoreReader.MaxRecordSize);
        PstoreReader reader = pstore.Reader();

        Assert.Equal(PstoreReader.MaxRecordSize, reader.Read(Assert.Single(reader.List())).Bytes.Length);
    }

    [Fact]
    public void Dumping_a_record_of_more_than_a_gigabyte_names_it_and_shows_the_others()
    {
        // Read whole and decoded into one string, 1.1 GB of text aborted the process (OutOfMemoryException).
        using var pstore = new FakePstore();
        AddSparse(pstore, "console-ramoops-0", 1_100_000_000);
        pstore.Add("pmsg-ramoops-0", "still shown\n");
        var output = new StringWriter();

        int failures = pstore.Reader().Dump(output);

        Assert.Equal(1, failures);
        string[] lines = output.ToString().Split('\n');
        Assert.Equal(["==> pmsg-ramoops-0 <==", "still shown"], lines[..2]);
        Assert.StartsWith("==> console-ramoops-0 (unreadable: ", lines[2]);
        Assert.Contains("1100000000 bytes", lines[2]);
    }

    [Fact]
    public void The_text_of_all_records_as_one_string_is_limited_too()
    {
        using var pstore = new FakePstore();
        AddSparse(pstore, "pmsg-ramoops-0", PstoreReader.MaxRecordSize);
        AddSparse(pstore, "pmsg-ramoops-1", 1);
        PstoreReader reader = pstore.Reader();

        var log = Assert.Throws<IOException>(() => reader.AvailableLog());
        var dump = Assert.Throws<IOException>(() => reader.Dump());

        Assert.Contains($"more than {PstoreReader.MaxRecordSize} bytes", log.Message);
        Assert.Contains(pstore.Root, log.Message);
        Assert.Contains($"more than {PstoreReader.MaxRecordSize} bytes", dump.Message);
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_listed_with_the_bytes_escaped_and_read_by_its_bytes()
    {
        // Decoded lossily, "x-" 0xFF became "x-\uFFFD", the name of the other file: reading it read that one.
        using var pstore = new FakePstore();
        pstore.AddRawName([.. "x-"u8, 0xFF], "raw name\n");
        pstore.Add("x-\uFFFD", "replacement character\n");
        PstoreReader reader = pstore.Reader();

        IReadOnlyList<PstoreRecord> records = reader.List();

        Assert.Equal(["x-\\xff", "x-\uFFFD"], records.Select(r => r.FileName).Order(StringComparer.Ordinal));
        PstoreRecord raw = records.Single(r => r.FileName == "x-\\xff");
        Assert.Equal(Path.Combine(pstore.Root, "x-\\xff"), raw.FullPath);
        Assert.Equal("raw name\n".Length, raw.Size);
        Assert.Equal("raw name\n", reader.Read(raw).Text);
        Assert.Equal("replacement character\n", reader.Read(records.Single(r => r.FileName == "x-\uFFFD")).Text);
    }
}
