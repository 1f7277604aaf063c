using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Medulla.Logging;

/// <summary>
/// The eight syslog severities (RFC 5424), plus <see cref="None"/> and <see cref="All"/> for thresholds.
/// An event passes a threshold when its integer is less than or equal to the threshold's.
/// </summary>
public enum Level
{
    /// <summary>Threshold that lets nothing through.</summary>
    None = -1,
    /// <summary>System is unusable.</summary>
    Emergency = 0,
    /// <summary>Action must be taken immediately.</summary>
    Alert = 1,
    /// <summary>Critical conditions.</summary>
    Critical = 2,
    /// <summary>Error conditions.</summary>
    Error = 3,
    /// <summary>Warning conditions.</summary>
    Warning = 4,
    /// <summary>Normal but significant conditions.</summary>
    Notice = 5,
    /// <summary>Informational messages.</summary>
    Info = 6,
    /// <summary>Debug-level messages.</summary>
    Debug = 7,
    /// <summary>Threshold that lets everything through.</summary>
    All = 8,
}

/// <summary>Names, parsing and mapping of <see cref="Level"/>.</summary>
public static class Levels
{
    private static readonly string[] Names =
        ["emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

    private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, n => System.Text.Encoding.UTF8.GetBytes(n));

    /// <summary>The accepted spellings, for error messages.</summary>
    public const string AllowedNames = "emergency, alert, critical, error, warning, notice, info, debug, none, all";

    /// <summary>Lower-case name of a level ("info", "none", ...).</summary>
    public static string Name(this Level level) => level switch
    {
        Level.None => "none",
        Level.All => "all",
        _ when IsSeverity(level) => Names[(int)level],
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a Medulla level"),
    };

    /// <summary>UTF-8 lower-case name of a severity (not none/all).</summary>
    public static ReadOnlySpan<byte> Utf8Name(this Level level) => Utf8Names[(int)level];

    /// <summary>Whether the value is one of the eight severities an event can carry.</summary>
    public static bool IsSeverity(this Level level) => level is >= Level.Emergency and <= Level.Debug;

    /// <summary>Whether an event of <paramref name="level"/> passes <paramref name="threshold"/>.</summary>
    public static bool Passes(this Level level, Level threshold) => (int)level <= (int)threshold;

    /// <summary>
    /// Parses a level name: the syslog names, their common aliases (emerg, crit, err, warn, information,
    /// trace, verbose), Microsoft.Extensions.Logging names, or the integers 0..7. Case-insensitive.
    /// </summary>
    public static bool TryParse(string? text, out Level level)
    {
        level = Level.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        string t = text.Trim().ToLowerInvariant();
        Level? parsed = t switch
        {
            "none" or "off" => Level.None,
            "emergency" or "emerg" => Level.Emergency,
            "alert" => Level.Alert,
            "critical" or "crit" => Level.Critical,
            "error" or "err" => Level.Error,
            "warning" or "warn" => Level.Warning,
            "notice" => Level.Notice,
            "info" or "information" => Level.Info,
            "debug" or "trace" or "verbose" => Level.Debug,
            "all" => Level.All,
            _ => int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n is >= 0 and <= 7 ? (Level)n : null,
        };
        if (parsed is null)
        {
            return false;
        }
        level = parsed.Value;
        return true;
    }

    /// <summary>Parses a level or throws a <see cref="FormatException"/> naming the allowed values.</summary>
    public static Level Parse(string? text) => TryParse(text, out Level level)
        ? level
        : throw new FormatException($"'{text}' is not a log level; expected one of {AllowedNames}");

    /// <summary>Maps a Microsoft.Extensions.Logging level (Trace and Debug both become debug).</summary>
    public static Level FromMicrosoft(MelLogLevel level) => level switch
    {
        MelLogLevel.Trace => Level.Debug,
        MelLogLevel.Debug => Level.Debug,
        MelLogLevel.Information => Level.Info,
        MelLogLevel.Warning => Level.Warning,
        MelLogLevel.Error => Level.Error,
        MelLogLevel.Critical => Level.Critical,
        _ => Level.None,
    };

    /// <summary>Maps a level to the closest Microsoft.Extensions.Logging level.</summary>
    public static MelLogLevel ToMicrosoft(this Level level) => level switch
    {
        Level.None => MelLogLevel.None,
        <= Level.Critical => MelLogLevel.Critical,
        Level.Error => MelLogLevel.Error,
        Level.Warning => MelLogLevel.Warning,
        Level.Notice or Level.Info => MelLogLevel.Information,
        _ => MelLogLevel.Debug,
    };
}
