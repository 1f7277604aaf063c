using System.Text;
using Medulla.Logging;

namespace Medulla.Logging.Tests.Handlers;

public sealed class ConsoleSinkTests
{
    private static readonly Level[] Severities =
        [Level.Emergency, Level.Alert, Level.Critical, Level.Error, Level.Warning, Level.Notice, Level.Info, Level.Debug];

    private static string Run(ColorMode colors, Action<CategoryLogger> log, bool newline = true, int truncation = LoggerConfig.DefaultMessageTruncation)
    {
        var output = new MemoryStream();
        using (var rig = new SinkRig(() => new ConsoleSink(output, new ConsoleSinkOptions { Colors = colors }), new MessageFormatter(newline), truncation))
        {
            log(rig.Logger);
            rig.Flush();
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void LogEveryLevel(CategoryLogger logger)
    {
        foreach (Level level in Severities)
        {
            logger.Log(level, level.Name());
        }
    }

    [Fact]
    public void With_colours_always_each_record_is_wrapped_in_its_level_colour_and_reset_before_the_newline()
    {
        // given a console sink with colours forced on
        // when one line per level is logged
        string output = Run(ColorMode.Always, LogEveryLevel);

        // then each level has its SGR colour, info none, and every colour is reset before "\n"
        Assert.Equal(
            "\e[1;37;41memergency\e[0m\n" +
            "\e[1;37;41malert\e[0m\n" +
            "\e[1;31mcritical\e[0m\n" +
            "\e[31merror\e[0m\n" +
            "\e[33mwarning\e[0m\n" +
            "\e[36mnotice\e[0m\n" +
            "info\n" +
            "\e[90mdebug\e[0m\n",
            output);
    }

    [Fact]
    public void With_colours_never_the_records_are_written_unchanged()
    {
        // given a console sink with colours off
        // when one line per level is logged
        string output = Run(ColorMode.Never, LogEveryLevel);

        // then the bytes are exactly the records
        Assert.Equal(string.Concat(Severities.Select(l => l.Name() + "\n")), output);
    }

    [Fact]
    public void With_colours_auto_an_injected_stream_gets_no_colours()
    {
        // given an injected stream, which is no terminal
        var sink = new ConsoleSink(new MemoryStream());

        // then automatic colours are off
        Assert.False(sink.UsesColors);
        Assert.Equal("warning\n", Run(ColorMode.Auto, l => l.Log(Level.Warning, "warning")));
    }

    [Fact]
    public void A_record_without_a_trailing_newline_is_wrapped_whole()
    {
        // given a formatter that ends records without "\n"
        // when an error is logged
        string output = Run(ColorMode.Always, l => l.Log(Level.Error, "no newline"), newline: false);

        // then the colour and reset enclose the whole record
        Assert.Equal("\e[31mno newline\e[0m", output);
    }

    [Fact]
    public void A_coloured_batch_larger_than_the_write_buffer_arrives_whole_and_in_order()
    {
        // given 3000 warning lines of 100 bytes and one record of 200 KB, more than the 64 KiB buffer
        string big = new('b', 200_000);
        var expected = new StringBuilder();

        // when they are logged
        string output = Run(ColorMode.Always, logger =>
        {
            for (int i = 0; i < 3000; i++)
            {
                string text = i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + new string('w', 94);
                logger.Log(Level.Warning, text);
                expected.Append("\e[33m").Append(text).Append("\e[0m\n");
            }
            logger.Log(Level.Debug, big);
            expected.Append("\e[90m").Append(big).Append("\e[0m\n");
        }, truncation: 0);

        // then every record is there once, coloured, in order
        Assert.Equal(expected.ToString(), output);
    }

    [Fact]
    public void Options_with_an_undefined_value_are_refused_naming_the_setting()
    {
        // given options with values outside the enums
        var badStream = new ConsoleSinkOptions { Stream = (ConsoleStream)7 };
        var badColors = new ConsoleSinkOptions { Colors = (ColorMode)7 };

        // then validation names the setting and the allowed values
        Assert.Contains("Stream 7 is not valid; expected one of Stdout, Stderr", Assert.Throws<ArgumentException>(badStream.Validate).Message);
        Assert.Contains("Colors 7 is not valid; expected one of Auto, Always, Never", Assert.Throws<ArgumentException>(() => new ConsoleSink(new MemoryStream(), badColors)).Message);
    }

    [Fact]
    public void The_injected_stream_is_flushed_but_left_open_for_its_owner()
    {
        // given a sink over a caller's stream
        var output = new MemoryStream();
        var sink = new ConsoleSink(output);

        // when the sink is disposed
        sink.Dispose();

        // then the stream is still usable
        Assert.True(output.CanWrite);
    }
}
