
namespace Medulla.Logging;

/// <summary>
/// Formats an event as text from a template of literal text and keys, such as
/// <c>"{time} {level} {category}: {msg}\n"</c> (see <see cref="TemplateFormatterOptions.Template"/>).
/// </summary>
/// <remarks>
/// The template is parsed once, at construction; one instance serves any number of threads. Formatting
/// writes UTF-8 straight into the output and, in the steady state, allocates nothing for the built-in
/// keys and for properties of string or number values. What does allocate: <c>exception</c> and scopes
/// that are not strings or numbers (they need <see cref="object.ToString"/>), and keys that are not
/// properties of the event, since they are looked up with <see cref="LogEvent.TryGetMetadata"/>.
/// </remarks>
public sealed class TemplateFormatter : ILogFormatter
{
    private static readonly byte[][] UpperLevelNames =
        [.. Enumerable.Range(0, 8).Select(i => System.Text.Encoding.UTF8.GetBytes(((Level)i).Name().ToUpperInvariant()))];

    [ThreadStatic] private static ScopeJoin? t_scopeJoin;

    private readonly TemplatePart[] _parts;
    private readonly bool _singleLine;
    private readonly bool _utcTime;
    private readonly int _maxSize;
    private readonly int _charsLimit;
    private readonly bool _editsValues;

    /// <summary>Creates a formatter with the default template and settings.</summary>
    public TemplateFormatter()
        : this(null)
    {
    }

    /// <summary>Creates a formatter; the template is parsed here.</summary>
    /// <exception cref="ArgumentException">A limit in <paramref name="options"/> is out of range.</exception>
    /// <exception cref="FormatException">The template is malformed; the message gives the position.</exception>
    public TemplateFormatter(TemplateFormatterOptions? options = null)
    {
        Options = options ?? new TemplateFormatterOptions();
        Options.ValidateLimits();
        _parts = TemplateParser.Parse(Options.Template);
        _singleLine = Options.SingleLine;
        _utcTime = Options.UtcTime;
        _maxSize = Options.MaxSize ?? 0;
        _charsLimit = Options.CharsLimit ?? 0;
        _editsValues = _singleLine || _charsLimit > 0 || _maxSize > 0;
    }

    /// <summary>The settings this formatter was built with.</summary>
    public TemplateFormatterOptions Options { get; }

    /// <inheritdoc />
    public void Format(LogEvent logEvent, Utf8Buffer output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        Render(_parts, logEvent, output);
    }

    private void Render(TemplatePart[] parts, LogEvent e, Utf8Buffer output)
    {
        foreach (TemplatePart part in parts)
        {
            switch (part.Kind)
            {
                case TemplatePartKind.Literal:
                    output.Write(part.Literal);
                    break;
                case TemplatePartKind.Value:
                    WriteValue(part, e, output);
                    break;
                default:
                    TemplatePart[]? branch = IsPresent(part, e) ? part.Then : part.Else;
                    if (branch is not null)
                    {
                        Render(branch, e, output);
                    }
                    break;
            }
        }
    }

    private void WriteValue(TemplatePart part, LogEvent e, Utf8Buffer output)
    {
        int start = output.Length;
        WriteRaw(part, e, output);
        if (!_editsValues || output.Length == start)
        {
            return;
        }
        if (_singleLine)
        {
            InsertedValueEdits.CollapseNewlines(output, start);
        }
        if (_charsLimit > 0 && part.Key == TemplateKey.Message)
        {
            InsertedValueEdits.LimitScalars(output, start, _charsLimit);
        }
        if (_maxSize > 0)
        {
            InsertedValueEdits.LimitBytes(output, start, _maxSize);
        }
    }

    private static bool IsPresent(TemplatePart part, LogEvent e) => part.Key switch
    {
        TemplateKey.Time or TemplateKey.Level or TemplateKey.LevelUpper or TemplateKey.Pid or TemplateKey.Thread => true,
        TemplateKey.Category => e.Category.Length > 0,
        TemplateKey.Message => !e.MessageUtf8.IsEmpty,
        TemplateKey.Template => !string.IsNullOrEmpty(e.Template),
        TemplateKey.Exception => e.Exception is not null,
        TemplateKey.EventId => e.EventId.Id != 0 || !string.IsNullOrEmpty(e.EventId.Name),
        TemplateKey.EventName => !string.IsNullOrEmpty(e.EventId.Name),
        TemplateKey.Domain => e.Domain is { Count: > 0 },
        TemplateKey.Scopes => CountScopes(e) > 0,
        TemplateKey.OriginalLevel => !string.IsNullOrEmpty(e.OriginalLevel),
        _ => e.TryGetProperty(part.Name, out _) || e.TryGetMetadata(part.Name, out _),
    };

