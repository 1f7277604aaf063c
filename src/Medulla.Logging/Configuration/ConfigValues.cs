using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Medulla.Logging.Configuration;

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

    /// <summary>An integer within a range, or the fallback.</summary>
    public static int GetInt(IConfiguration section, string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        long value = GetLong(section, key, fallback, min, max);
        return (int)value;
    }

    /// <summary>A 64-bit integer within a range, or the fallback. Accepts KiB/MiB/GiB suffixes.</summary>
    public static long GetLong(IConfiguration section, string key, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        if (!TryParseSize(text, out long value))
        {
            throw Error(section, key, $"'{text}' is not a whole number");
        }
        if (value < min || value > max)
        {
            throw Error(section, key, $"{value} is out of range; expected {min}..{max}");
        }
        return value;
    }

    /// <summary>An optional 64-bit integer ("none", "infinity" or empty mean null).</summary>
    public static long? GetOptionalLong(IConfiguration section, string key, long? fallback, long min = 0)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        if (text.Length == 0 || text is "none" or "infinity" or "null")
        {
            return null;
        }
        return GetLong(section, key, 0, min);
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

    /// <summary>A duration: "00:00:05", "5s", "500ms", "2m", or a number of milliseconds.</summary>
    public static TimeSpan GetDuration(IConfiguration section, string key, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        return TryParseDuration(text, out TimeSpan value)
            ? value
            : throw Error(section, key, $"'{text}' is not a duration; use e.g. 500ms, 5s, 2m or 00:00:05");
    }

    /// <summary>An optional duration ("none"/"infinity" mean null).</summary>
    public static TimeSpan? GetOptionalDuration(IConfiguration section, string key, TimeSpan? fallback)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }
        return text is "none" or "infinity" or "" ? null : GetDuration(section, key, TimeSpan.Zero);
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

    private static bool TryParseSize(string text, out long value)
    {
        text = text.Trim();
        long factor = 1;
        foreach ((string suffix, long f) in (ReadOnlySpan<(string, long)>)[("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000)])
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                text = text[..^suffix.Length].Trim();
                break;
            }
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            value = checked(n * factor);
            return true;
        }
        value = 0;
        return false;
    }

    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        text = text.Trim();
        (string Suffix, double Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach ((string suffix, double ms) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n >= 0)
            {
                value = TimeSpan.FromMilliseconds(n * ms);
                return true;
            }
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain) && plain >= 0)
        {
            value = TimeSpan.FromMilliseconds(plain);
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
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
