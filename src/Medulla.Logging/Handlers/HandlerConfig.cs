using System.Collections.Immutable;

namespace Medulla.Logging;

/// <summary>
/// One handler instance: where its records go (<see cref="Sink"/>), which events it takes, how it formats
/// them, and how it protects itself from overload. Immutable; change it with <c>with</c> and
/// <see cref="LogSystem.UpdateHandler"/>.
/// </summary>
public sealed record HandlerConfig
{
    /// <summary>Unique name of the handler ("console", "file", ...).</summary>
    public required string Id { get; init; }

    /// <summary>Creates the sink: once at start, and again when the handler restarts after an overload kill.</summary>
    public required Func<ILogSink> Sink { get; init; }

    /// <summary>Events less severe than this are not handled (default: all).</summary>
    public Level Level { get; init; } = Level.All;

    /// <summary>Handler filters, run after the primary filters.</summary>
    public ImmutableArray<LogFilter> Filters { get; init; } = [];

    /// <summary>What happens to an event every filter ignored.</summary>
    public FilterDefault FilterDefault { get; init; } = FilterDefault.Log;

    /// <summary>Turns events into records (default: the template formatter with its default template).</summary>
    public ILogFormatter Formatter { get; init; } = new TemplateFormatter();

    /// <summary>Overload protection.</summary>
    public OverloadOptions Overload { get; init; } = new();

    /// <summary>How long the queue must stay empty before the sink is flushed (and fsynced, for files).</summary>
    public TimeSpan FlushDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long removal or shutdown waits for queued records to be written.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            throw new ArgumentException("a handler needs a non-empty Id");
        }
        if (Sink is null || Formatter is null || Overload is null)
        {
            throw new ArgumentException($"handler '{Id}': Sink, Formatter and Overload are required");
        }
        if (Level is < Level.None or > Level.All)
        {
            throw new ArgumentException($"handler '{Id}': Level {Level} is not a level; expected one of {Levels.AllowedNames}");
        }
        if (FlushDelay <= TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"handler '{Id}': FlushDelay must be positive and ShutdownTimeout not negative");
        }
        try
        {
            Overload.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"handler '{Id}': {ex.Message}", ex);
        }
    }
}
