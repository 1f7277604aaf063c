using System.Collections;
using System.Globalization;
using System.Text;

namespace Medulla.SystemLog;

/// <summary>
/// The parsed fields of one record or message, pushed as a logging scope: key/value pairs for
/// <c>TryGetMetadata</c> and structured consumers, and <c>key=value</c> text for formatters that print scopes as text.
/// </summary>
internal sealed class EventMetadata(int capacity) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _pairs = new(capacity);

    public int Count => _pairs.Count;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    public void Add(string key, object? value) => _pairs.Add(new(key, value));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, object?> pair in _pairs)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append(pair.Key).Append('=');
            Append(text, pair.Value);
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> structured:
                foreach (KeyValuePair<string, IReadOnlyDictionary<string, string>> element in structured)
                {
                    text.Append('[').Append(element.Key);
                    foreach (KeyValuePair<string, string> parameter in element.Value)
                    {
                        text.Append(' ').Append(parameter.Key).Append("=\"").Append(parameter.Value.Replace("\\", "\\\\", StringComparison.Ordinal)
                            .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)).Append('"');
                    }
                    text.Append(']');
                }
                break;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value);
                break;
        }
    }
}
