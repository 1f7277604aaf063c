using System.Collections.Concurrent;
using Medulla.Logging;

namespace Medulla.SystemLog;

/// <summary>
/// Feeds kernel records and syslog messages into a <see cref="LogSystem"/> through its normal path (level
/// threshold, filters, every handler's overload protection). The level is the severity (syslog's eight
/// severities are Medulla's eight levels); the category is <c>kernel</c> for the kernel log and the app
/// name (or <c>syslog</c>) for a datagram; the parsed fields travel as the event's own metadata (key/value
/// pairs that <see cref="LogEvent.TryGetMetadata"/> and the JSON formatter see as its innermost scope).
/// </summary>
public sealed class SystemLogForwarder
{
    /// <summary>The category of kernel log records.</summary>
    public const string KernelCategory = "kernel";

    /// <summary>The category of syslog messages without an app name.</summary>
    public const string SyslogCategory = "syslog";

    // App names come from any local program: keep a bounded set of loggers, create the rest on the fly.
    private const int MaxCachedLoggers = 256;

    private readonly LogSystem _system;
    private readonly CategoryLogger _kernel;
    private readonly CategoryLogger _syslog;
    private readonly ConcurrentDictionary<string, CategoryLogger> _byApp = new(StringComparer.Ordinal);

    /// <summary>Creates a forwarder into <paramref name="system"/>.</summary>
    public SystemLogForwarder(LogSystem system)
    {
        _system = system ?? throw new ArgumentNullException(nameof(system));
        _kernel = system.GetLogger(KernelCategory);
        _syslog = system.GetLogger(SyslogCategory);
    }

    /// <summary>The level of a syslog severity (0 emergency .. 7 debug): the same number.</summary>
    public static Level LevelOf(int severity) => (Level)Math.Clamp(severity, (int)Level.Emergency, (int)Level.Debug);

    /// <summary>Logs a kernel record as category <c>kernel</c>.</summary>
    public void Forward(KmsgRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Level level = LevelOf(record.Severity);
        if (!_kernel.IsEnabled(level))
        {
            return;
        }
        _kernel.Log(level, record.Message, new KmsgMetadata(record), null);
    }

    /// <summary>Logs a syslog message with its app name as the category (or <c>syslog</c>).</summary>
    public void Forward(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Level level = LevelOf(message.Severity);
        CategoryLogger logger = LoggerFor(message.AppName);
        if (!logger.IsEnabled(level))
        {
            return;
        }
        logger.Log(level, message.Message, new SyslogMetadata(message), null);
    }

    private CategoryLogger LoggerFor(string? app)
    {
        if (string.IsNullOrEmpty(app))
        {
            return _syslog;
        }
        if (_byApp.TryGetValue(app, out CategoryLogger? logger))
        {
            return logger;
        }
        logger = _system.GetLogger(app);
        if (_byApp.Count < MaxCachedLoggers)
        {
            _byApp.TryAdd(app, logger);
        }
        return logger;
    }
}
