using System.Text;
using Medulla.Logging;

namespace Medulla.Pstore.Tests.Pmsg;

public class PmsgFormatterTests
{
    private static readonly DateTime Time = new DateTime(2026, 11, 22, 6, 44, 44, DateTimeKind.Utc).AddTicks(1_234_567);

    private static string Format(LogEvent e, ILogFormatter? formatter = null)
    {
        var output = new Utf8Buffer(64);
        (formatter ?? PmsgHandler.CreateFormatter()).Format(e, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static LogEvent Event(string message, Exception? exception = null) =>
        new(Level.Warning, "DeviceApp.Device", message, exception) { Timestamp = Time };

    [Fact]
    public void An_event_is_one_line_with_utc_time_in_microseconds_level_category_and_message()
    {
        Assert.Equal("2026-11-22T06:44:44.123456Z warning DeviceApp.Device: disk almost full\n", Format(Event("disk almost full")));
    }

    [Fact]
    public void Newlines_in_the_message_become_spaces()
    {
        Assert.Equal("2026-11-22T06:44:44.123456Z warning DeviceApp.Device: a b c d\n", Format(Event("a\nb\r\nc\rd")));
    }

    [Fact]
    public void An_exception_follows_the_message_on_the_same_line()
    {
        string line = Format(Event("failed", new InvalidOperationException("first\nsecond")));

        Assert.StartsWith("2026-11-22T06:44:44.123456Z warning DeviceApp.Device: failed System.InvalidOperationException: first second", line);
        Assert.Equal(1, line.Count(c => c == '\n'));
        Assert.EndsWith("\n", line);
    }

    [Fact]
    public void MaxSize_cuts_long_values()
    {
        string line = Format(Event(new string('x', 100)), PmsgHandler.CreateFormatter(maxSize: 10));

        Assert.EndsWith(": xxxxxxx...\n", line);
    }
}
