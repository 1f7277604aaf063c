using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>
/// Reads typed values from configuration with errors that name the full key and the allowed values.
/// Hand-written instead of the reflection binder so it stays trimming- and AOT-safe.
/// </summary>
public static class ConfigValues
{
    /// <summary>A level, or <paramref name="fallback"/> when the key is absent.</summary>
    public static Level GetLevel(IConfiguration section, string key, Level fallback)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        return Levels.TryParse(text, out Level level)
            ? level
            : throw Error(section, key, $"'{text}' is not a log level; expected one of {Levels.AllowedNames}");
    }

    /// <summary>
    /// The longest duration a key accepts: the handler's waits, joins and timers take at most
    /// <see cref="int.MaxValue"/> milliseconds (about 24.8 days).
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>An integer within a range, or the fallback. Accepts KiB/MiB/GiB suffixes.</summary>
    public static int GetInt(IConfiguration section, string key, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        (int)GetLong(section, key, fallback, min, max);

    /// <summary>A 64-bit integer within a range, or the fallback. Accepts KiB/MiB/GiB suffixes.</summary>
    public static long GetLong(IConfiguration section, string key, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        return text is null ? fallback : ReadWhole(section, key, text, min, max, $"{min}..{max}");
    }

    /// <summary>An optional 64-bit integer within a range ("none", "infinity", "null" or empty mean null).</summary>
    public static long? GetOptionalLong(IConfiguration section, string key, long? fallback, long min = 0, long max = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        return MeansNone(text) ? null : ReadWhole(section, key, text, min, max, $"{min}..{max}, or none for no limit");
    }

    /// <summary>An optional integer within a range ("none", "infinity", "null" or empty mean null).</summary>
    public static int? GetOptionalInt(IConfiguration section, string key, int? fallback, int min = 0, int max = int.MaxValue) =>
        (int?)GetOptionalLong(section, key, fallback, min, max);

    /// <summary>An integer that is 0 (the feature is off) or from <paramref name="min"/> up, or the fallback.</summary>
    public static int GetIntOrOff(IConfiguration section, string key, int fallback, int min)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        string allowed = $"0 (off) or {min}..{int.MaxValue}";
        long value = ReadWhole(section, key, text, 0, int.MaxValue, allowed);
        return value is > 0 && value < min ? throw OutOfRange(section, key, text, allowed) : (int)value;
    }

    /// <summary>A boolean, or the fallback.</summary>
    public static bool GetBool(IConfiguration section, string key, bool fallback)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        return bool.TryParse(text, out bool value) ? value : throw Error(section, key, $"'{text}' is not true or false");
    }

    /// <summary>
    /// A duration from 0 (or more than 0 when <paramref name="allowZero"/> is false) up to
    /// <see cref="MaxDuration"/>: "00:00:05", "5s", "500ms", "2m", "1h", or a number of milliseconds.
    /// </summary>
    public static TimeSpan GetDuration(IConfiguration section, string key, TimeSpan fallback, bool allowZero = true)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        return text is null ? fallback : ReadDuration(section, key, text, allowZero, "");
    }

    /// <summary>An optional duration up to <see cref="MaxDuration"/> ("none", "infinity" or empty mean null).</summary>
    public static TimeSpan? GetOptionalDuration(IConfiguration section, string key, TimeSpan? fallback)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        return MeansNone(text) ? null : ReadDuration(section, key, text, allowZero: true, ", or none");
    }

    /// <summary>One of a fixed set of names (case-insensitive), or the fallback.</summary>
    public static T GetEnum<T>(IConfiguration section, string key, T fallback)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        foreach (T value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        string allowed = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        throw Error(section, key, $"'{text}' is not allowed; expected one of {allowed}");
    }

    /// <summary>An error naming the configuration path.</summary>
    public static LoggingConfigurationException Error(IConfiguration section, string key, string message)
    {
        string path = section is IConfigurationSection s ? $"{s.Path}:{key}" : key;
        return new LoggingConfigurationException($"{path}: {message}");
    }

    private static bool MeansNone(string text) =>
        text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase) ||
        text.Equals("infinity", StringComparison.OrdinalIgnoreCase) || text.Equals("null", StringComparison.OrdinalIgnoreCase);

    private static LoggingConfigurationException OutOfRange(IConfiguration section, string key, string text, string allowed) =>
        Error(section, key, $"{text.Trim()} is out of range; expected {allowed}");

    /// <summary>
    /// A whole number with an optional size suffix, checked against the range in exact arithmetic, so a
    /// value too large for a long is out of range rather than an overflow.
    /// </summary>
    private static long ReadWhole(IConfiguration section, string key, string text, long min, long max, string allowed)
    {
        string number = text.Trim();
        long factor = 1;
        foreach ((string suffix, long f) in (ReadOnlySpan<(string, long)>)[("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000)])
        {
            if (number.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                number = number[..^suffix.Length].Trim();
                break;
            }
        }
        if (!BigInteger.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger n))
        {
            throw Error(section, key, $"'{text}' is not a whole number; expected {allowed}");
        }
        BigInteger value = n * factor;
        return value < min || value > max ? throw OutOfRange(section, key, text, allowed) : (long)value;
    }

    /// <summary>
    /// A duration checked against its range in decimal milliseconds before a <see cref="TimeSpan"/> is
    /// made, so no value overflows and "2147483.647s" is exactly the largest.
    /// </summary>
    private static TimeSpan ReadDuration(IConfiguration section, string key, string text, bool allowZero, string orNone)
    {
        string allowed = (allowZero ? "0ms.." : "more than 0ms, up to ") + $"{int.MaxValue}ms (about 24.8 days){orNone}";
        string trimmed = text.Trim();
        (string Suffix, decimal Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("", 1)];
        foreach ((string suffix, decimal unit) in units)
        {
            if (!trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }
            string number = trimmed[..^suffix.Length];
            if (decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal n))
            {
                // Milliseconds beyond the range in any unit are refused before multiplying (decimal overflow).
                decimal ms = Math.Abs(n) <= int.MaxValue ? n * unit : n;
                return InRange(ms) ? TimeSpan.FromTicks((long)(ms * TimeSpan.TicksPerMillisecond)) : throw OutOfRange(section, key, text, allowed);
            }
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double big) && !double.IsNaN(big))
            {
                throw OutOfRange(section, key, text, allowed); // 1e300, Infinity: a number, too large for decimal
            }
        }
        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            return InRange((decimal)span.Ticks / TimeSpan.TicksPerMillisecond) ? span : throw OutOfRange(section, key, text, allowed);
        }
        throw Error(section, key, $"'{text}' is not a duration; expected {allowed}, written e.g. 500ms, 5s, 2m or 00:00:05");

        bool InRange(decimal ms) => ms <= int.MaxValue && (allowZero ? ms >= 0 : ms > 0);
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
