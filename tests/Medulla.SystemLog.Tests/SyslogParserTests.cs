using System.Text;

namespace Medulla.SystemLog.Tests;

public class SyslogParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 21, 0, 0, TimeSpan.FromHours(1));

    private static SyslogMessage Parse(string text) => SyslogParser.Parse(Encoding.UTF8.GetBytes(text), Now);

    private static string[] Rfc5424Examples() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "rfc5424-examples.txt"));

    [Fact]
    public void Rfc5424_example_1_without_structured_data()
    {
        SyslogMessage m = Parse(Rfc5424Examples()[0]);

        Assert.Equal(SyslogFormat.Rfc5424, m.Format);
        Assert.Equal(4, m.Facility);
        Assert.Equal(2, m.Severity);
        Assert.Equal(new DateTimeOffset(2003, 10, 11, 22, 14, 15, 3, TimeSpan.Zero), m.Timestamp);
        Assert.Equal("mymachine.example.com", m.Hostname);
        Assert.Equal("su", m.AppName);
        Assert.Null(m.ProcId);
        Assert.Equal("ID47", m.MsgId);
        Assert.Empty(m.StructuredData);
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", m.Message);
    }

    [Fact]
    public void Rfc5424_example_2_with_microseconds_and_an_offset()
    {
        SyslogMessage m = Parse(Rfc5424Examples()[1]);

        Assert.Equal(20, m.Facility);
        Assert.Equal(5, m.Severity);
        Assert.Equal(new DateTimeOffset(2003, 8, 24, 5, 14, 15, TimeSpan.FromHours(-7)).AddTicks(30), m.Timestamp);
        Assert.Equal("192.0.2.1", m.Hostname);
        Assert.Equal("myproc", m.AppName);
        Assert.Equal("8710", m.ProcId);
        Assert.Null(m.MsgId);
        Assert.Equal("%% It's time to make the do-nuts.", m.Message);
    }

    [Fact]
    public void Rfc5424_example_3_with_structured_data_and_a_message()
    {
        SyslogMessage m = Parse(Rfc5424Examples()[2]);

        Assert.Equal("evntslog", m.AppName);
        IReadOnlyDictionary<string, string> sd = m.StructuredData["exampleSDID@32473"];
        Assert.Equal("3", sd["iut"]);
        Assert.Equal("Application", sd["eventSource"]);
        Assert.Equal("1011", sd["eventID"]);
        Assert.Equal("An application event log entry...", m.Message);
    }

    [Fact]
    public void Rfc5424_example_4_with_two_elements_and_no_message()
    {
        SyslogMessage m = Parse(Rfc5424Examples()[3]);

        Assert.Equal(SyslogFormat.Rfc5424, m.Format);
        Assert.Equal(2, m.StructuredData.Count);
        Assert.Equal("high", m.StructuredData["examplePriority@32473"]["class"]);
        Assert.Equal("", m.Message);
    }

    [Fact]
    public void Structured_data_escapes_are_resolved_and_other_backslashes_kept()
    {
        SyslogMessage m = Parse("<13>1 - - app - - [x@1 a=\"q\\\"uote\" b=\"back\\\\slash\" c=\"br\\]acket\" d=\"keep\\n\"] msg");

        Assert.False(m.IsMalformed, m.Error);
        Assert.Equal("q\"uote", m.StructuredData["x@1"]["a"]);
        Assert.Equal("back\\slash", m.StructuredData["x@1"]["b"]);
        Assert.Equal("br]acket", m.StructuredData["x@1"]["c"]);
        Assert.Equal("keep\\n", m.StructuredData["x@1"]["d"]);
        Assert.Equal("msg", m.Message);
    }

    [Fact]
    public void Nil_values_are_null_fields()
    {
        SyslogMessage m = Parse("<13>1 - - - - - - m");

        Assert.False(m.IsMalformed, m.Error);
        Assert.Null(m.Timestamp);
        Assert.Null(m.Hostname);
        Assert.Null(m.AppName);
        Assert.Null(m.ProcId);
        Assert.Null(m.MsgId);
        Assert.Empty(m.StructuredData);
        Assert.Equal("m", m.Message);
    }

    [Fact]
    public void The_utf8_byte_order_mark_before_an_rfc5424_message_is_dropped()
    {
        Assert.Equal("héllo", Parse("<13>1 - - - - - - \uFEFFhéllo").Message);
    }

    [Fact]
    public void Rfc3164_with_a_host_name_as_logger_rfc3164_sends_it()
    {
        SyslogMessage m = Parse("<157>Dec  6 21:16:05 vm mytag[8781]: hello; world");

        Assert.Equal(SyslogFormat.Rfc3164, m.Format);
        Assert.Equal(19, m.Facility);
        Assert.Equal(5, m.Severity);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 21, 16, 5, TimeSpan.FromHours(1)), m.Timestamp);
        Assert.Equal("vm", m.Hostname);
        Assert.Equal("mytag", m.AppName);
        Assert.Equal("8781", m.ProcId);
        Assert.Equal("hello; world", m.Message);
    }

    [Fact]
    public void Rfc3164_without_a_host_name_as_glibc_syslog_sends_it()
    {
        SyslogMessage m = Parse("<13>Dec  6 21:16:05 root: hi there");

        Assert.Null(m.Hostname);
        Assert.Equal("root", m.AppName);
        Assert.Null(m.ProcId);
        Assert.Equal("hi there", m.Message);
    }

    [Fact]
    public void Rfc3164_without_a_tag_keeps_the_whole_text_as_the_message()
    {
        SyslogMessage m = Parse("<14>Jan 10 01:02:03 just some words");

        Assert.Null(m.AppName);
        Assert.Equal("just some words", m.Message);
    }

    [Fact]
    public void Rfc3164_december_stamp_received_in_january_is_last_year()
    {
        SyslogMessage m = SyslogParser.Parse("<13>Dec 31 23:59:59 t: x"u8, new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero));

        Assert.Equal(2026, m.Timestamp!.Value.Year);
    }

    [Fact]
    public void A_priority_alone_is_an_rfc3164_message_with_defaults()
    {
        SyslogMessage m = Parse("<6>kernel says");

        Assert.Equal(SyslogFormat.Rfc3164, m.Format);
        Assert.Null(m.Timestamp);
        Assert.Equal("kernel says", m.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("no priority", "priority")]
    [InlineData("<999>too big", "priority")]
    [InlineData("<192>too big", "priority")]
    [InlineData("<>empty", "priority")]
    [InlineData("<1234>x", "priority")]
    [InlineData("<13", "priority")]
    [InlineData("<13>1 - - app - -", "fewer than six")]
    [InlineData("<13>1 - - app - - [open@1 a=\"b\"", "not closed")]
    [InlineData("<13>1 - - app - - [open@1 a=\"b", "closing")]
    [InlineData("<13>1 - - app - - [x@1 a=b] m", "NAME=")]
    [InlineData("<13>1 - - app - - []", "SD-ID")]
    [InlineData("<13>1 yesterday - app - - - m", "timestamp")]
    [InlineData("<13>1 - - app - - [x@1]m", "space")]
    public void Malformed_datagrams_keep_their_raw_text_and_a_reason(string text, string reason)
    {
        SyslogMessage m = Parse(text);

        Assert.True(m.IsMalformed);
        Assert.Equal(SyslogFormat.Malformed, m.Format);
        Assert.Contains(reason, m.Error, StringComparison.Ordinal);
        Assert.Equal(text, m.Message);
    }

    [Fact]
    public void Invalid_utf8_is_malformed_and_escaped()
    {
        SyslogMessage m = SyslogParser.Parse([.. "<13>bad "u8, 0xc3, 0x28, (byte)'\\', 0x01], Now);

        Assert.True(m.IsMalformed);
        Assert.Equal("<13>bad \\xc3(\\\\\\x01", m.Message);
    }

    [Fact]
    public void A_malformed_datagram_with_a_priority_keeps_its_priority()
    {
        SyslogMessage m = Parse("<11>1 - - app - - [unterminated");

        Assert.True(m.IsMalformed);
        Assert.Equal(11, m.Priority);
    }
}
