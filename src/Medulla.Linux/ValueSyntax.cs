using System.Globalization;
using System.Numerics;

namespace Medulla.Linux;

/// <summary>
/// The one parser for the durations and sizes written in Medulla's configuration and in the heart
/// daemon's environment: durations "250ms", "5s", "2m", "1h", "00:00:05" or a bare number in the
/// caller's unit; sizes "512KiB", "10MiB", "1GiB", "10KB", "10MB", "1GB" or a bare number of bytes.
/// It returns exact values (decimal milliseconds, big integers) and leaves the allowed range to the
/// caller, so a value too large for a <see cref="TimeSpan"/>, an int or a long is out of range, never an
/// overflow or a silent truncation.
/// </summary>
internal static class ValueSyntax
{
    /// <summary>How the error messages spell the accepted duration forms.</summary>
    internal const string DurationForms = "500ms, 5s, 2m, 1h or 00:00:05";

    /// <summary>How the error messages spell the accepted size forms.</summary>
    internal const string SizeForms = "a number of bytes or a number with KiB, MiB, GiB, KB, MB or GB";

    private static readonly (string Suffix, decimal Milliseconds)[] DurationUnits =
        [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];

    private static readonly (string Suffix, long Factor)[] SizeUnits =
        [("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000)];

    /// <summary>
    /// Reads a duration as exact milliseconds. A number too large for <see cref="decimal"/> (1e300,
    /// Infinity) reads as <see cref="decimal.MaxValue"/> or <see cref="decimal.MinValue"/>, so any range
    /// check refuses it.
    /// </summary>
    /// <param name="text">The text, with or without surrounding spaces.</param>
    /// <param name="bareUnitMilliseconds">What a number without a unit counts: 1 for milliseconds, 1000 for seconds.</param>
    /// <param name="milliseconds">The duration in milliseconds (may be negative).</param>
    /// <returns>False when the text is not a duration at all.</returns>
    internal static bool TryParseDuration(string text, decimal bareUnitMilliseconds, out decimal milliseconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        foreach ((string suffix, decimal unit) in DurationUnits)
        {
            // "5ms" also ends with "s": the units are tried longest first, and only digits may precede one.
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(trimmed[..^suffix.Length], unit, out milliseconds))
            {
                return true;
            }
        }
        if (TryNumber(trimmed, bareUnitMilliseconds, out milliseconds))
        {
            return true;
        }
        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            milliseconds = (decimal)span.Ticks / TimeSpan.TicksPerMillisecond;
            return true;
        }
        milliseconds = 0;
        return false;
    }

    /// <summary>Milliseconds as a <see cref="TimeSpan"/>; only for values a range check has already bounded.</summary>
    internal static TimeSpan ToTimeSpan(decimal milliseconds) => TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));

    /// <summary>Reads a size (or a plain whole number) in bytes, exactly; false when it is not a whole number.</summary>
    internal static bool TryParseSize(string text, out BigInteger bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        string number = text.Trim();
        long factor = 1;
        foreach ((string suffix, long f) in SizeUnits)
        {
            if (number.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                number = number[..^suffix.Length].Trim();
                break;
            }
        }
        if (BigInteger.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger n))
        {
            bytes = n * factor;
            return true;
        }
        bytes = 0;
        return false;
    }

    private static bool TryNumber(string number, decimal unit, out decimal milliseconds)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            milliseconds = 0;
            return false;
        }
        if (decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal n))
        {
            // Beyond about 79e24 ms the product would overflow decimal: saturate instead.
            milliseconds = Math.Abs(n) <= decimal.MaxValue / unit ? n * unit : n < 0 ? decimal.MinValue : decimal.MaxValue;
            return true;
        }
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double big) && !double.IsNaN(big))
        {
            milliseconds = big < 0 ? decimal.MinValue : decimal.MaxValue; // 1e300, Infinity: a number, too large for decimal
            return true;
        }
        milliseconds = 0;
        return false;
    }
}
