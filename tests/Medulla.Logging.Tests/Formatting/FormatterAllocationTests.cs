using Medulla.Logging;
using static Medulla.Logging.Tests.Formatting.FormatterHarness;

namespace Medulla.Logging.Tests.Formatting;

/// <summary>
/// Formatters run on the caller's thread for every enabled event: in the steady state they must not
/// allocate. These measure allocated bytes on the current thread, not time.
/// </summary>
public class FormatterAllocationTests
{
    private static long AllocatedWhileFormatting(ILogFormatter formatter, LogEvent e, int times = 1000)
    {
        var output = new Utf8Buffer(4096);
        for (int i = 0; i < 100; i++)
        {
            output.Clear();
            formatter.Format(e, output); // warm-up: per-thread caches, JIT
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < times; i++)
        {
            output.Clear();
            formatter.Format(e, output);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static long Measure(ILogFormatter formatter)
    {
        LogEvent e = RentEventWithProperties();
        try
        {
            return AllocatedWhileFormatting(formatter, e);
        }
        finally
        {
            LogSystem.ReturnEvent(e);
        }
    }

    [Fact]
    public void The_default_template_formatter_allocates_nothing_per_event()
    {
        Assert.Equal(0, Measure(new TemplateFormatter()));
    }

    [Fact]
    public void A_template_with_properties_limits_and_single_line_allocates_nothing_per_event()
    {
        var formatter = new TemplateFormatter(new TemplateFormatterOptions
        {
            Template = "{time} {LEVEL} [{pid}:{thread}] {category}{event_id? #{event_id}}: {msg} name={name} count={count}{exception?\n{exception}}\n",
            SingleLine = true,
            MaxSize = 10,
            CharsLimit = 12,
        });

        Assert.Equal(0, Measure(formatter));
    }

    [Fact]
    public void The_JSON_lines_formatter_allocates_nothing_per_event()
    {
        Assert.Equal(0, Measure(new JsonLinesFormatter()));
    }

    [Fact]
    public void The_RFC_5424_formatter_allocates_nothing_per_event()
    {
        Assert.Equal(0, Measure(new Rfc5424Formatter()));
    }

    [Fact]
    public void The_rented_event_formats_as_expected()
    {
        LogEvent e = RentEventWithProperties();
        try
        {
            Assert.Equal($"{TimeText} info Cat: user bob has 3 items\n", Format(new TemplateFormatter(), e));
            Assert.Contains("\"props\":{\"name\":\"bob\",\"count\":3}", Format(new JsonLinesFormatter(), e), StringComparison.Ordinal);
        }
        finally
        {
            LogSystem.ReturnEvent(e);
        }
    }
}
