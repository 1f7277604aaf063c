using Medulla.Logging;

namespace Medulla.Pstore;

/// <summary>
/// The pmsg log handler: events written to <c>/dev/pmsg0</c> survive a warm reboot in the ramoops region
/// and can be read on the next boot (<see cref="PstoreReader.AvailableLog"/>). It runs on the logging
/// core like any handler, with its own queue and overload protection.
/// </summary>
/// <example>
/// <code>
/// using var logs = new LogSystem();
/// logs.AddHandler(PmsgHandler.Create(new PmsgHandlerOptions { Level = Level.Notice }));
/// </code>
/// </example>
public static class PmsgHandler
{
    /// <summary>
    /// The pmsg line: RFC 3339 UTC time with microseconds, level, category, message, and the exception
    /// (when there is one) after a space, e.g.
    /// <c>2026-11-22T06:44:44.123456Z warning DeviceApp.Device: disk almost full</c>. The ring keeps the
    /// newest bytes and cuts the oldest line anywhere, so every line carries its own time and source.
    /// </summary>
    public const string Template = TemplateFormatterOptions.DefaultSingleLineTemplate;

    /// <summary>The pmsg line formatter: <see cref="Template"/>, newlines inside values replaced by spaces, UTC time.</summary>
    /// <param name="maxSize">Longest inserted value in bytes (null: no limit beyond the core's message truncation).</param>
    public static TemplateFormatter CreateFormatter(int? maxSize = null) => new(new TemplateFormatterOptions
    {
        Template = Template,
        SingleLine = true,
        UtcTime = true,
        MaxSize = maxSize,
    });

    /// <summary>
    /// A handler configuration for <see cref="Medulla.Logging.LogSystem.AddHandler"/>. The device is opened
    /// when the handler is added, so a missing /dev/pmsg0 fails that call with a
    /// <see cref="PmsgUnavailableException"/> that says what the kernel lacks.
    /// </summary>
    public static HandlerConfig Create(PmsgHandlerOptions? options = null)
    {
        options ??= new PmsgHandlerOptions();
        string path = options.Path;
        return new HandlerConfig
        {
            Id = options.Id,
            Sink = () => new PmsgSink(path),
            Level = options.Level,
            Filters = options.Filters,
            Formatter = options.Formatter ?? CreateFormatter(),
            Overload = options.Overload,
        };
    }
}
