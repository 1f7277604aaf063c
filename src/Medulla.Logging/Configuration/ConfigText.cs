using System.Numerics;
using Medulla.Linux;

namespace Medulla.Logging;

/// <summary>
/// Turns the text of one configuration value (bound as a string by the configuration binder's source
/// generator) into its typed value, checking the allowed range. Every error names the full key, the
/// value and what is allowed. Durations and sizes use the one syntax of <see cref="ValueSyntax"/>.
/// </summary>
internal static class ConfigText
{
    /// <summary>
    /// The longest duration a key accepts: the handler's waits, joins and timers take at most
    /// <see cref="int.MaxValue"/> milliseconds (about 24.8 days).
    /// </summary>
    internal static readonly TimeSpan MaxDuration = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>The full key of <paramref name="key"/> under the section at <paramref name="path"/>.</summary>
    internal static string Key(string path, string key) => path.Length == 0 ? key : $"{path}:{key}";

    /// <summary>A level, or <paramref name="fallback"/> when the value is absent.</summary>
    internal static Level Level(string? text, string key, Level fallback)
    {
        if (text is null)
        {
            return fallback;
        }
        return Levels.TryParse(text, out Level level)
            ? level
            : throw Error(key, $"'{text}' is not a log level; expected one of {Levels.AllowedNames}");
    }

    /// <summary>An integer within a range, or the fallback. Accepts the size suffixes.</summary>
    internal static int Int(string? text, string key, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        (int)Long(text, key, fallback, min, max);

    /// <summary>A 64-bit integer within a range, or the fallback. Accepts the size suffixes.</summary>
    internal static long Long(string? text, string key, long fallback, long min = long.MinValue, long max = long.MaxValue) =>
        text is null ? fallback : Whole(text, key, min, max, $"{min}..{max}");

    /// <summary>An optional 64-bit integer within a range ("none", "infinity", "null" or empty mean null).</summary>
    internal static long? OptionalLong(string? text, string key, long? fallback, long min = 0, long max = long.MaxValue)
    {
        if (text is null)
        {
            return fallback;
        }
        return MeansNone(text) ? null : Whole(text, key, min, max, $"{min}..{max}, or none for no limit");
    }

    /// <summary>An optional integer within a range ("none", "infinity", "null" or empty mean null).</summary>
    internal static int? OptionalInt(string? text, string key, int? fallback, int min = 0, int max = int.MaxValue) =>
        (int?)OptionalLong(text, key, fallback, min, max);

    /// <summary>An integer that is 0 (the feature is off) or from <paramref name="min"/> up, or the fallback.</summary>
    internal static int IntOrOff(string? text, string key, int fallback, int min)
    {
        if (text is null)
        {
            return fallback;
        }
        string allowed = $"0 (off) or {min}..{int.MaxValue}";
        long value = Whole(text, key, 0, int.MaxValue, allowed);
        return value is > 0 && value < min ? throw OutOfRange(key, text, allowed) : (int)value;
    }

    /// <summary>A boolean, or the fallback.</summary>
    internal static bool Bool(string? text, string key, bool fallback)
    {
        if (text is null)
        {
            return fallback;
        }
        return bool.TryParse(text, out bool value) ? value : throw Error(key, $"'{text}' is not true or false");
    }

    /// <summary>
    /// A duration from 0 (or more than 0 when <paramref name="allowZero"/> is false) up to
    /// <see cref="MaxDuration"/>; a bare number counts milliseconds.
    /// </summary>
    internal static TimeSpan Duration(string? text, string key, TimeSpan fallback, bool allowZero = true) =>
        text is null ? fallback : ReadDuration(text, key, allowZero, "");

    /// <summary>An optional duration up to <see cref="MaxDuration"/> ("none", "infinity" or empty mean null).</summary>
    internal static TimeSpan? OptionalDuration(string? text, string key, TimeSpan? fallback)
    {
        if (text is null)
        {
            return fallback;
        }
        return MeansNone(text) ? null : ReadDuration(text, key, allowZero: true, ", or none");
    }

    /// <summary>One of a fixed set of names (case-insensitive), or the fallback.</summary>
    internal static T Enum<T>(string? text, string key, T fallback)
        where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }
        foreach (T value in System.Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        string allowed = string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        throw Error(key, $"'{text}' is not allowed; expected one of {allowed}");
    }

    /// <summary>An error naming the full key.</summary>
    internal static LoggingConfigurationException Error(string key, string message) => new($"{key}: {message}");

    private static bool MeansNone(string text) =>
        text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase) ||
        text.Equals("infinity", StringComparison.OrdinalIgnoreCase) || text.Equals("null", StringComparison.OrdinalIgnoreCase);

    private static LoggingConfigurationException OutOfRange(string key, string text, string allowed) =>
        Error(key, $"{text.Trim()} is out of range; expected {allowed}");

    /// <summary>A whole number with an optional size suffix, checked against the range in exact arithmetic.</summary>
    private static long Whole(string text, string key, long min, long max, string allowed)
    {
        if (!ValueSyntax.TryParseSize(text, out BigInteger value))
        {
            throw Error(key, $"'{text}' is not a whole number; expected {allowed} ({ValueSyntax.SizeForms})");
        }
        return value < min || value > max ? throw OutOfRange(key, text, allowed) : (long)value;
    }

    /// <summary>A duration checked against its range in exact milliseconds before a <see cref="TimeSpan"/> is made.</summary>
    private static TimeSpan ReadDuration(string text, string key, bool allowZero, string orNone)
    {
        string allowed = (allowZero ? "0ms.." : "more than 0ms, up to ") + $"{int.MaxValue}ms (about 24.8 days){orNone}";
        if (!ValueSyntax.TryParseDuration(text, 1, out decimal ms))
        {
            throw Error(key, $"'{text}' is not a duration; expected {allowed}, written e.g. {ValueSyntax.DurationForms}; a bare number counts milliseconds");
        }
        bool inRange = ms <= int.MaxValue && (allowZero ? ms >= 0 : ms > 0);
        return inRange ? ValueSyntax.ToTimeSpan(ms) : throw OutOfRange(key, text, allowed);
    }
}

/// <summary>A configuration value Medulla cannot use; the message names the key and the allowed values.</summary>
public sealed class LoggingConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LoggingConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    public LoggingConfigurationException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public LoggingConfigurationException() { }
}
