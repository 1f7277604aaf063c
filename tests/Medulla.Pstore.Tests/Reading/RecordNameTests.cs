namespace Medulla.Pstore.Tests.Reading;

public class RecordNameTests
{
    [Theory]
    [InlineData("pmsg-ramoops-0", PstoreRecordKind.Pmsg, "pmsg", "ramoops", 0UL, false)]
    [InlineData("console-ramoops-0", PstoreRecordKind.Console, "console", "ramoops", 0UL, false)]
    [InlineData("dmesg-ramoops-12", PstoreRecordKind.Dmesg, "dmesg", "ramoops", 12UL, false)]
    [InlineData("ftrace-ramoops-3", PstoreRecordKind.Ftrace, "ftrace", "ramoops", 3UL, false)]
    [InlineData("dmesg-efi-167223456700001.enc.z", PstoreRecordKind.Dmesg, "dmesg", "efi", 167223456700001UL, true)]
    [InlineData("mce-erst-5", PstoreRecordKind.Unknown, "mce", "erst", 5UL, false)]
    [InlineData("powerpc-ofw-nvram-2", PstoreRecordKind.Unknown, "powerpc-ofw", "nvram", 2UL, false)]
    public void Kernel_names_give_kind_type_backend_id_and_compression(string name, PstoreRecordKind kind, string type, string backend, ulong id, bool compressed)
    {
        PstoreRecord record = PstoreRecordName.Parse("/sys/fs/pstore/" + name, 42);

        Assert.Equal(kind, record.Kind);
        Assert.Equal(type, record.TypeName);
        Assert.Equal(backend, record.Backend);
        Assert.Equal(id, record.Id);
        Assert.Equal(compressed, record.Compressed);
        Assert.Equal(name, record.FileName);
        Assert.Equal("/sys/fs/pstore/" + name, record.FullPath);
        Assert.Equal(42, record.Size);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("pmsg-ramoops-x")]
    [InlineData("pmsg-0")]
    [InlineData("-ramoops-1")]
    public void Names_pstore_would_not_make_are_unknown_without_an_id(string name)
    {
        PstoreRecord record = PstoreRecordName.Parse("/p/" + name, 0);

        Assert.Equal(PstoreRecordKind.Unknown, record.Kind);
        Assert.Null(record.Id);
        Assert.Equal(name, record.FileName);
    }
}
