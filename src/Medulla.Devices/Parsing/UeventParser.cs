using System.Globalization;
using System.Text;

namespace Medulla.Devices;

/// <summary>
/// Reads the kernel's uevent datagrams (lib/kobject_uevent.c): a header <c>ACTION@DEVPATH\0</c> then
/// <c>KEY=VALUE\0</c> fields, which repeat ACTION and DEVPATH and carry SEQNUM and the rest. Pure and
/// total: every input gives a result, nothing throws, and the work is one pass over the bytes.
/// </summary>
public static class UeventParser
{
    // libudev's netlink messages (group 2) begin with this 8-byte magic prefix, then a binary header.
    private static ReadOnlySpan<byte> UdevPrefix => "libudev\0"u8;

    /// <summary>Parses one datagram.</summary>
    public static UeventParseResult Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return UeventParseResult.Malformed("empty datagram");
        }
        if (datagram.StartsWith(UdevPrefix))
        {
            return UeventParseResult.Udev();
        }
        int headerEnd = datagram.IndexOf((byte)0);
        if (headerEnd < 0)
        {
            return UeventParseResult.Malformed("no NUL after the ACTION@DEVPATH header");
        }
        ReadOnlySpan<byte> header = datagram[..headerEnd];
        int at = header.IndexOf((byte)'@');
        if (at <= 0)
        {
            return UeventParseResult.Malformed("header is not ACTION@DEVPATH");
        }
        string headerAction = Decode(header[..at]);
        string headerPath = Decode(header[(at + 1)..]);
        if (!DeviceActions.TryParse(headerAction, out DeviceAction action))
        {
            return UeventParseResult.Malformed($"unknown action '{Escape(headerAction)}'");
        }
        if (headerPath.Length < 2 || headerPath[0] != '/')
        {
            return UeventParseResult.Malformed($"DEVPATH '{Escape(headerPath)}' in the header is not an absolute path");
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadOnlySpan<byte> rest = datagram[(headerEnd + 1)..];
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)0);
            ReadOnlySpan<byte> field = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (field.IsEmpty)
            {
                // The kernel ends the last field with NUL and adds nothing after; an empty field in the middle is not its output.
                if (rest.IsEmpty)
                {
                    break;
                }
                return UeventParseResult.Malformed("empty field");
            }
            int equals = field.IndexOf((byte)'=');
            if (equals <= 0)
            {
                return UeventParseResult.Malformed($"field '{Escape(Decode(field))}' is not KEY=VALUE");
            }
            string key = Decode(field[..equals]);
            if (!properties.TryAdd(key, Decode(field[(equals + 1)..])))
            {
                return UeventParseResult.Malformed($"key {Escape(key)} repeated");
            }
        }

        if (!properties.TryGetValue("ACTION", out string? fieldAction) || fieldAction != headerAction)
        {
            return UeventParseResult.Malformed($"ACTION field '{Escape(fieldAction ?? "(missing)")}' differs from the header's '{headerAction}'");
        }
        if (!properties.TryGetValue("DEVPATH", out string? fieldPath) || fieldPath != headerPath)
        {
            return UeventParseResult.Malformed($"DEVPATH field '{Escape(fieldPath ?? "(missing)")}' differs from the header's '{Escape(headerPath)}'");
        }
        if (!properties.TryGetValue("SEQNUM", out string? seq) || !ulong.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return UeventParseResult.Malformed($"SEQNUM '{Escape(seq ?? "(missing)")}' is not a number");
        }
        return UeventParseResult.Parsed(new DeviceEvent(action, headerPath, properties));
    }

    /// <summary>
    /// Reads a sysfs <c>uevent</c> file's text (<c>KEY=VALUE</c> lines, no ACTION) into properties; lines
    /// without '=' are skipped, as the kernel never writes them.
    /// </summary>
    internal static Dictionary<string, string> ParseUeventFile(string text)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                properties[line[..equals]] = line[(equals + 1)..];
            }
        }
        return properties;
    }

    // Invalid UTF-8 (a device name from a USB descriptor can be anything) becomes U+FFFD rather than an error.
    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>Keeps a rejection reason printable and short: control characters escaped, cut at 80 characters.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 80));
        foreach (char c in text)
        {
            if (sb.Length >= 80)
            {
                sb.Append("...");
                break;
            }
            if (char.IsControl(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
