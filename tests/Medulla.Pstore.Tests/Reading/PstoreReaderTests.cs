using System.Text;
using Medulla.Linux;
using Medulla.Pstore.Tests.Support;

namespace Medulla.Pstore.Tests.Reading;

public class PstoreReaderTests
{
    [Fact]
    public void Records_are_listed_by_kind_then_numeric_id()
    {
        using var pstore = new FakePstore();
        pstore.Add("dmesg-ramoops-10", "Panic#1 Part1\n");
        pstore.Add("dmesg-ramoops-2", "Panic#1 Part2\n");
        pstore.Add("console-ramoops-0", "console\n");
        pstore.Add("pmsg-ramoops-0", "pmsg\n");
        pstore.Add("ftrace-ramoops-0", "trace\n");
        pstore.Add("mce-erst-1", "mce\n");

        IReadOnlyList<PstoreRecord> records = pstore.Reader().List();

        Assert.Equal(
            ["pmsg-ramoops-0", "console-ramoops-0", "dmesg-ramoops-2", "dmesg-ramoops-10", "ftrace-ramoops-0", "mce-erst-1"],
            records.Select(r => r.FileName));
        Assert.Equal(new FileInfo(Path.Combine(pstore.Root, "pmsg-ramoops-0")).Length, records[0].Size);
        Assert.Equal(Path.Combine(pstore.Root, "pmsg-ramoops-0"), records[0].FullPath);
    }

    [Fact]
    public void Sub_directories_are_skipped_and_odd_names_and_empty_files_are_listed()
    {
        using var pstore = new FakePstore();
        Directory.CreateDirectory(Path.Combine(pstore.Root, "dmesg-ramoops-7"));
        pstore.AddBytes("whatever", []);
        pstore.Add("pmsg-ramoops-0", "x\n");

        IReadOnlyList<PstoreRecord> records = pstore.Reader().List();

        Assert.Equal(["pmsg-ramoops-0", "whatever"], records.Select(r => r.FileName));
        Assert.Equal(PstoreRecordKind.Unknown, records[1].Kind);
        Assert.Equal(0, records[1].Size);
        Assert.Equal("", pstore.Reader().Read(records[1]).Text);
    }

    [Fact]
    public void A_missing_root_is_a_clear_error_naming_the_kernel_option()
    {
        using var dir = new TempDirectory();
        var reader = new PstoreReader(dir.Combine("none"), new FakeMount(mounted: false), null);

        var ex = Assert.Throws<PstoreUnavailableException>(() => reader.List());

        Assert.Contains(dir.Combine("none") + " does not exist", ex.Message);
        Assert.Contains("CONFIG_PSTORE", ex.Message);
        Assert.Throws<PstoreUnavailableException>(() => reader.EnsureMounted());
    }

    [Fact]
    public void EnsureMounted_mounts_a_directory_that_is_not_a_mount_point()
    {
        using var pstore = new FakePstore();
        var mount = new FakeMount(mounted: false);

        bool mounted = new PstoreReader(pstore.Root, mount, null).EnsureMounted();

        Assert.True(mounted);
        Assert.Equal([pstore.Root], mount.MountCalls);
    }

    [Fact]
    public void EnsureMounted_leaves_a_mount_point_alone()
    {
        using var pstore = new FakePstore();
        var mount = new FakeMount(mounted: true);

        Assert.False(new PstoreReader(pstore.Root, mount, null).EnsureMounted());
        Assert.Empty(mount.MountCalls);
    }

    [Fact]
    public void A_failed_mount_says_why()
    {
        using var pstore = new FakePstore();
        var mount = new FakeMount(mounted: false, new LinuxIOException("mount -t pstore pstore /x: Operation not permitted (errno 1)", Errno.EPERM));

        var ex = Assert.Throws<PstoreUnavailableException>(() => new PstoreReader(pstore.Root, mount, null).EnsureMounted());

        Assert.Contains($"cannot mount pstore on {pstore.Root}", ex.Message);
        Assert.Contains("needs root", ex.Message);
    }

