using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Medulla.SystemLog;

/// <summary>
/// RFC 5424 STRUCTURED-DATA: one or more <c>[SD-ID (SP PARAM-NAME="PARAM-VALUE")*]</c>. In a value a
/// backslash escapes only '"', '\' and ']'; before any other character it is kept (RFC 5424 section 6.3.3).
/// </summary>
internal static class StructuredDataParser
{
    /// <summary>Parses the elements at the start of <paramref name="rest"/> and advances past them.</summary>
    public static bool TryParse(ref ReadOnlySpan<byte> rest, out IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> result, [NotNullWhen(false)] out string? error)
    {
        var elements = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        result = elements;
        var value = new StringBuilder();
        while (!rest.IsEmpty && rest[0] == (byte)'[')
        {
            rest = rest[1..];
            int idLength = NameLength(rest);
            if (idLength == 0 || idLength > 32)
            {
                error = "RFC 5424 structured data has an SD-ID that is empty or longer than 32 characters";
                return false;
            }
            string id = Encoding.UTF8.GetString(rest[..idLength]);
            rest = rest[idLength..];
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            while (true)
            {
                if (rest.IsEmpty)
                {
                    error = $"RFC 5424 structured data element [{id} is not closed with ']'";
                    return false;
                }
                if (rest[0] == (byte)']')
                {
                    rest = rest[1..];
                    break;
                }
                if (rest[0] != (byte)' ')
                {
                    error = $"RFC 5424 structured data element [{id} has '{(char)rest[0]}' where a space or ']' belongs";
                    return false;
                }
                rest = rest[1..];
                int nameLength = NameLength(rest);
                if (nameLength == 0 || nameLength > 32 || rest.Length < nameLength + 2 || rest[nameLength] != (byte)'=' || rest[nameLength + 1] != (byte)'"')
                {
                    error = $"RFC 5424 structured data element [{id} has a parameter that is not NAME=\"VALUE\"";
                    return false;
                }
                string name = Encoding.UTF8.GetString(rest[..nameLength]);
                rest = rest[(nameLength + 2)..];
                if (!TryValue(ref rest, value))
                {
                    error = $"RFC 5424 structured data parameter {id} {name} has no closing '\"'";
                    return false;
                }
                parameters[name] = value.ToString();
            }
            // A repeated SD-ID is against the RFC; the later one wins rather than the datagram being lost.
            elements[id] = parameters;
        }
        error = null;
        return true;
    }

    private static int NameLength(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length && text[i] is > 32 and < 127 and not (byte)'=' and not (byte)']' and not (byte)'"' and not (byte)' ')
        {
            i++;
        }
        return i;
    }

    private static bool TryValue(ref ReadOnlySpan<byte> rest, StringBuilder value)
    {
        value.Clear();
        int start = 0;
        for (int i = 0; i < rest.Length; i++)
        {
            byte b = rest[i];
            if (b == (byte)'\\' && i + 1 < rest.Length && rest[i + 1] is (byte)'"' or (byte)'\\' or (byte)']')
            {
                value.Append(Encoding.UTF8.GetString(rest[start..i]));
                value.Append((char)rest[i + 1]);
                i++;
                start = i + 1;
            }
            else if (b == (byte)'"')
            {
                value.Append(Encoding.UTF8.GetString(rest[start..i]));
                rest = rest[(i + 1)..];
                return true;
            }
        }
        return false;
    }
}
