using System.Globalization;
using System.Text;

namespace Medulla.Firmware;

/// <summary>
/// The locations of the U-Boot environment, as fw_env.config lists them: one line per copy,
/// <c>&lt;device&gt; &lt;offset&gt; &lt;env size&gt; [sector size] [sector count]</c>. One line is the
/// single layout, two lines a redundant pair.
/// </summary>
/// <remarks>
/// Numbers mean what they mean to fw_printenv (libubootenv and U-Boot's own tool read them with
/// <c>%lli</c> and <c>%lx</c>): the offset in C's automatic base (<c>0x</c> hexadecimal, a leading 0 octal,
/// else decimal), and may be negative, counting back from the end of the device or file; the env size,
/// sector size and sector count are always hexadecimal, with or without <c>0x</c>. Fields are separated
/// by spaces and tabs (and C's other white space, \v, \f, \r), not by other Unicode white space. A
/// <c>#</c> at the start of a line or after white space starts a comment (so a device path may contain
/// <c>#</c>).
/// </remarks>
public sealed class FwEnvConfig
{
    /// <summary>Where the boot loader tools and Medulla look for the configuration by default.</summary>
    public const string DefaultPath = "/etc/fw_env.config";

    /// <summary>
    /// The largest env size accepted: far above any boot loader's environment (typically 8 to 128 KiB), low
    /// enough that a buffer of that size can always be allocated.
    /// </summary>
    public const int MaxEnvSize = 0x4000000;

    private const string LineSyntax = "'<device> <offset> <env size> [sector size] [sector count]'";

    /// <summary>Creates a configuration from one location (single layout) or two (redundant pair).</summary>
    /// <exception cref="ArgumentException">
    /// Not one or two copies, copies of different sizes, a size too small for the layout's header, or an
    /// empty device name.
    /// </exception>
    public FwEnvConfig(IReadOnlyList<EnvCopyLocation> copies)
        : this(copies, sources: null)
    {
    }

    private FwEnvConfig(IReadOnlyList<EnvCopyLocation> copies, IReadOnlyList<string>? sources)
    {
        _sources = sources;
        ArgumentNullException.ThrowIfNull(copies);
        if (copies.Count is not (1 or 2))
        {
            throw new ArgumentException($"an environment has one copy or a redundant pair of two, not {copies.Count}", nameof(copies));
        }
        Layout = copies.Count == 2 ? EnvLayout.Redundant : EnvLayout.SingleCopy;
        EnvSize = copies[0].Size;
        foreach (EnvCopyLocation copy in copies)
        {
            ArgumentNullException.ThrowIfNull(copy, nameof(copies));
            if (string.IsNullOrEmpty(copy.Device))
            {
                throw new ArgumentException("an environment copy has an empty device name", nameof(copies));
            }
            if (copy.Size != EnvSize)
            {
                throw new ArgumentException($"the copies differ in size ({FormatNumber(EnvSize)} and {FormatNumber(copy.Size)})", nameof(copies));
            }
        }
        int minimum = UBootEnvCodec.MinimumEnvSize(Layout);
        if (EnvSize < minimum)
        {
            throw new ArgumentException($"env size {EnvSize} is too small: the {Describe(Layout)} layout needs at least {minimum} bytes", nameof(copies));
        }
        if (EnvSize > MaxEnvSize)
        {
            throw new ArgumentException($"env size {FormatNumber(EnvSize)} is too large: {MaxEnvSizeText}", nameof(copies));
        }
        Copies = [.. copies];
    }

    private const string MaxEnvSizeText = "at most 0x4000000 bytes (64 MiB)";

    private readonly IReadOnlyList<string>? _sources;

    /// <summary>The copies in file order; the first is copy 0, the one U-Boot prefers when both are equally new.</summary>
    public IReadOnlyList<EnvCopyLocation> Copies { get; }

    /// <summary>Single for one copy, redundant for two.</summary>
    public EnvLayout Layout { get; }

    /// <summary>The size of each copy in bytes, header included.</summary>
    public int EnvSize { get; }

    /// <summary>
    /// A configuration for an environment image in a file: one copy at offset 0, or for the redundant
    /// layout a second copy right after it.
    /// </summary>
    public static FwEnvConfig ForImage(string path, EnvLayout layout, int envSize) =>
        layout == EnvLayout.SingleCopy
            ? new FwEnvConfig([new EnvCopyLocation(path, 0, envSize)])
            : new FwEnvConfig([new EnvCopyLocation(path, 0, envSize), new EnvCopyLocation(path, envSize, envSize)]);