    [Fact]
    public void The_kernel_seam_tells_mount_points_from_plain_directories()
    {
        using var dir = new TempDirectory();

        Assert.False(KernelPstoreMount.Instance.IsMountPoint(dir.Path));
        Assert.True(KernelPstoreMount.Instance.IsMountPoint("/"));
        Assert.True(KernelPstoreMount.Instance.IsMountPoint("/proc"));
    }

    [Fact]
    public void Read_strips_the_ecc_line_and_reports_its_status()
    {
        using var pstore = new FakePstore();
        pstore.Add("console-ramoops-0", "[    0.000000] Linux version 6.1\n", "\nECC: 2 Corrected bytes, 0 unrecoverable blocks\n");
        PstoreReader reader = pstore.Reader();

        PstoreContent content = reader.Read(reader.List()[0]);

        Assert.Equal("[    0.000000] Linux version 6.1\n", content.Text);
        Assert.Equal("2 Corrected bytes, 0 unrecoverable blocks", content.EccStatus);
        Assert.True(content.HasEccErrors);
        Assert.False(content.Decompressed);
        Assert.True(content.IsText);
    }

    [Fact]
    public void Read_of_a_record_without_ecc_returns_it_whole()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "ECC: looks like a status but is a line\n", ecc: null);
        PstoreReader reader = pstore.Reader();

        PstoreContent content = reader.Read(reader.List()[0]);

        Assert.Equal("ECC: looks like a status but is a line\n", content.Text);
        Assert.Null(content.EccStatus);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compressed_records_are_decompressed_whether_raw_deflate_or_zlib(bool zlibHeader)
    {
        using var pstore = new FakePstore();
        string text = "Oops#1 Part1\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"[ {i}.000000] line {i}\n"));
        pstore.AddCompressed("dmesg-ramoops-0.enc.z", text, zlibHeader);
        PstoreReader reader = pstore.Reader();

        PstoreContent content = reader.Read(reader.List()[0]);

        Assert.True(content.Decompressed);
        Assert.Null(content.DecompressionError);
        Assert.Equal(text, content.Text);
        Assert.Equal("No errors detected", content.EccStatus);
    }

    [Fact]
    public void A_compressed_record_that_does_not_inflate_comes_back_raw_with_the_reason()
    {
        using var pstore = new FakePstore();
        byte[] garbage = [0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7, 0xff, 0xff, 0xff, 0x01, 0x02, 0x03];
        pstore.AddBytes("dmesg-ramoops-1.enc.z", [.. garbage, .. Encoding.UTF8.GetBytes(FakePstore.NoErrors)]);
        PstoreReader reader = pstore.Reader();

        PstoreContent content = reader.Read(reader.List()[0]);

        Assert.False(content.Decompressed);
        Assert.False(content.IsText);
        Assert.NotNull(content.DecompressionError);
        Assert.Equal(garbage, content.Bytes.ToArray());
    }

    [Fact]
    public void Read_of_a_record_that_is_gone_names_the_file()
    {
        using var pstore = new FakePstore();
        string path = pstore.Add("pmsg-ramoops-0", "x\n");
        PstoreReader reader = pstore.Reader();
        PstoreRecord record = reader.List()[0];
        File.Delete(path);

        var ex = Assert.Throws<IOException>(() => reader.Read(record));

        Assert.Contains($"cannot read {path}", ex.Message);
    }

    [Fact]
    public void AvailableLog_is_the_pmsg_records_in_id_order_without_ecc_lines()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-1", "2026-11-22T06:44:45.000000Z error A: second\n");
        pstore.Add("pmsg-ramoops-0", "2026-11-22T06:44:44.000000Z warning A: first\n");
        pstore.Add("console-ramoops-0", "not pmsg\n");

        Assert.Equal(
            "2026-11-22T06:44:44.000000Z warning A: first\n2026-11-22T06:44:45.000000Z error A: second\n",
            pstore.Reader().AvailableLog());
    }

    [Fact]
    public void AvailableLog_is_empty_without_pmsg_records()
    {
        using var pstore = new FakePstore();
        pstore.Add("console-ramoops-0", "console\n");

        Assert.Equal("", pstore.Reader().AvailableLog());
    }
}
