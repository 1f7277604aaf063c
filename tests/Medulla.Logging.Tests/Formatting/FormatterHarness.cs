using System.Text;
using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Formatting;

/// <summary>Builds events and runs formatters over them, directly or through a real <see cref="LogSystem"/>.</summary>
internal static class FormatterHarness
{
    /// <summary>2026-11-22T03:56:12.1234567Z: the seventh fractional digit must be dropped, not rounded.</summary>
    public static readonly DateTime Time = new DateTime(2026, 11, 22, 3, 56, 12, DateTimeKind.Utc).AddTicks(1_234_567);

    public const string TimeText = "2026-11-22T03:56:12.123456Z";

    /// <summary>The time events get from the <see cref="ManualTime"/> behind <see cref="ThroughSystem"/>.</summary>
    public const string SystemTimeText = "2026-11-22T10:00:00.000000Z";

    /// <summary>A strict decoder: throws on bytes that are not valid UTF-8.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static LogEvent Event(string message = "text", Level level = Level.Info, string category = "Cat", Exception? exception = null) =>
        new(level, category, message, exception) { Timestamp = Time };

    public static byte[] FormatBytes(ILogFormatter formatter, LogEvent e)
    {
        var output = new Utf8Buffer(64);
        formatter.Format(e, output);
        return output.WrittenSpan.ToArray();
    }

    public static string Format(ILogFormatter formatter, LogEvent e) => StrictUtf8.GetString(FormatBytes(formatter, e));

    public static string Format(string template, LogEvent e) =>
        Format(new TemplateFormatter(new TemplateFormatterOptions { Template = template }), e);

    /// <summary>Logs through a system with one memory handler using <paramref name="formatter"/>; returns the first record.</summary>
    public static async Task<string> ThroughSystem(
        ILogFormatter formatter,
        Action<CategoryLogger> log,
        LoggerConfig? config = null,
        IReadOnlyList<string>? domain = null)
    {
        using var system = new LogSystem(config, new ManualTime());
        var sink = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "mem", Sink = () => sink, Formatter = formatter });
        log(system.GetLogger("Cat", domain));
        await sink.WaitForCount(1);
        return sink.Records[0];
    }

    public static Task<string> ThroughSystem(string template, Action<CategoryLogger> log, LoggerConfig? config = null) =>
        ThroughSystem(new TemplateFormatter(new TemplateFormatterOptions { Template = template }), log, config);

    /// <summary>
    /// An event from the pipeline's per-thread pool, filled the way the interpolated-string handler
    /// fills it: message "user bob has 3 items" with a text and a number property.
    /// </summary>
    public static LogEvent RentEventWithProperties()
    {
        LogEvent e = LogSystem.RentEvent();
        e.Reset(Level.Info, "Cat", "Cat"u8.ToArray(), Time);
        Utf8Buffer message = e.MessageBuffer;
        Utf8Values.WriteString(message, "user ");
        int start = message.Length;
        Utf8Values.WriteString(message, "bob");
        e.AddRenderedProperty("name", start, message.Length - start, PropertyKind.Text);
        Utf8Values.WriteString(message, " has ");
        start = message.Length;
        Utf8Values.WriteFormattable(message, 3, default);
        e.AddRenderedProperty("count", start, message.Length - start, PropertyKind.Number);
        Utf8Values.WriteString(message, " items");
        return e;
    }
}
