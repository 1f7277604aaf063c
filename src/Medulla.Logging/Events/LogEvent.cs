using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Medulla.Logging;

/// <summary>
/// One log event: when, how severe, from where, what (message, template, structured properties,
/// exception) and in which context (domain, event id, scopes, metadata).
/// </summary>
/// <remarks>
/// To keep an enabled event free of heap allocation, the pipeline reuses event instances per thread:
/// an event handed to a filter or formatter is valid only during that call. Call <see cref="Snapshot"/>
/// to keep one.
/// </remarks>
public sealed class LogEvent
{
    private readonly Utf8Buffer _message;
    private string? _category;
    private byte[]? _categoryUtf8;
    private string? _messageText;
    private PropertySlot[] _slots = [];
    private int _slotCount;
    private IReadOnlyList<KeyValuePair<string, object?>>? _objectProperties;
    private int _skippedIndex = -1;
    private IExternalScopeProvider? _scopeProvider;
    private IReadOnlyList<KeyValuePair<string, object?>>? _metadata;
    private List<object?>? _scopeSnapshot;

    /// <summary>Creates an event with a text message.</summary>
    public LogEvent(Level level, string category, string message, Exception? exception = null)
        : this()
    {
        if (!level.IsSeverity())
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "an event needs one of the eight severities");
        }
        Level = level;
        Category = category ?? throw new ArgumentNullException(nameof(category));
        Timestamp = DateTime.UtcNow;
        Exception = exception;
        SetMessage(message);
    }

    internal LogEvent()
    {
        _message = new Utf8Buffer(256);
        Category = "";
    }

    private LogEvent(Utf8Buffer formatBuffer)
        : this() => FormatBuffer = formatBuffer;

    /// <summary>UTC time the event was created, with the clock's resolution (at least microseconds).</summary>
    public DateTime Timestamp { get; set; }

    /// <summary>Severity.</summary>
    public Level Level { get; set; }

    /// <summary>The category (usually the type or component name, dotted).</summary>
    public string Category
    {
        get => _category!;
        set
        {
            _category = value;
            _categoryUtf8 = null;
        }
    }

    /// <summary>The category as UTF-8 when the logger supplied it (null after <see cref="Category"/> was set).</summary>
    internal byte[]? CategoryUtf8 => _categoryUtf8;

    /// <summary>
    /// Pooled events only: the buffer a handler formats this event into. Pooled events belong to one
    /// thread while they are handled, so the buffer needs no thread-local lookup and is never shared.
    /// </summary>
    internal Utf8Buffer? FormatBuffer { get; }

    /// <summary>A pooled event: it also carries the buffer handlers format it into on its thread.</summary>
    internal static LogEvent NewPooled() => new(new Utf8Buffer(1024));

    /// <summary>The message template ("{OriginalFormat}"), when known.</summary>
    public string? Template { get; set; }

    /// <summary>The exception, when one was logged.</summary>
    public Exception? Exception { get; set; }

    /// <summary>Event id from Microsoft.Extensions.Logging (default 0, no name).</summary>
    public EventId EventId { get; set; }

    /// <summary>The level as the source named it when Medulla's level differs (for example "trace"); else null.</summary>
    public string? OriginalLevel { get; set; }

    /// <summary>The domain (OTP style: a path such as ["medulla", "heart"]); null when undefined.</summary>
    public IReadOnlyList<string>? Domain { get; set; }

    /// <summary>Metadata shared by all events of the system (primary configuration).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> GlobalMetadata { get; set; } = [];

    /// <summary>The message rendered as UTF-8, after truncation.</summary>
    public ReadOnlySpan<byte> MessageUtf8 => _message.WrittenSpan;

    /// <summary>The message as text (decoded on first use).</summary>
    public string Message => _messageText ??= Encoding.UTF8.GetString(_message.WrittenSpan);

    internal bool IsOverloadReport { get; set; }

    /// <summary>Number of structured properties.</summary>
    public int PropertyCount => _objectProperties is { } objects ? objects.Count - (_skippedIndex >= 0 ? 1 : 0) : _slotCount;

    /// <summary>The property at <paramref name="index"/>.</summary>
    public LogProperty GetProperty(int index)
    {
        if (_objectProperties is { } objects)
        {
            if (_skippedIndex >= 0 && index >= _skippedIndex)
            {
                index++;
            }
            KeyValuePair<string, object?> kv = objects[index];
            return new LogProperty(kv.Key, kv.Value);
        }
        if ((uint)index >= (uint)_slotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        PropertySlot slot = _slots[index];
        ReadOnlySpan<byte> message = _message.WrittenSpan;
        int start = Math.Min(slot.Start, message.Length);
        int length = Math.Min(slot.Length, message.Length - start);
        return new LogProperty(slot.Name, message.Slice(start, length), slot.Kind);
    }

    /// <summary>Finds a property by name (ordinal); false when absent.</summary>
    public bool TryGetProperty(string name, out LogProperty property)
    {
        int count = PropertyCount;
        for (int i = 0; i < count; i++)
        {
            LogProperty p = GetProperty(i);
            if (string.Equals(p.Name, name, StringComparison.Ordinal))
            {
                property = p;
                return true;
            }
        }
        property = default;
        return false;
    }

    /// <summary>Whether the event has scopes.</summary>
    public bool HasScopes
    {
        get
        {
            if (_scopeSnapshot is not null)
            {
                return _scopeSnapshot.Count > 0;
            }
            if (_metadata is not null)
            {
                return true;
            }
            if (_scopeProvider is null)
            {
                return false;
            }
            var probe = new ScopeProbe();
            _scopeProvider.ForEachScope(static (_, p) => p.Any = true, probe);
            return probe.Any;
        }
    }

    /// <summary>
    /// Calls <paramref name="callback"/> for each scope, outermost first. The event's own metadata (see
    /// <see cref="CategoryLogger.Log(Level, string, IReadOnlyList{KeyValuePair{string, object}}, Exception)"/>)
    /// comes last, as the innermost scope.
    /// </summary>
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (_scopeSnapshot is not null)
        {
            foreach (object? scope in _scopeSnapshot)
            {
                callback(scope, state);
            }
            return;
        }
        _scopeProvider?.ForEachScope(callback, state);
        if (_metadata is not null)
        {
            callback(_metadata, state);
        }
    }

    /// <summary>
    /// Looks up a metadata key: key/value pairs from scopes (innermost wins), then global metadata.
    /// </summary>
    public bool TryGetMetadata(string key, out object? value)
    {
        var lookup = new MetadataLookup(key);
        ForEachScope(static (scope, l) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (KeyValuePair<string, object?> kv in pairs)
                {
                    if (string.Equals(kv.Key, l.Key, StringComparison.Ordinal))
                    {
                        l.Value = kv.Value;
                        l.Hit = true;
                    }
                }
            }
        }, lookup);
        if (lookup.Hit)
        {
            value = lookup.Value;
            return true;
        }
        foreach (KeyValuePair<string, object?> kv in GlobalMetadata)
        {
            if (string.Equals(kv.Key, key, StringComparison.Ordinal))
            {
                value = kv.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>A copy that stays valid after the call that received this event returns.</summary>
    public LogEvent Snapshot()
    {
        var copy = new LogEvent
        {
            Timestamp = Timestamp,
            Level = Level,
            Category = Category,
            Template = Template,
            Exception = Exception,
            EventId = EventId,
            OriginalLevel = OriginalLevel,
            Domain = Domain,
            GlobalMetadata = GlobalMetadata,
            IsOverloadReport = IsOverloadReport,
        };
        copy._message.Write(_message.WrittenSpan);
        if (_objectProperties is not null)
        {
            copy._objectProperties = _objectProperties.ToArray();
            copy._skippedIndex = _skippedIndex;
        }
        else
        {
            copy._slots = _slots.AsSpan(0, _slotCount).ToArray();
            copy._slotCount = _slotCount;
        }
        var scopes = new List<object?>();
        ForEachScope(static (s, list) => list.Add(s), scopes);
        copy._scopeSnapshot = scopes;
        return copy;
    }

    /// <summary>Replaces the message text.</summary>
    public void SetMessage(string message)
    {
        _message.Clear();
        _messageText = null;
        _slotCount = 0;
        Utf8Values.WriteString(_message, message);
    }

    // ---- pipeline internals: the reusable event is filled in place ----

    internal Utf8Buffer MessageBuffer => _message;

    internal void Reset(Level level, string category, byte[]? categoryUtf8, DateTime timestamp)
    {
        Timestamp = timestamp;
        Level = level;
        _category = category;
        _categoryUtf8 = categoryUtf8;
        Template = null;
        Exception = null;
        EventId = default;
        OriginalLevel = null;
        Domain = null;
        GlobalMetadata = [];
        IsOverloadReport = false;
        _message.ShrinkIfHuge();
        _message.Clear();
        _messageText = null;
        _slotCount = 0;
        _objectProperties = null;
        _skippedIndex = -1;
        _scopeProvider = null;
        _metadata = null;
        _scopeSnapshot = null;
    }

    /// <summary>
    /// Takes structured state as properties. The "{OriginalFormat}" entry of Microsoft.Extensions.Logging
    /// state becomes <see cref="Template"/> instead of a property.
    /// </summary>
    internal void SetObjectProperties(IReadOnlyList<KeyValuePair<string, object?>>? properties)
    {
        _objectProperties = properties;
        _skippedIndex = -1;
        if (properties is null)
        {
            return;
        }
        for (int i = properties.Count - 1; i >= 0; i--)
        {
            KeyValuePair<string, object?> kv = properties[i];
            if (kv.Key == "{OriginalFormat}")
            {
                _skippedIndex = i;
                Template = kv.Value as string;
                return;
            }
        }
    }

    internal void SetScopeProvider(IExternalScopeProvider? provider) => _scopeProvider = provider;

    internal void SetMetadata(IReadOnlyList<KeyValuePair<string, object?>>? metadata) => _metadata = metadata;

    internal void AddRenderedProperty(string name, int start, int length, PropertyKind kind)
    {
        if (_slotCount == _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(4, _slots.Length * 2));
        }
        _slots[_slotCount++] = new PropertySlot(name, start, length, kind);
    }

    /// <summary>Cuts the message to <paramref name="maxBytes"/> on a UTF-8 boundary, ending with " (truncated)".</summary>
    internal void TruncateMessage(int maxBytes)
    {
        if (maxBytes <= 0 || _message.Length <= maxBytes)
        {
            return;
        }
        ReadOnlySpan<byte> marker = " (truncated)"u8;
        int keep = Utf8Text.BoundaryAtOrBefore(_message.WrittenSpan, Math.Max(0, maxBytes - marker.Length));
        _message.Truncate(keep);
        _message.Write(marker);
        _messageText = null;
    }

    private readonly record struct PropertySlot(string Name, int Start, int Length, PropertyKind Kind);

    private sealed class ScopeProbe
    {
        public bool Any { get; set; }
    }

    private sealed class MetadataLookup(string key)
    {
        public string Key { get; } = key;
        public object? Value { get; set; }
        public bool Hit { get; set; }
    }
}
