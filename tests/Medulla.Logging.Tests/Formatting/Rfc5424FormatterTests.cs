using System.Diagnostics;
using System.Globalization;
using Medulla.Logging;
using Microsoft.Extensions.Logging;
using static Medulla.Logging.Tests.Formatting.FormatterHarness;

namespace Medulla.Logging.Tests.Formatting;

public class Rfc5424FormatterTests
{
    private static readonly Rfc5424FormatterOptions Fixed = new() { HostName = "dev1", AppName = "app", ProcId = "42" };

    private static Rfc5424Formatter Formatter(Rfc5424FormatterOptions? options = null) => new(options ?? Fixed);

    private static string Header(string msgId = "-", string sd = "-") => $"<14>1 {TimeText} dev1 app 42 {msgId} {sd}";

    [Fact]
    public void A_plain_event_is_one_syslog_line()
    {
        Assert.Equal($"<14>1 {TimeText} dev1 app 42 - - text\n", Format(Formatter(), Event()));
    }

    [Theory]
    [InlineData(Level.Emergency, "<8>")]
    [InlineData(Level.Alert, "<9>")]
    [InlineData(Level.Critical, "<10>")]
    [InlineData(Level.Error, "<11>")]
    [InlineData(Level.Warning, "<12>")]
    [InlineData(Level.Notice, "<13>")]
    [InlineData(Level.Info, "<14>")]
    [InlineData(Level.Debug, "<15>")]
    public void PRI_is_the_user_facility_times_eight_plus_the_severity_by_default(Level level, string pri)
    {
        Assert.StartsWith(pri + "1 ", Format(Formatter(), Event(level: level)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, Level.Emergency, "<0>")]
    [InlineData(0, Level.Debug, "<7>")]
    [InlineData(3, Level.Error, "<27>")]
    [InlineData(4, Level.Info, "<38>")]
    [InlineData(16, Level.Notice, "<133>")]
    [InlineData(23, Level.Emergency, "<184>")]
    [InlineData(23, Level.Debug, "<191>")]
    public void PRI_combines_facility_and_severity(int facility, Level level, string pri)
    {
        var formatter = Formatter(Fixed with { Facility = facility });

        Assert.StartsWith(pri + "1 ", Format(formatter, Event(level: level)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24)]
    public void A_facility_outside_0_to_23_is_refused(int facility)
    {
        var ex = Assert.Throws<ArgumentException>(() => Formatter(Fixed with { Facility = facility }));

        Assert.Contains("Facility", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meta")]
    [InlineData("")]
    [InlineData("my id@32473")]
    [InlineData("x=y@32473")]
    [InlineData("meta@")]
    [InlineData("@32473")]
    [InlineData("meta@abc")]
    [InlineData("a_very_long_structured_data_name@32473")]
    public void An_invalid_structured_data_id_is_refused(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => (Fixed with { StructuredDataId = id }).Validate());

        Assert.Contains("StructuredDataId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_name_this_machine_and_process()
    {
        var options = new Rfc5424FormatterOptions();
        using var process = Process.GetCurrentProcess();

        Assert.Equal(1, options.Facility);
        Assert.Equal(Environment.MachineName, options.HostName);
        Assert.Equal(process.ProcessName, options.AppName);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), options.ProcId);
        Assert.Equal("meta@32473", options.StructuredDataId);
        Assert.True(options.IncludeProperties);
        Assert.True(options.SingleLine);
    }

    [Fact]
    public void Empty_header_fields_are_a_dash()
    {
        var formatter = Formatter(new Rfc5424FormatterOptions { HostName = "", AppName = null, ProcId = "" });

        Assert.Equal($"<14>1 {TimeText} - - - - - text\n", Format(formatter, Event()));
    }

    [Fact]
    public void Header_fields_outside_printable_ASCII_are_replaced_and_cut_to_the_RFC_lengths()
    {
        var formatter = Formatter(new Rfc5424FormatterOptions
        {
            HostName = "my host\tné",
            AppName = new string('a', 60),
            ProcId = new string('9', 200),
        });

        string[] fields = Format(formatter, Event()).Split(' ');

        Assert.Equal("my_host_n_", fields[2]);
        Assert.Equal(new string('a', 48), fields[3]);
        Assert.Equal(new string('9', 128), fields[4]);
    }

    [Fact]
    public void A_host_name_is_cut_at_255_characters()
    {
        var formatter = Formatter(Fixed with { HostName = new string('h', 300) });

        Assert.Equal(new string('h', 255), Format(formatter, Event()).Split(' ')[2]);
    }

    [Fact]
    public void MSGID_is_the_event_name_when_there_is_one()
    {
        LogEvent e = Event();
        e.EventId = new EventId(7, "Boot");

        Assert.Equal(Header("Boot") + " text\n", Format(Formatter(), e));
    }

    [Fact]
    public void MSGID_is_the_event_id_without_a_name()
    {
        LogEvent e = Event();
        e.EventId = new EventId(7);

        Assert.Equal(Header("7") + " text\n", Format(Formatter(), e));
    }

    [Fact]
    public void MSGID_is_sanitized_and_cut_at_32_characters()
    {
        LogEvent e = Event();
        e.EventId = new EventId(1, "Boot done ✓ " + new string('x', 40));

        string msgId = Format(Formatter(), e).Split(' ')[5];

        Assert.Equal(("Boot_done___" + new string('x', 40))[..32], msgId);
    }

    [Fact]
    public async Task Properties_become_one_structured_data_element()
    {
        string user = "bob";
        int count = 3;

        string record = await ThroughSystem(Formatter(), log => log.Log(Level.Info, $"{user} has {count}"));

        Assert.Equal($"<14>1 {SystemTimeText} dev1 app 42 - [meta@32473 user=\"bob\" count=\"3\"] bob has 3\n", record);
    }

    [Fact]
    public async Task Structured_data_values_escape_quote_backslash_and_bracket()
    {
        string value = "a\"b\\c]d[e";

        string record = await ThroughSystem(Formatter(), log => log.Log(Level.Info, $"{value}"));

        Assert.Contains("[meta@32473 value=\"a\\\"b\\\\c\\]d[e\"]", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Structured_data_names_are_sanitized_and_cut_at_32_characters()
    {
        int[] items = [1];
        int count = 2;
        string aVeryLongVariableNameThatKeepsGoingOn = "x";

        string record = await ThroughSystem(Formatter(), log => log.Log(Level.Info, $"{items[0]} {count + 1} {aVeryLongVariableNameThatKeepsGoingOn}"));

        Assert.Contains("[meta@32473 items[0_=\"1\" count_+_1=\"3\" aVeryLongVariableNameThatKeepsGo=\"x\"]", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Microsoft_Extensions_Logging_properties_become_structured_data()
    {
        string record = await ThroughSystem(Formatter(), log =>
            ((ILogger)log).LogWarning(new EventId(5, "Disk"), "{Path} is {Percent}% full", "/data", 93.5));

        Assert.Equal($"<12>1 {SystemTimeText} dev1 app 42 Disk [meta@32473 Path=\"/data\" Percent=\"93.5\"] /data is 93.5% full\n", record);
    }

    [Fact]
    public async Task A_custom_structured_data_id_is_used()
    {
        var formatter = Formatter(Fixed with { StructuredDataId = "props@12345.1" });
        int n = 1;

        string record = await ThroughSystem(formatter, log => log.Log(Level.Info, $"{n}"));

        Assert.Contains(" [props@12345.1 n=\"1\"] ", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_include_properties_structured_data_is_a_dash()
    {
        var formatter = Formatter(Fixed with { IncludeProperties = false });
        int n = 1;

        string record = await ThroughSystem(formatter, log => log.Log(Level.Info, $"n={n}"));

        Assert.Equal($"<14>1 {SystemTimeText} dev1 app 42 - - n=1\n", record);
    }

    [Fact]
    public void Newlines_in_the_message_become_spaces_by_default()
    {
        Assert.Equal(Header() + " a b c\n", Format(Formatter(), Event("a\r\nb\nc")));
    }

    [Fact]
    public void Newlines_in_the_message_are_kept_without_single_line()
    {
        Assert.Equal(Header() + " a\r\nb\nc\n", Format(Formatter(Fixed with { SingleLine = false }), Event("a\r\nb\nc")));
    }

    [Fact]
    public async Task Newlines_in_structured_data_values_become_spaces_by_default()
    {
        string note = "one\ntwo";

        string record = await ThroughSystem(Formatter(), log => log.Log(Level.Info, $"{note}"));

        Assert.Equal($"<14>1 {SystemTimeText} dev1 app 42 - [meta@32473 note=\"one two\"] one two\n", record);
    }

    [Fact]
    public void The_exception_follows_the_message_after_a_space()
    {
        var ex = new InvalidOperationException("boom");

        Assert.Equal(Header() + $" text {ex}\n", Format(Formatter(), Event(exception: ex)));
    }

    [Fact]
    public void Without_a_message_the_exception_is_the_message()
    {
        var ex = new InvalidOperationException("boom");

        Assert.Equal(Header() + $" {ex}\n", Format(Formatter(), Event("", exception: ex)));
    }

    [Fact]
    public void Without_message_or_exception_the_line_ends_after_the_structured_data()
    {
        Assert.Equal(Header() + "\n", Format(Formatter(), Event("")));
    }

    [Fact]
    public void A_multi_line_exception_stays_on_one_line_by_default()
    {
        Exception ex;
        try
        {
            throw new InvalidOperationException("boom\nsecond");
        }
        catch (InvalidOperationException caught)
        {
            ex = caught;
        }

        string record = Format(Formatter(), Event(exception: ex));

        Assert.Equal(record.Length - 1, record.IndexOf('\n', StringComparison.Ordinal));
        Assert.Contains("boom second", record, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ASCII_message_text_is_written_as_UTF_8()
    {
        Assert.Equal(Header() + " héllo ☃\n", Format(Formatter(), Event("héllo ☃")));
    }
}
