using System.Text;

namespace Medulla.SystemLog.Tests;

public class KmsgParserTests
{
    private static KmsgRecord Parse(string text)
    {
        Assert.True(KmsgParser.TryParse(Encoding.UTF8.GetBytes(text), out KmsgRecord? record, out string? error), error);
        return record;
    }

    [Fact]
    public void Header_fields_are_read_and_priority_splits_into_facility_and_severity()
    {
        KmsgRecord r = Parse("30,1234,5678901,-;systemd[1]: started\n");

        Assert.Equal(30, r.Priority);
        Assert.Equal(3, r.Facility);
        Assert.Equal(6, r.Severity);
        Assert.Equal(1234UL, r.Sequence);
        Assert.Equal(5678901UL, r.Microseconds);
        Assert.Equal(TimeSpan.FromMicroseconds(5678901), r.SinceBoot);
        Assert.Equal("-", r.Flags);
        Assert.Equal("systemd[1]: started", r.Message);
        Assert.Empty(r.Properties);
    }

    [Fact]
    public void Text_containing_semicolons_is_kept_whole()
    {
        Assert.Equal("text;with;semicolons", Parse("3,7,100,-;text;with;semicolons\n").Message);
    }

    [Fact]
    public void Continuation_lines_become_properties_in_order()
    {
        KmsgRecord r = Parse("6,195,227403,-;acpi PNP0A08:00: _OSC: OS supports [ASPM]\n SUBSYSTEM=acpi\n DEVICE=+acpi:PNP0A08:00\n");

        Assert.Equal("acpi PNP0A08:00: _OSC: OS supports [ASPM]", r.Message);
        Assert.Equal([new("SUBSYSTEM", "acpi"), new("DEVICE", "+acpi:PNP0A08:00")], r.Properties);
    }

    [Fact]
    public void Extra_header_fields_of_newer_kernels_are_ignored()
    {
        KmsgRecord r = Parse("4,9,10,c,caller=T1;hello\n");

        Assert.Equal("c", r.Flags);
        Assert.Equal("hello", r.Message);
    }

    [Fact]
    public void A_record_without_a_final_newline_is_accepted()
    {
        Assert.Equal("no newline", Parse("6,1,2,-;no newline").Message);
    }

    [Fact]
    public void Invalid_utf8_in_the_text_is_escaped_not_lost()
    {
        Assert.True(KmsgParser.TryParse([.. "6,1,2,-;bad "u8, 0xff, (byte)'\\', (byte)'\n'], out KmsgRecord? r, out _));
        Assert.Equal("bad \\xff\\\\", r.Message);
    }

    [Theory]
    [InlineData("", "no ';'")]
    [InlineData("6,1,2,-", "no ';'")]
    [InlineData("6,1,2;text", "fewer than four")]
    [InlineData("x,1,2,-;text", "priority")]
    [InlineData("-6,1,2,-;text", "priority")]
    [InlineData("6,y,2,-;text", "sequence")]
    [InlineData("6,1,99999999999999999999999,-;text", "timestamp")]
    public void Malformed_records_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.False(KmsgParser.TryParse(Encoding.UTF8.GetBytes(text), out KmsgRecord? r, out string? error));
        Assert.Null(r);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_record_of_a_real_capture_parses()
    {
        byte[] capture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "kmsg-capture.bin"));
        int records = 0;
        int withProperties = 0;
        int withSemicolons = 0;
        foreach (Range range in capture.AsSpan().Split((byte)0))
        {
            Assert.True(KmsgParser.TryParse(capture.AsSpan()[range], out KmsgRecord? r, out string? error), error);
            records++;
            withProperties += r.Properties.Count > 0 ? 1 : 0;
            withSemicolons += r.Message.Contains(';', StringComparison.Ordinal) ? 1 : 0;
            Assert.DoesNotContain('\n', r.Message);
        }
        Assert.True(records >= 20);
        Assert.True(withProperties > 0);
        Assert.True(withSemicolons > 0);
    }
}
