namespace Medulla.Logging;

/// <summary>
/// Settings a handler type gives its handlers when their configuration section leaves them out: a pmsg
/// handler, for example, takes only warnings and worse and formats each event as one line unless told
/// otherwise.
/// </summary>
public sealed record HandlerTypeDefaults
{
    /// <summary>The handler level when the section has no "Level" (default: all).</summary>
    public Level Level { get; init; } = Level.All;

    /// <summary>
    /// The formatter type (a key of <see cref="MedullaLoggingOptions.FormatterTypes"/>) when the section
    /// has no "Formatter:Type" (default: template).
    /// </summary>
    public string FormatterType { get; init; } = "template";
}