    private void WriteRaw(TemplatePart part, LogEvent e, Utf8Buffer output)
    {
        switch (part.Key)
        {
            case TemplateKey.Time:
                Rfc3339Time.Write(output, e.Timestamp, _utcTime);
                break;
            case TemplateKey.Level:
                WriteLevel(e.Level, output, upper: false);
                break;
            case TemplateKey.LevelUpper:
                WriteLevel(e.Level, output, upper: true);
                break;
            case TemplateKey.Category:
                if (e.CategoryUtf8 is { } category)
                {
                    output.Write(category);
                }
                else
                {
                    Utf8Values.WriteString(output, e.Category);
                }
                break;
            case TemplateKey.Message:
                output.Write(e.MessageUtf8);
                break;
            case TemplateKey.Template:
                Utf8Values.WriteString(output, e.Template);
                break;
            case TemplateKey.Exception:
                if (e.Exception is { } exception)
                {
                    Utf8Values.WriteString(output, exception.ToString());
                }
                break;
            case TemplateKey.EventId:
                if (IsPresent(part, e))
                {
                    Utf8Values.WriteFormattable(output, e.EventId.Id, default);
                }
                break;
            case TemplateKey.EventName:
                Utf8Values.WriteString(output, e.EventId.Name);
                break;
            case TemplateKey.Domain:
                WriteDomain(e.Domain, output);
                break;
            case TemplateKey.Scopes:
                WriteScopes(e, output);
                break;
            case TemplateKey.OriginalLevel:
                Utf8Values.WriteString(output, e.OriginalLevel);
                break;
            case TemplateKey.Pid:
                Utf8Values.WriteFormattable(output, Environment.ProcessId, default);
                break;
            case TemplateKey.Thread:
                Utf8Values.WriteFormattable(output, Environment.CurrentManagedThreadId, default);
                break;
            default:
                if (e.TryGetProperty(part.Name, out LogProperty property))
                {
                    property.WriteValue(output);
                }
                else if (e.TryGetMetadata(part.Name, out object? value))
                {
                    Utf8Values.Write(output, value);
                }
                break;
        }
    }

    private static void WriteLevel(Level level, Utf8Buffer output, bool upper)
    {
        if (!level.IsSeverity())
        {
            // Not a valid event level; write something readable rather than fail the handler.
            Utf8Values.WriteFormattable(output, (int)level, default);
            return;
        }
        output.Write(upper ? UpperLevelNames[(int)level] : level.Utf8Name());
    }

    private static void WriteDomain(IReadOnlyList<string>? domain, Utf8Buffer output)
    {
        if (domain is null)
        {
            return;
        }
        for (int i = 0; i < domain.Count; i++)
        {
            if (i > 0)
            {
                output.Write((byte)'.');
            }
            Utf8Values.WriteString(output, domain[i]);
        }
    }

    private static int CountScopes(LogEvent e) => JoinScopes(e, null);

    private static void WriteScopes(LogEvent e, Utf8Buffer output) => JoinScopes(e, output);

    /// <summary>Writes the scopes joined with " =&gt; " when <paramref name="output"/> is set; returns their number.</summary>
    private static int JoinScopes(LogEvent e, Utf8Buffer? output)
    {
        // Taken off the thread while in use: a scope's ToString may log, and re-enter this formatter.
        ScopeJoin join = t_scopeJoin ?? new ScopeJoin();
        t_scopeJoin = null;
        join.Output = output;
        join.Count = 0;
        try
        {
            e.ForEachScope(static (scope, j) =>
            {
                if (j.Output is { } o)
                {
                    if (j.Count > 0)
                    {
                        o.Write(" => "u8);
                    }
                    Utf8Values.Write(o, scope);
                }
                j.Count++;
            }, join);
            return join.Count;
        }
        finally
        {
            join.Output = null;
            t_scopeJoin = join;
        }
    }

    private sealed class ScopeJoin
    {
        public Utf8Buffer? Output { get; set; }

        public int Count { get; set; }
    }
}
