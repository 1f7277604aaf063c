using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Medulla.Logging;

/// <summary>
/// The logger for one category. Checks the level before anything is built (no allocation, a few
/// nanoseconds), and offers a zero-allocation interpolated-string API besides <see cref="ILogger"/>.
/// </summary>
public sealed class CategoryLogger : ILogger
{
    private readonly LogSystem _system;
    private readonly byte[] _categoryUtf8;
    private Pipeline? _seen;
    private int _gate = (int)Level.None;

    internal CategoryLogger(LogSystem system, string category, IReadOnlyList<string>? domain)
    {
        _system = system;
        Category = category;
        _categoryUtf8 = global::System.Text.Encoding.UTF8.GetBytes(category);
        Domain = domain;
    }

    /// <summary>The category.</summary>
    public string Category { get; }

    /// <summary>The domain given to every event of this logger (null: undefined).</summary>
    public IReadOnlyList<string>? Domain { get; }

    /// <summary>The system this logger belongs to.</summary>
    public LogSystem System => _system;

    /// <summary>Whether an event of <paramref name="level"/> would be handled by at least one handler's level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEnabled(Level level)
    {
        Pipeline p = _system.Current;
        if (!ReferenceEquals(p, _seen))
        {
            Refresh(p);
        }
        return (int)level <= _gate;
    }

    /// <summary>Logs an interpolated message; holes become properties named by their expressions.</summary>
    public void Log(Level level, [InterpolatedStringHandlerArgument("", "level")] ref LogMessage message)
    {
        if (message.IsEnabled)
        {
            Complete(message.TakeEvent(), null);
        }
    }

    /// <summary>Logs an interpolated message with an exception.</summary>
    public void Log(Level level, Exception? exception, [InterpolatedStringHandlerArgument("", "level")] ref LogMessage message)
    {
        if (message.IsEnabled)
        {
            Complete(message.TakeEvent(), exception);
        }
    }

    /// <summary>Logs a plain text message.</summary>
    public void Log(Level level, string message, Exception? exception = null)
    {
        if (!IsEnabled(level))
        {
            return;
        }
        LogEvent e = Start(level);
        Utf8Values.WriteString(e.MessageBuffer, message);
        Complete(e, exception);
    }

    /// <summary>
    /// Logs a plain text message with metadata of its own: key/value pairs that
    /// <see cref="LogEvent.TryGetMetadata"/>, <see cref="LogEvent.ForEachScope"/> and the formatters see as
    /// the innermost scope, without pushing a scope for the calling thread (cheaper for one event, and
    /// nothing to dispose). A <see cref="LogEvent.Snapshot"/> keeps a reference to the list: do not change
    /// it after the call.
    /// </summary>
    /// <example>
    /// <code>
    /// logger.Log(Level.Warning, "disk almost full", [new("mount", "/data"), new("free_bytes", 1024L)], null);
    /// </code>
    /// </example>
    public void Log(Level level, string message, IReadOnlyList<KeyValuePair<string, object?>> metadata, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!IsEnabled(level))
        {
            return;
        }
        LogEvent e = Start(level);
        Utf8Values.WriteString(e.MessageBuffer, message);
        e.SetMetadata(metadata);
        Complete(e, exception);
    }

    // ---- Microsoft.Extensions.Logging ----

    /// <inheritdoc />
    public bool IsEnabled(MelLogLevel logLevel) => logLevel != MelLogLevel.None && IsEnabled(Levels.FromMicrosoft(logLevel));

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _system.ScopeProvider.Push(state);

    /// <inheritdoc />
    public void Log<TState>(MelLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == MelLogLevel.None)
        {
            return;
        }
        Level level = Levels.FromMicrosoft(logLevel);
        if (!IsEnabled(level))
        {
            return;
        }
        ArgumentNullException.ThrowIfNull(formatter);
        LogEvent e = Start(level);
        e.EventId = eventId;
        if (logLevel == MelLogLevel.Trace)
        {
            e.OriginalLevel = "trace";
        }
        WriteState(ref state, exception, formatter, e);
        Complete(e, exception);
    }

    /// <summary>
    /// Fills message, template and properties from MEL state: LoggerMessage.Define's state through its
    /// writer (values read without boxing), other structured state by rendering "{OriginalFormat}" with
    /// its values straight into the buffer, anything else through the state's formatter.
    /// </summary>
    private static void WriteState<TState>(ref TState state, Exception? exception, Func<TState, Exception?, string> formatter, LogEvent e)
    {
        if (MelStateWriter<TState>.Instance is { } writer && writer.TryWrite(ref state, e))
        {
            return;
        }
        if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            e.SetObjectProperties(properties);
            if (TryRender(properties, e))
            {
                return;
            }
        }
        Utf8Values.WriteString(e.MessageBuffer, formatter(state, exception));
    }

    private static bool TryRender(IReadOnlyList<KeyValuePair<string, object?>> properties, LogEvent e)
    {
        int count = properties.Count;
        if (count == 0 || e.Template is not { } template || properties[count - 1].Key != "{OriginalFormat}")
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != count - 1 || count == 1)
        {
            // No values: MEL writes the template as it is, braces included.
            return false;
        }
        Utf8Buffer buffer = e.MessageBuffer;
        t.WriteLiteral(buffer, 0);
        for (int i = 0; i < count - 1; i++)
        {
            t.WriteHoleText(buffer, i, properties[i].Value);
            t.WriteLiteral(buffer, i + 1);
        }
        return true;
    }

    internal LogEvent Start(Level level)
    {
        LogEvent e = LogSystem.RentEvent();
        e.Reset(level, Category, _categoryUtf8, _system.UtcNow);
        e.Domain = Domain;
        return e;
    }

    private void Complete(LogEvent e, Exception? exception)
    {
        try
        {
            e.Exception = exception;
            e.SetScopeProvider(_system.ScopeProvider);
            _system.Dispatch(e, _system.Current);
        }
        finally
        {
            LogSystem.ReturnEvent(e);
        }
    }

    private void Refresh(Pipeline p)
    {
        Level threshold = p.Config.LevelFor(Category);
        Level handlers = p.MostPermissiveHandlerLevel();
        _gate = Math.Min((int)threshold, (int)handlers);
        _seen = p;
    }
}
