using System.Collections.Concurrent;
using System.Globalization;
using Medulla.Logging;

namespace Medulla.SystemLog;

/// <summary>
/// Feeds kernel records and syslog messages into a <see cref="LogSystem"/> through its normal path (level
/// threshold, filters, every handler's overload protection). The level is the severity (syslog's eight
/// severities are Medulla's eight levels); the category is <c>kernel</c> for the kernel log and the app
/// name (or <c>syslog</c>) for a datagram; the parsed fields travel as metadata (a scope of key/value pairs,
/// so <see cref="LogEvent.TryGetMetadata"/> and the JSON formatter see them).
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
        var metadata = new EventMetadata(5 + record.Properties.Count);
        metadata.Add("facility", record.Facility);
        metadata.Add("severity", record.Severity);
        metadata.Add("seq", record.Sequence);
        metadata.Add("kernel_usec", record.Microseconds);
        metadata.Add("flags", record.Flags);
        foreach (KeyValuePair<string, string> property in record.Properties)
        {
            metadata.Add(property.Key, property.Value);
        }
        using (_kernel.BeginScope(metadata))
        {
            _kernel.Log(level, record.Message);
        }
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
        var metadata = new EventMetadata(12);
        metadata.Add("facility", message.Facility);
        metadata.Add("severity", message.Severity);
        Add(metadata, "timestamp", message.Timestamp?.ToString("O", CultureInfo.InvariantCulture));
        Add(metadata, "hostname", message.Hostname);
        Add(metadata, "app", message.AppName);
        Add(metadata, "procid", message.ProcId);
        Add(metadata, "msgid", message.MsgId);
        if (message.StructuredData.Count > 0)
        {
            metadata.Add("structured_data", message.StructuredData);
        }
        if (message.SenderPid is int pid)
        {
            metadata.Add("sender_pid", pid);
        }
        if (message.SenderUid is long uid)
        {
            metadata.Add("sender_uid", uid);
        }
        if (message.IsMalformed)
        {
            metadata.Add("malformed", true);
            Add(metadata, "error", message.Error);
        }
        if (message.Truncated)
        {
            metadata.Add("truncated", true);
        }
        using (logger.BeginScope(metadata))
        {
            logger.Log(level, message.Message);
        }
    }

    private static void Add(EventMetadata metadata, string key, string? value)
    {
        if (value is not null)
        {
            metadata.Add(key, value);
        }
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