    /// <summary>Reads and parses a configuration file.</summary>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when missing).</exception>
    /// <exception cref="FwEnvConfigException">The content is not a valid configuration; the message names the line.</exception>
    public static FwEnvConfig Load(string path = DefaultPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses the text of a configuration file.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <exception cref="FwEnvConfigException">The text is not a valid configuration; the message names the line.</exception>
    public static FwEnvConfig Parse(string text, string fileName = "fw_env.config")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var copies = new List<EnvCopyLocation>(2);
        var lineNumbers = new List<int>(2);
        var sources = new List<string>(2);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            List<string> fields = Fields(lines[i]);
            if (fields.Count == 0)
            {
                continue;
            }
            FwEnvConfigException Error(string reason) => new(fileName, lineNumber, reason);
            if (fields.Count < 3)
            {
                throw Error($"expected {LineSyntax}, found {fields.Count} field{(fields.Count == 1 ? "" : "s")}");
            }
            if (fields.Count > 5)
            {
                throw Error($"expected {LineSyntax}, found {fields.Count} fields");
            }
            if (copies.Count == 2)
            {
                throw Error("a third environment location; at most two (a redundant pair) are allowed");
            }
            long offset = Offset(fields[1], Error);
            long size = Hexadecimal(fields[2], "env size", Error);
            if (size == 0)
            {
                throw Error($"env size '{fields[2]}' must be greater than 0");
            }
            if (size > MaxEnvSize)
            {
                throw Error($"env size '{fields[2]}' is too large: {MaxEnvSizeText}");
            }
            long? sectorSize = fields.Count > 3 ? Hexadecimal(fields[3], "sector size", Error) : null;
            long? sectorCount = fields.Count > 4 ? Hexadecimal(fields[4], "sector count", Error) : null;
            if (copies.Count == 1 && copies[0].Size != size)
            {
                throw Error($"env size '{fields[2]}' differs from the first copy's {FormatNumber(copies[0].Size)}; both copies must have the same size");
            }
            copies.Add(new EnvCopyLocation(fields[0], offset, (int)size, sectorSize, sectorCount));
            lineNumbers.Add(lineNumber);
            sources.Add($"{fileName}:{lineNumber}");
        }
        if (copies.Count == 0)
        {
            throw new FwEnvConfigException(fileName, 0, "no environment location: expected one line (a single copy) or two (a redundant pair)");
        }
        EnvLayout layout = copies.Count == 2 ? EnvLayout.Redundant : EnvLayout.SingleCopy;
        int minimum = UBootEnvCodec.MinimumEnvSize(layout);
        if (copies[0].Size < minimum)
        {
            throw new FwEnvConfigException(fileName, lineNumbers[0],
                $"env size {FormatNumber(copies[0].Size)} is too small: the {Describe(layout)} layout needs at least {minimum} bytes");
        }
        return new FwEnvConfig(copies, sources);
    }

    /// <summary>The configuration as fw_env.config text, sizes in hexadecimal so every tool reads them alike.</summary>
    public string ToConfigText()
    {
        var text = new StringBuilder();
        foreach (EnvCopyLocation copy in Copies)
        {
            text.Append(copy.Device).Append(' ').Append(FormatNumber(copy.Offset)).Append(' ').Append(FormatNumber(copy.Size));
            if (copy.SectorSize is long sectorSize)
            {
                text.Append(' ').Append(FormatNumber(sectorSize));
                if (copy.SectorCount is long sectorCount)
                {
                    text.Append(' ').Append(FormatNumber(sectorCount));
                }
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Where copy <paramref name="index"/> was configured, as a message prefix (<c>fw_env.config:2: </c>);
    /// empty for a configuration built in code.
    /// </summary>
    internal string SourcePrefix(int index) => _sources is null ? "" : _sources[index] + ": ";

    /// <summary>A number as 0x-prefixed hexadecimal, with a leading minus sign when negative.</summary>
    internal static string FormatNumber(long value) => value < 0
        ? "-0x" + ((ulong)(-(value + 1)) + 1).ToString("x", CultureInfo.InvariantCulture)
        : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Describe(EnvLayout layout) => layout == EnvLayout.SingleCopy ? "single" : "redundant";

    /// <summary>
    /// The fields of a line, without its comment, split at C's white space (space, \t, \v, \f, \r) as
    /// fw_printenv's sscanf splits them; other Unicode white space belongs to a field.
    /// </summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>(5);
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsSeparator(line[i]))
            {
                i++;
            }
            if (i == line.Length || line[i] == '#')
            {
                break;
            }
            int start = i;
            while (i < line.Length && !IsSeparator(line[i]))
            {
                i++;
            }
            fields.Add(line[start..i]);
        }
        return fields;
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r';

    /// <summary>The offset, as C's <c>%lli</c> reads it: an optional '-', then <c>0x</c> hexadecimal, a leading 0 octal, or decimal.</summary>
    private static long Offset(string token, Func<string, FwEnvConfigException> error)
    {
        ReadOnlySpan<char> digits = token;
        bool negative = digits.StartsWith('-');
        if (negative)
        {
            digits = digits[1..];
        }
        int radix = 10;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            digits = digits[2..];
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
            digits = digits[1..];
        }
        ulong magnitude = Magnitude(token, digits, radix, "offset", error);
        return negative ? -(long)magnitude : (long)magnitude;
    }

    /// <summary>A size or count, as C's <c>%lx</c> reads it: hexadecimal, with or without <c>0x</c>.</summary>
    private static long Hexadecimal(string token, string what, Func<string, FwEnvConfigException> error)
    {
        ReadOnlySpan<char> digits = token;
        if (digits.StartsWith('-'))
        {
            throw error($"{what} '{token}' must not be negative");
        }
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }
        return (long)Magnitude(token, digits, 16, what, error);
    }

    private static ulong Magnitude(string token, ReadOnlySpan<char> digits, int radix, string what, Func<string, FwEnvConfigException> error)
    {
        if (digits.IsEmpty)
        {
            throw error($"{what} '{token}' is not a number");
        }
        ulong magnitude = 0;
        bool overflow = false;
        foreach (char c in digits)
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? (c | 0x20) - 'a' + 10 : int.MaxValue;
            if (digit >= radix)
            {
                throw error(radix == 8 ? $"{what} '{token}' is not a number (a leading 0 makes it octal)" : $"{what} '{token}' is not a number");
            }
            overflow |= magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix;
            magnitude = unchecked((magnitude * (ulong)radix) + (ulong)digit);
        }
        if (overflow || magnitude > long.MaxValue)
        {
            throw error($"{what} '{token}' is out of range");
        }
        return magnitude;
    }
}
