namespace Medulla.Logging;

/// <summary>Settings of a <see cref="TemplateFormatter"/>.</summary>
public sealed record TemplateFormatterOptions
{
    /// <summary>
    /// The default template: time, level, category and message on one line, the exception (when present)
    /// on the following lines.
    /// </summary>
    public const string DefaultTemplate = "{time} {level} {category}: {msg}{exception?\n{exception}}\n";

    /// <summary>
    /// The default template when <see cref="SingleLine"/> is set: as <see cref="DefaultTemplate"/>, but
    /// the exception follows the message after a space, so each record stays one line.
    /// </summary>
    public const string DefaultSingleLineTemplate = "{time} {level} {category}: {msg}{exception? {exception}}\n";

    /// <summary>The smallest byte and character limits: room for the "..." marker and something to mark.</summary>
    public const int MinimumLimit = 4;

    private readonly string? _template;

    /// <summary>
    /// The template: literal text and keys. <c>{key}</c> inserts a value (nothing when absent);
    /// <c>{key?THEN}</c> inserts THEN only when the key is present; <c>{key?THEN:ELSE}</c> inserts ELSE
    /// otherwise. THEN and ELSE are templates, and conditionals nest up to 32 deep. Outside placeholders
    /// <c>{{</c> and <c>}}</c> are literal braces. Inside a branch <c>}</c> always closes the innermost
    /// conditional; literal text there escapes with a backslash: <c>\{</c>, <c>\}</c>, <c>\:</c> (or
    /// <c>::</c>) and <c>\\</c>.
    /// Keys: <c>time</c>, <c>level</c>, <c>LEVEL</c>, <c>category</c>, <c>msg</c> (or <c>message</c>),
    /// <c>template</c>, <c>exception</c>, <c>event_id</c>, <c>event_name</c>, <c>domain</c>,
    /// <c>scopes</c>, <c>original_level</c>, <c>pid</c>, <c>thread</c>; any other key names a property
    /// of the event, else a metadata key (scopes, then global metadata).
    /// Default: <see cref="DefaultTemplate"/>, or <see cref="DefaultSingleLineTemplate"/> when
    /// <see cref="SingleLine"/> is set and no template was given.
    /// </summary>
    public string Template
    {
        get => _template ?? (SingleLine ? DefaultSingleLineTemplate : DefaultTemplate);
        init => _template = value;
    }

    /// <summary>
    /// Replace each newline ("\r\n", "\n" or "\r") inside inserted values (message, exception,
    /// properties...) with a space (default false). Literal text of the template is kept as written.
    /// </summary>
    public bool SingleLine { get; init; }

    /// <summary>
    /// Longest inserted value, in UTF-8 bytes: a longer value is cut (never inside a character) and ends
    /// with "...", the marker included in the limit. Null (default): no limit.
    /// </summary>
    public int? MaxSize { get; init; }

    /// <summary>
    /// Longest message body, in Unicode characters (scalar values): a longer one is cut and ends with
    /// "...", the marker included in the limit. Null (default): no limit.
    /// </summary>
    public int? CharsLimit { get; init; }

    /// <summary>Time in UTC ("...Z", default true); false: local time with its offset ("...+01:00").</summary>
    public bool UtcTime { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting.</summary>
    public void Validate()
    {
        ValidateLimits();
        try
        {
            TemplateParser.Parse(Template);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"TemplateFormatterOptions.Template: {ex.Message}", ex);
        }
    }

    internal void ValidateLimits()
    {
        if (MaxSize is < MinimumLimit)
        {
            throw new ArgumentException($"TemplateFormatterOptions.MaxSize must be null (no limit) or at least {MinimumLimit} bytes, not {MaxSize}");
        }
        if (CharsLimit is < MinimumLimit)
        {
            throw new ArgumentException($"TemplateFormatterOptions.CharsLimit must be null (no limit) or at least {MinimumLimit} characters, not {CharsLimit}");
        }
    }
}
