using System.Collections;
using System.Globalization;
using System.Text;

namespace Medulla.SystemLog;

/// <summary>
/// The parsed fields of one record or message, as the event's own metadata: key/value pairs for
/// <c>TryGetMetadata</c> and structured consumers, and <c>key=value</c> text for formatters that print scopes
/// as text. The pairs are built on first use, so a handler whose formatter prints none costs one object.
/// </summary>
internal abstract class EventMetadata : IReadOnlyList<KeyValuePair<string, object?>>
{
    private List<KeyValuePair<string, object?>>? _pairs;

    public int Count => Pairs.Count;

    public KeyValuePair<string, object?> this[int index] => Pairs[index];

    private List<KeyValuePair<string, object?>> Pairs
    {
        get
        {
            if (_pairs is null)
            {
                var pairs = new List<KeyValuePair<string, object?>>(12);
                Fill(pairs);
                _pairs = pairs;
            }
            return _pairs;
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds the pairs, in the order they are shown.</summary>
    protected abstract void Fill(List<KeyValuePair<string, object?>> pairs);

    protected static void Add(List<KeyValuePair<string, object?>> pairs, string key, object? value) => pairs.Add(new(key, value));

    protected static void AddIfPresent(List<KeyValuePair<string, object?>> pairs, string key, string? value)
    {
        if (value is not null)
        {
            pairs.Add(new(key, value));
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, object?> pair in Pairs)
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

/// <summary>A kernel record's fields: facility, severity, sequence number, kernel time, flags, then its continuation properties.</summary>
internal sealed class KmsgMetadata(KmsgRecord record) : EventMetadata
{
    protected override void Fill(List<KeyValuePair<string, object?>> pairs)
    {
        Add(pairs, "facility", record.Facility);
        Add(pairs, "severity", record.Severity);
        Add(pairs, "seq", record.Sequence);
        Add(pairs, "kernel_usec", record.Microseconds);
        Add(pairs, "flags", record.Flags);
        foreach (KeyValuePair<string, string> property in record.Properties)
        {
            Add(pairs, property.Key, property.Value);
        }
    }
}

/// <summary>A syslog message's header fields, its structured data, the sender's credentials and what was wrong with it.</summary>
internal sealed class SyslogMetadata(SyslogMessage message) : EventMetadata
{
    protected override void Fill(List<KeyValuePair<string, object?>> pairs)
    {
        Add(pairs, "facility", message.Facility);
        Add(pairs, "severity", message.Severity);
        AddIfPresent(pairs, "timestamp", message.Timestamp?.ToString("O", CultureInfo.InvariantCulture));
        AddIfPresent(pairs, "hostname", message.Hostname);
        AddIfPresent(pairs, "app", message.AppName);
        AddIfPresent(pairs, "procid", message.ProcId);
        AddIfPresent(pairs, "msgid", message.MsgId);
        if (message.StructuredData.Count > 0)
        {
            Add(pairs, "structured_data", message.StructuredData);
        }
        if (message.SenderPid is int pid)
        {
            Add(pairs, "sender_pid", pid);
        }
        if (message.SenderUid is long uid)
        {
            Add(pairs, "sender_uid", uid);
        }
        if (message.IsMalformed)
        {
            Add(pairs, "malformed", true);
            AddIfPresent(pairs, "error", message.Error);
        }
        if (message.Truncated)
        {
            Add(pairs, "truncated", true);
        }
    }
}
