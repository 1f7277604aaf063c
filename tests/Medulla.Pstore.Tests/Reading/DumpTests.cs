using Medulla.Pstore.Tests.Support;

namespace Medulla.Pstore.Tests.Reading;

public class DumpTests
{
    [Fact]
    public void Each_record_follows_a_header_line_naming_its_file()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "pmsg line\n");
        pstore.Add("console-ramoops-0", "console line without newline");

        Assert.Equal(
            "==> pmsg-ramoops-0 <==\npmsg line\n==> console-ramoops-0 <==\nconsole line without newline\n",
            pstore.Reader().Dump());
    }

    [Fact]
    public void Dmesg_parts_are_in_reading_order_whatever_their_ids()
    {
        // The kernel fills parts from the end of its log: Part1 holds the last lines. Zones are used round
        // robin, so ids say nothing about the order.
        using var pstore = new FakePstore();
        pstore.Add("dmesg-ramoops-0", "Panic#2 Part1\npanic end\n");
        pstore.Add("dmesg-ramoops-1", "Oops#1 Part1\noops end\n");
        pstore.Add("dmesg-ramoops-2", "Oops#1 Part2\noops start\n");
        pstore.Add("dmesg-ramoops-3", "Panic#2 Part3\npanic start\n");
        pstore.Add("dmesg-ramoops-4", "Panic#2 Part2\npanic middle\n");

        string dump = pstore.Reader().Dump(PstoreRecordKind.Dmesg);

        Assert.Equal(
            "==> dmesg-ramoops-2 <==\nOops#1 Part2\noops start\n" +
            "==> dmesg-ramoops-1 <==\nOops#1 Part1\noops end\n" +
            "==> dmesg-ramoops-3 <==\nPanic#2 Part3\npanic start\n" +
            "==> dmesg-ramoops-4 <==\nPanic#2 Part2\npanic middle\n" +
            "==> dmesg-ramoops-0 <==\nPanic#2 Part1\npanic end\n",
            dump);
    }

    [Fact]
    public void Dmesg_records_without_a_dump_header_come_after_the_others()
    {
        using var pstore = new FakePstore();
        pstore.Add("dmesg-ramoops-0", "no header here\n");
        pstore.Add("dmesg-ramoops-1", "Panic#1 Part1\nend\n");

        Assert.Equal(
            "==> dmesg-ramoops-1 <==\nPanic#1 Part1\nend\n==> dmesg-ramoops-0 <==\nno header here\n",
            pstore.Reader().Dump(PstoreRecordKind.Dmesg));
    }

    [Fact]
    public void A_kind_selects_only_its_records()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "pmsg\n");
        pstore.Add("console-ramoops-0", "console\n");

        Assert.Equal("==> console-ramoops-0 <==\nconsole\n", pstore.Reader().Dump(PstoreRecordKind.Console));
        Assert.Equal("", pstore.Reader().Dump(PstoreRecordKind.Ftrace));
    }

    [Fact]
    public void Compressed_parts_are_decompressed_and_ordered_with_the_others()
    {
        using var pstore = new FakePstore();
        pstore.AddCompressed("dmesg-ramoops-0.enc.z", "Panic#1 Part1\nend\n");
        pstore.Add("dmesg-ramoops-1", "Panic#1 Part2\nstart\n");

        Assert.Equal(
            "==> dmesg-ramoops-1 <==\nPanic#1 Part2\nstart\n==> dmesg-ramoops-0.enc.z <==\nPanic#1 Part1\nend\n",
            pstore.Reader().Dump());
    }

    [Fact]
    public void Records_that_cannot_be_shown_are_noted_in_their_header_and_counted()
    {
        using var pstore = new FakePstore();
        pstore.AddBytes("dmesg-ramoops-0.enc.z", [0x04, 0x22, 0x4d, 0x18, 0x64, 0x40]);
        pstore.Add("pmsg-ramoops-0", "still shown\n");
        var output = new StringWriter();

        int failures = pstore.Reader().Dump(output);

        Assert.Equal(1, failures);
        string[] lines = output.ToString().Split('\n');
        Assert.Equal("==> pmsg-ramoops-0 <==", lines[0]);
        Assert.Equal("still shown", lines[1]);
        Assert.StartsWith("==> dmesg-ramoops-0.enc.z (compressed, 6 bytes not shown: ", lines[2]);
    }

    [Fact]
    public void Ecc_corrections_are_shown_in_the_header()
    {
        using var pstore = new FakePstore();
        pstore.Add("console-ramoops-0", "text\n", "\nECC: 5 Corrected bytes, 1 unrecoverable blocks\n");

        Assert.Equal(
            "==> console-ramoops-0 (ECC: 5 Corrected bytes, 1 unrecoverable blocks) <==\ntext\n",
            pstore.Reader().Dump());
    }
}
