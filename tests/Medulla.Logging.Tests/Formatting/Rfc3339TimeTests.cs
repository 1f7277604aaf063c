using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Medulla.Logging;

namespace Medulla.Logging.Tests.Formatting;

public class Rfc3339TimeTests
{
    private static string Utc(DateTime time)
    {
        Span<byte> buffer = stackalloc byte[Rfc3339Time.MaxLength];
        int n = Rfc3339Time.FormatUtc(time, buffer);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    private static string WithOffset(DateTime time, TimeSpan offset)
    {
        Span<byte> buffer = stackalloc byte[Rfc3339Time.MaxLength];
        int n = Rfc3339Time.FormatWithOffset(time, offset, buffer);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    [Fact]
    public void A_UTC_time_has_six_fractional_digits_and_a_Z()
    {
        Assert.Equal("2026-11-22T03:56:12.123456Z", Utc(FormatterHarness.Time));
    }

    [Theory]
    [InlineData(0, "2026-11-22T03:56:12.000000Z")]
    [InlineData(9, "2026-11-22T03:56:12.000000Z")]
    [InlineData(10, "2026-11-22T03:56:12.000001Z")]
    [InlineData(9_999_999, "2026-11-22T03:56:12.999999Z")]
    public void The_fraction_is_truncated_to_microseconds(long ticks, string expected)
    {
        var time = new DateTime(2026, 11, 22, 3, 56, 12, DateTimeKind.Utc).AddTicks(ticks);

        Assert.Equal(expected, Utc(time));
    }

    [Fact]
    public void Every_microsecond_of_a_second_is_written_as_the_framework_writes_it()
    {
        var second = new DateTime(2026, 11, 22, 3, 56, 12, DateTimeKind.Utc);
        for (int micros = 0; micros < 1_000_000; micros += 7)
        {
            DateTime time = second.AddTicks(micros * 10L);
            Assert.Equal(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), Utc(time));
        }
    }

    [Fact]
    public void Small_years_are_padded_to_four_digits()
    {
        Assert.Equal("0001-01-01T00:00:00.000000Z", Utc(DateTime.MinValue));
        Assert.Equal("0987-06-05T04:03:02.000000Z", Utc(new DateTime(987, 6, 5, 4, 3, 2, DateTimeKind.Utc)));
    }

    [Fact]
    public void An_unspecified_time_is_taken_as_UTC()
    {
        var unspecified = DateTime.SpecifyKind(FormatterHarness.Time, DateTimeKind.Unspecified);

        Assert.Equal(FormatterHarness.TimeText, Utc(unspecified));
    }

    [Fact]
    public void A_local_time_is_converted_to_UTC()
    {
        DateTime local = FormatterHarness.Time.ToLocalTime();

        Assert.Equal(FormatterHarness.TimeText, Utc(local));
    }

    [Fact]
    public void The_cached_second_is_replaced_when_the_second_changes()
    {
        DateTime a = FormatterHarness.Time;

        string first = Utc(a);
        string next = Utc(a.AddSeconds(1));
        string nextDay = Utc(a.AddDays(1));
        string again = Utc(a);

        Assert.Equal("2026-11-22T03:56:12.123456Z", first);
        Assert.Equal("2026-11-22T03:56:13.123456Z", next);
        Assert.Equal("2026-11-23T03:56:12.123456Z", nextDay);
        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData(60, "2026-11-22T04:56:12.123456+01:00")]
    [InlineData(-330, "2026-11-21T22:26:12.123456-05:30")]
    [InlineData(0, "2026-11-22T03:56:12.123456+00:00")]
    [InlineData(765, "2026-11-22T16:41:12.123456+12:45")]
    public void A_time_with_an_offset_shows_the_shifted_clock_and_the_offset(int minutes, string expected)
    {
        Assert.Equal(expected, WithOffset(FormatterHarness.Time, TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void A_local_time_has_an_offset_and_denotes_the_same_instant()
    {
        Span<byte> buffer = stackalloc byte[Rfc3339Time.MaxLength];

        int n = Rfc3339Time.FormatLocal(FormatterHarness.Time, buffer);

        string text = Encoding.ASCII.GetString(buffer[..n]);
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}$"), text);
        DateTimeOffset parsed = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(FormatterHarness.Time.AddTicks(-7), parsed.UtcDateTime);
    }

    [Fact]
    public void Write_appends_UTC_or_local()
    {
        var output = new Utf8Buffer(16);

        Rfc3339Time.Write(output, FormatterHarness.Time);
        output.Write((byte)' ');
        Rfc3339Time.Write(output, FormatterHarness.Time, utc: false);

        string[] parts = Encoding.ASCII.GetString(output.WrittenSpan).Split(' ');
        Assert.Equal(FormatterHarness.TimeText, parts[0]);
        Assert.Equal(Rfc3339Time.MaxLength, parts[1].Length);
    }

    [Fact]
    public void A_destination_too_short_is_refused()
    {
        byte[] small = new byte[Rfc3339Time.UtcLength - 1];

        Assert.Throws<ArgumentException>(() => Rfc3339Time.FormatUtc(FormatterHarness.Time, small));
        Assert.Throws<ArgumentException>(() => Rfc3339Time.FormatLocal(FormatterHarness.Time, new byte[Rfc3339Time.UtcLength]));
    }
}
